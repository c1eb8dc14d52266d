// The src/github level's harness: a fake GitHub per test (two tokens: one that may write pull requests, one
// that may only read), a real Octokit pointed at it, and a run description as the runner's environment gives it.
import { getOctokit } from '@actions/github';
import { test } from 'vitest';
import type { GitHubClient, GitHubRun } from '../../src/github/run-context.js';
import { startFakeGitHub, type FakeGitHub } from '../fake-github/index.js';

const REPOSITORY = { owner: 'octo', repo: 'app' };
const WRITE_TOKEN = 'ghs_write_token_0123456789';
export const READ_TOKEN = 'ghs_read_token_0123456789';

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
  client: (token?: string) => GitHubClient;
  warnings: string[];
}>({
  github: async ({}, use) => {
    const github = await startFakeGitHub({
      repository: 'octo/app',
      tokens: {
        [WRITE_TOKEN]: { contents: 'read', pullRequests: 'write' },
        [READ_TOKEN]: { contents: 'read', pullRequests: 'read' },
      },
    });
    try {
      await use(github);
    } finally {
      await github.close();
    }
  },
  client: async ({ github }, use) => {
    await use((token = WRITE_TOKEN) => getOctokit(token, { baseUrl: github.url }));
  },
  warnings: async ({}, use) => {
    await use([]);
  },
});
