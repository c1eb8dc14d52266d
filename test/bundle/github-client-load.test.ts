// loadGitHubClient imports @actions/github's Octokit on first use. @actions/github reads GITHUB_API_URL as it
// loads, as in a runner's process, whose environment is set before it starts; so this file imports nothing of
// src/github before the variable is set (a file of its own: Node keeps a package it loaded once).
import { afterEach, describe, expect, it } from 'vitest';
import { answerJson, listen } from './loopback-server.js';

afterEach(() => {
  delete process.env.GITHUB_API_URL;
});

describe('loadGitHubClient', () => {
  it('loads the client on first use, for the API at GITHUB_API_URL', async () => {
    const github = await listen(answerJson({ full_name: 'octo/app' }));
    try {
      process.env.GITHUB_API_URL = github.url;
      const { loadGitHubClient } = await import('../../src/github/index.js');
      const octokit = await loadGitHubClient('gh-token', () => {});
      await octokit.request('GET /repos/{owner}/{repo}', { owner: 'octo', repo: 'app' });
      expect(github.seen).toEqual([
        { method: 'GET', url: '/repos/octo/app', authorization: 'token gh-token' },
      ]);
    } finally {
      await github.close();
    }
  });
});
