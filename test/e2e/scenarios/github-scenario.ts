// The scenarios' fixtures for the GitHub features: a fake GitHub beside the fake App Store Connect, and the
// runner's environment for an event (GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_REPOSITORY, GITHUB_EVENT_PATH and
// GITHUB_API_URL pointing at the fake). Event files live in a directory of their own, removed after the test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  READ_TOKEN,
  WRITE_TOKEN,
  withTestGitHub,
  type FakeGitHub,
} from '../../fake-github/index.js';
import { DEMO_ACCOUNT, keyForms } from '../fixtures.js';
import type { ActionRun } from '../run-action.js';
import { scenarioTest, soloKey, teamKey } from './scenario-test.js';

export { READ_TOKEN, WRITE_TOKEN };

export interface GitHubEvent {
  name: string;
  ref: string;
  payload?: Record<string, unknown>;
}

/** A `pull_request` event for pull request #7, as a push to its branch sends it. */
export const PULL_REQUEST: GitHubEvent = {
  name: 'pull_request',
  ref: 'refs/pull/7/merge',
  payload: { action: 'synchronize', number: 7, pull_request: { number: 7 } },
};

export const githubScenarioTest = scenarioTest.extend<{
  github: FakeGitHub;
  /** The environment of a runner for `event`, with the API at the fake GitHub. */
  runnerEnv: (event: GitHubEvent) => Record<string, string>;
}>({
  github: async ({}, use) => withTestGitHub(use),
  runnerEnv: async ({ github }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tfbg-event-'));
    let n = 0;
    try {
      await use((event) => {
        const path = join(dir, `event-${n++}.json`);
        writeFileSync(path, JSON.stringify(event.payload ?? {}));
        return {
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_EVENT_NAME: event.name,
          GITHUB_EVENT_PATH: path,
          GITHUB_REF: event.ref,
          GITHUB_REPOSITORY: 'octo/app',
          GITHUB_RUN_ID: '4242',
        };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

/** No key, JWT, demo-account password or GitHub token in anything the fake GitHub was sent. */
export function expectNoSecretsSentTo(github: FakeGitHub): void {
  const sent = JSON.stringify(github.requests.map((r) => r.body));
  for (const form of [teamKey, soloKey].flatMap(keyForms)) expect(sent).not.toContain(form);
  expect(sent).not.toMatch(/eyJ[\w-]{10,}/);
  expect(sent).not.toContain(DEMO_ACCOUNT.password);
  expect(sent).not.toContain(WRITE_TOKEN);
  expect(sent).not.toContain(READ_TOKEN);
}

/** The GitHub tokens are masked: never in the log (past the runner's `::add-mask::`), the outputs or the summary. */
export function expectTokensHidden(run: ActionRun): void {
  const shown = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const published = [shown, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
  for (const token of [WRITE_TOKEN, READ_TOKEN]) expect(published).not.toContain(token);
  expect(run.stdout).toContain(`::add-mask::`);
}
