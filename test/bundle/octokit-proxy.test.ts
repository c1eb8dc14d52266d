// The action's Octokit sends its requests through the proxy in HTTP_PROXY, on the action's undici, as
// @actions/github's does (@actions/http-client picks the proxy). The proxy answers for the API host itself:
// nothing leaves the machine (`.invalid` never resolves, and loopback targets are never proxied, so the API
// cannot be the loopback server itself). @actions/github reads GITHUB_API_URL and the proxy as it loads, as in a
// runner's process, whose environment is set before it starts: the client is imported after the variables are set.
import { afterAll, expect, it } from 'vitest';
import { answerJson, listen } from './loopback-server.js';

const proxy = await listen(answerJson({ full_name: 'octo/app' }));
afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  delete process.env.HTTP_PROXY;
  await proxy.close();
});

it('sends its requests through the proxy named in HTTP_PROXY', async () => {
  // As on a GitHub Enterprise runner behind a proxy.
  process.env.GITHUB_API_URL = 'http://github.example.invalid/api/v3';
  process.env.HTTP_PROXY = proxy.url;
  const { githubClient } = await import('../../src/github/client.js');
  const octokit = githubClient('gh-token');
  const { data } = await octokit.request('GET /repos/{owner}/{repo}', {
    owner: 'octo',
    repo: 'app',
  });
  expect(data.full_name).toBe('octo/app');
  // A plain-http target goes to the proxy in absolute form.
  expect(proxy.seen).toEqual([
    {
      method: 'GET',
      url: 'http://github.example.invalid/api/v3/repos/octo/app',
      authorization: 'token gh-token',
    },
  ]);
});
