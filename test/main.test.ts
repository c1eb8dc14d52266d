// run()'s failure path: every error's stack goes to the debug log; the project's own failures are the step's
// sentence as they are, and anything else (a bug) says so. @actions/core is recorded, and the reconcile made
// to throw, so no network is involved.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InternalError } from '../src/asc/index.js';
import { PLAN_MARKER } from '../src/github/plan-comment.js';
import { run } from '../src/main.js';
import { reconcile, ReconcileError } from '../src/reconcile/index.js';
import { WRITE_TOKEN, withTestGitHub, type FakeGitHub } from './fake-github/index.js';
import { makeTestKey } from './helpers/keys.js';

vi.mock('@actions/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@actions/core')>();
  return {
    ...actual,
    getInput: vi.fn(),
    setFailed: vi.fn(),
    setOutput: vi.fn(),
    setSecret: vi.fn(),
    debug: vi.fn(),
    info: vi.fn(),
    warning: vi.fn(),
  };
});

vi.mock('../src/reconcile/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/reconcile/index.js')>()),
  reconcile: vi.fn(),
}));

const key = makeTestKey();
const INPUTS: Record<string, string> = {
  'key-id': key.kid,
  'private-key': key.pem,
  'bundle-id': 'com.example.app',
  groups: 'Beta',
  'api-base-url': 'http://127.0.0.1:9',
};

beforeEach(() => {
  vi.mocked(core.getInput).mockImplementation((name) => INPUTS[name] ?? '');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.clearAllMocks();
  core.summary.emptyBuffer();
});

/** Runs the action with the reconcile throwing `error`: what the step failed with, and what went to debug. */
async function failingWith(error: unknown): Promise<{ failed: string; debug: string }> {
  vi.mocked(reconcile).mockRejectedValueOnce(error);
  await run();
  expect(core.setFailed).toHaveBeenCalledTimes(1);
  return {
    failed: String(vi.mocked(core.setFailed).mock.calls[0]![0]),
    debug: vi
      .mocked(core.debug)
      .mock.calls.map(([line]) => line)
      .join('\n'),
  };
}

describe('the failure path', () => {
  it('fails a bug with its message, says it is a bug, and sends the stack to the debug log', async () => {
    const { failed, debug } = await failingWith(new TypeError("x is undefined (reading 'id')"));
    expect(failed).toBe(
      "x is undefined (reading 'id'). This is a bug in the action: please report it with the log.",
    );
    expect(debug).toMatch(/^TypeError: x is undefined \(reading 'id'\)\n\s+at /);
  });

  it('treats an InternalError as the bug it is', async () => {
    const { failed } = await failingWith(new InternalError('No ID for group Beta.'));
    expect(failed).toBe(
      'No ID for group Beta. This is a bug in the action: please report it with the log.',
    );
  });

  it('fails with the sentence of one of its own errors as it is, its stack and cause in the debug log', async () => {
    const cause = new Error('the answer');
    const { failed, debug } = await failingWith(
      new ReconcileError('Beta group "QA" does not exist.', { cause }),
    );
    expect(failed).toBe('Beta group "QA" does not exist.');
    expect(debug).toMatch(/^ReconcileError: Beta group "QA" does not exist\.\n\s+at /);
    expect(debug).toMatch(/\nCaused by: Error: the answer\n\s+at /);
  });

  it('fails on bad input before the reconcile, with the input sentence and its stack in the debug log', async () => {
    vi.mocked(core.getInput).mockImplementation((name) =>
      name === 'platform' ? 'ANDROID' : (INPUTS[name] ?? ''),
    );
    await run();
    expect(reconcile).not.toHaveBeenCalled();
    expect(core.setFailed).toHaveBeenCalledWith(
      expect.stringMatching(/^Input `platform` is `ANDROID`, which is not a platform .*\.$/),
    );
    expect(vi.mocked(core.debug).mock.calls[0]![0]).toMatch(/^InputError: Input `platform`/);
  });

  // One test, one fake GitHub: @actions/github reads GITHUB_API_URL once, when it is first loaded.
  it('reports a bug on the plan comment with the step sentence, and keeps masked values out of it', async () => {
    await onPullRequest(async (github) => {
      const { failed } = await failingWith(new TypeError("x is undefined (reading 'id')"));
      expect(failed).toBe(
        "x is undefined (reading 'id'). This is a bug in the action: please report it with the log.",
      );
      expect(core.warning).not.toHaveBeenCalled();
      const bodies = () => github.state.comments.map((c) => [c.issue, c.body]);
      expect(bodies()).toEqual([
        [
          7,
          expect.stringContaining(
            `${PLAN_MARKER}\n## ❌ TestFlight — plan failed\n\n**The plan could not be made**`,
          ),
        ],
      ]);
      expect(github.state.comments[0]!.body).toContain(`\n\n${failed}\n\n`);

      // The runner masks the log, not a comment: the sentence is masked before it is rendered (`ghs\_…`).
      vi.mocked(core.setFailed).mockClear();
      await failingWith(new ReconcileError(`Refused with ${DEMO_PASSWORD} and ${WRITE_TOKEN}.`));
      expect(bodies()).toEqual([
        [7, expect.stringContaining('\n\nRefused with \\*\\*\\* and \\*\\*\\*.\n\n')],
      ]);
      expect(core.warning).not.toHaveBeenCalled();
    });
  });
});

const DEMO_PASSWORD = 'Demo-S3cret-Pa55!';

/** Runs `body` with the runner's environment of a pull request at a fake GitHub, and comment-plan on. */
async function onPullRequest(body: (github: FakeGitHub) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tfbg-main-'));
  try {
    await withTestGitHub(async (github) => {
      const event = join(dir, 'event.json');
      writeFileSync(event, JSON.stringify({ pull_request: { number: 7 } }));
      for (const [name, value] of Object.entries({
        GITHUB_API_URL: github.url,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_RUN_ID: '4242',
      }))
        vi.stubEnv(name, value);
      const inputs: Record<string, string> = {
        ...INPUTS,
        'comment-plan': 'true',
        'github-token': WRITE_TOKEN,
        'demo-account': `reviewer@example.com:${DEMO_PASSWORD}`,
      };
      vi.mocked(core.getInput).mockImplementation((name) => inputs[name] ?? '');
      await body(github);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
