// The src/github level's harness: a fake GitHub per test (two tokens: one that may write pull requests, one
// that may only read), the action's own Octokit pointed at it (with a sleep for its retries that does not
// wait), and a run description as the runner's environment gives it.
import { test } from 'vitest';
import { githubClient, type GitHubClient } from '../../src/github/client.js';
import type { GitHubRun } from '../../src/github/run-context.js';
import { READ_TOKEN, WRITE_TOKEN, withTestGitHub, type FakeGitHub } from '../fake-github/index.js';

export { READ_TOKEN };

const REPOSITORY = { owner: 'octo', repo: 'app' };

export function runOf(overrides: Partial<GitHubRun> = {}): GitHubRun {
  return {
    eventName: 'push',
    ref: 'refs/tags/v1.2.0',
    repository: REPOSITORY,
    payload: {},
    runUrl: null,
    ...overrides,
  };
}

export const githubTest = test.extend<{
  github: FakeGitHub;
  /** The action's Octokit at the fake; `timeoutMs` shorter than the action's for the tests of a hang. */
  client: (token?: string, timeoutMs?: number) => GitHubClient;
  /** What the client's retries did: each wait asked of its sleep (which does not wait), each line logged. */
  retries: { waits: number[]; lines: string[] };
  warnings: string[];
}>({
  github: async ({}, use) => withTestGitHub(use),
  retries: async ({}, use) => {
    await use({ waits: [], lines: [] });
  },
  client: async ({ github, retries }, use) => {
    await use((token = WRITE_TOKEN, timeoutMs) =>
      githubClient(token, github.url, timeoutMs, {
        sleep: async (ms) => retries.waits.push(ms),
        info: (line) => retries.lines.push(line),
        now: () => Date.UTC(2026, 0, 1),
        // The middle of the jitter: the backoff is 1 s, then 2 s, exactly.
        random: () => 0.5,
      }),
    );
  },
  warnings: async ({}, use) => {
    await use([]);
  },
});
