// src/github reads its run context from the environment itself (importing @actions/github at start-up would load
// its REST endpoint plugin on every run): it must be what @actions/github's context gives for the same environment.
// Its Octokit is @actions/github's, loaded only when a run talks to GitHub.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context } from '@actions/github';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { githubClient } from '../../src/github/client.js';
import { currentRun, statusOf } from '../../src/github/run-context.js';
import { answerJson, listen } from './loopback-server.js';

const RUNNER_VARIABLES = [
  'GITHUB_EVENT_NAME',
  'GITHUB_REF',
  'GITHUB_REPOSITORY',
  'GITHUB_EVENT_PATH',
  'GITHUB_SERVER_URL',
  'GITHUB_RUN_ID',
  'ACTIONS_ORCHESTRATION_ID',
  'GITHUB_API_URL',
] as const;

afterEach(() => {
  for (const name of RUNNER_VARIABLES) delete process.env[name];
  vi.restoreAllMocks();
});

/** @actions/github's context as it reads the environment now (its `context` read it when imported). */
function toolkitContext(): typeof context {
  const Context = context.constructor as new () => typeof context;
  return new Context();
}

describe('currentRun', () => {
  it("reads the event, ref, repository, payload and server as @actions/github's context does", () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-context-'));
    try {
      const eventPath = join(dir, 'event.json');
      writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7 }, action: 'opened' }));
      Object.assign(process.env, {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SERVER_URL: 'https://github.example.com',
        GITHUB_RUN_ID: '42',
      });
      const toolkit = toolkitContext();
      const run = currentRun();
      expect(run).toEqual({
        eventName: toolkit.eventName,
        ref: toolkit.ref,
        repository: toolkit.repo,
        payload: toolkit.payload,
        runUrl: `${toolkit.serverUrl}/octo/app/actions/runs/${toolkit.runId}`,
      });
      expect(run.payload).toEqual({ pull_request: { number: 7 }, action: 'opened' });
      expect(run.runUrl).toBe('https://github.example.com/octo/app/actions/runs/42');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says, as @actions/github does, when the event file is missing, and goes on without a payload', () => {
    process.env.GITHUB_EVENT_PATH = join(tmpdir(), 'no-such-dir-for-run-context', 'event.json');
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const toolkit = toolkitContext();
    const run = currentRun();
    expect(written).toHaveLength(2);
    expect(written[1]).toBe(written[0]);
    expect(written[0]).toContain('does not exist');
    expect(run.payload).toEqual(toolkit.payload);
    expect(run.payload).toEqual({});
  });

  it('outside a runner: no event, no repository, no run page', () => {
    expect(currentRun()).toEqual({
      eventName: '',
      ref: '',
      repository: null,
      payload: {},
      runUrl: null,
    });
  });
});

describe('githubClient', () => {
  it("sends the token and the orchestration's user agent, as @actions/github's getOctokit does", async () => {
    process.env.ACTIONS_ORCHESTRATION_ID = ' run 7/attempt:1 ';
    const agents: (string | undefined)[] = [];
    const respond = answerJson({ full_name: 'octo/app' });
    const github = await listen((req, res) => {
      agents.push(req.headers['user-agent']);
      respond(req, res);
    });
    try {
      await githubClient('gh-token', github.url).request('GET /repos/{owner}/{repo}', {
        owner: 'octo',
        repo: 'app',
      });
      expect(github.seen).toEqual([
        { method: 'GET', url: '/repos/octo/app', authorization: 'token gh-token' },
      ]);
      expect(agents[0]).toMatch(/^actions_orchestration_id\/run_7_attempt_1 /);
    } finally {
      await github.close();
    }
  });
});

describe('a GitHub that does not answer', () => {
  it('gives the request up after the timeout, saying so, with no HTTP status', async () => {
    const github = await listen(() => {
      // Never answers, as a hung front end.
    });
    try {
      const request = githubClient('gh-token', github.url, 200).request(
        'GET /repos/{owner}/{repo}',
        { owner: 'octo', repo: 'app' },
      );
      const error: unknown = await request.then(
        () => expect.unreachable('a hung request answers'),
        (caught: unknown) => caught,
      );
      expect(String(error)).toBe(
        'Error: GitHub did not answer GET /repos/{owner}/{repo} within 0.2 s',
      );
      expect(statusOf(error)).toBeNull();
      expect(github.seen).toHaveLength(1);
    } finally {
      await github.close();
    }
  });
});
