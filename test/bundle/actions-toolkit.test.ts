// The toolkit on the action's one undici (package.json `overrides` gives @actions/* the action's version): the
// action's Octokit (src/github: @actions/github's getOctokit) reaches a server on loopback (through a
// proxy: octokit-proxy.test.ts), and core.getIDToken still gets a token from a loopback endpoint, though the
// action never asks for one.
import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { githubClient } from '../../src/github/client.js';
import { answerJson, listen, type LoopbackServer } from './loopback-server.js';

const started: LoopbackServer[] = [];
afterEach(async () => {
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  for (const server of started.splice(0)) await server.close();
});

async function server(body: unknown): Promise<LoopbackServer> {
  const s = await listen(answerJson(body));
  started.push(s);
  return s;
}

describe("the action's Octokit", () => {
  it('reaches the server it is given', async () => {
    const github = await server({ full_name: 'octo/app' });
    const octokit = githubClient('gh-token', github.url);
    const { data } = await octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'octo',
      repo: 'app',
    });
    expect(data.full_name).toBe('octo/app');
    expect(github.seen).toEqual([
      { method: 'GET', url: '/repos/octo/app', authorization: 'token gh-token' },
    ]);
  });
});

describe('@actions/core', () => {
  it('getIDToken asks the runtime token endpoint, with its bearer token and the audience', async () => {
    const runtime = await server({ value: 'oidc-id-token' });
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${runtime.url}/_apis/token?api-version=2.0`;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'runtime-token';
    expect(await core.getIDToken('appstoreconnect')).toBe('oidc-id-token');
    expect(runtime.seen).toEqual([
      {
        method: 'GET',
        url: '/_apis/token?api-version=2.0&audience=appstoreconnect',
        authorization: 'Bearer runtime-token',
      },
    ]);
  });
});
