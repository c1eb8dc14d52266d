// The fake GitHub answers as GitHub does where the action could go wrong: an unknown token, a token without
// the permission, an unknown path, a comment body GitHub refuses, and lists paged with a Link header.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './index.js';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({
    repository: 'octo/app',
    tokens: {
      writer: { contents: 'read', pullRequests: 'write' },
      reader: { contents: 'read', pullRequests: 'read' },
      none: { contents: 'none', pullRequests: 'none' },
    },
  });
});
afterEach(() => github.close());

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    link: response.headers.get('link'),
    json: (await response.json()) as Record<string, unknown>,
  };
}

describe('fake GitHub', () => {
  it('refuses an unknown token with 401 and a missing permission with 403', async () => {
    expect((await call('GET', '/repos/octo/app/releases/tags/v1', 'nope')).json).toMatchObject({
      message: 'Bad credentials',
      status: '401',
    });
    const denied = await call('POST', '/repos/octo/app/issues/1/comments', 'reader', { body: 'x' });
    expect([denied.status, denied.json.message]).toEqual([
      403,
      'Resource not accessible by integration',
    ]);
    expect((await call('GET', '/repos/octo/app/git/ref/tags/v1', 'none')).status).toBe(403);
    expect(github.state.comments).toEqual([]);
  });

  it('answers 404 for another repository or path, 422 for a comment body GitHub refuses', async () => {
    expect((await call('GET', '/repos/other/app/releases/tags/v1', 'writer')).status).toBe(404);
    expect((await call('GET', '/repos/octo/app/git/tags/not-a-sha', 'writer')).status).toBe(404);
    expect(
      (await call('POST', '/repos/octo/app/issues/1/comments', 'writer', {})).json,
    ).toMatchObject({
      message: 'Validation Failed',
      errors: [{ field: 'body', code: 'missing_field' }],
    });
    const tooLong = await call('POST', '/repos/octo/app/issues/1/comments', 'writer', {
      body: 'x'.repeat(65_537),
    });
    expect(tooLong.status).toBe(422);
    expect(
      (await call('PATCH', '/repos/octo/app/issues/comments/1', 'writer', { body: 'x' })).status,
    ).toBe(404);
  });

  it('pages comments with per_page and a Link header to the next page', async () => {
    for (let i = 0; i < 3; i++)
      github.state.addComment({ issue: 5, body: `c${i}`, user: 'octocat' });
    const first = await call('GET', '/repos/octo/app/issues/5/comments?per_page=2', 'reader');
    expect((first.json as unknown as { body: string }[]).map((c) => c.body)).toEqual(['c0', 'c1']);
    expect(first.link).toBe(
      `<${github.url}/repos/octo/app/issues/5/comments?per_page=2&page=2>; rel="next"`,
    );
    const second = await call(
      'GET',
      '/repos/octo/app/issues/5/comments?per_page=2&page=2',
      'reader',
    );
    expect([(second.json as unknown as unknown[]).length, second.link]).toEqual([1, null]);
    expect(
      (await call('GET', '/repos/octo/app/issues/5/comments?per_page=101', 'reader')).status,
    ).toBe(422);
  });
});

describe('fake GitHub faults', () => {
  it('answers a fault before handling, or loses the answer after the comment was made', async () => {
    github.state.addRelease({ tag: 'v1', name: 'v1', body: 'Notes' });
    github.faults.add({
      kind: 'status',
      status: 503,
      body: 'json',
      method: 'GET',
      path: /releases/,
    });
    github.faults.add({
      kind: 'rate-limit',
      retryAfterSeconds: 7,
      method: 'GET',
      path: /releases/,
    });
    const down = await call('GET', '/repos/octo/app/releases/tags/v1', 'writer');
    expect([down.status, down.json.message]).toEqual([503, 'Service Unavailable']);
    const limited = await fetch(`${github.url}/repos/octo/app/releases/tags/v1`, {
      headers: { authorization: 'token writer' },
    });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await call('GET', '/repos/octo/app/releases/tags/v1', 'writer')).status).toBe(200);

    github.faults.add({ kind: 'reset-after', method: 'POST', requestBody: /lost/ });
    await expect(
      call('POST', '/repos/octo/app/issues/1/comments', 'writer', { body: 'lost answer' }),
    ).rejects.toThrow();
    expect(github.state.comments.map((c) => c.body)).toEqual(['lost answer']);
    expect(github.faults.pending).toBe(0);
    expect(github.requests.map((r) => r.status)).toEqual([503, 429, 200, 0]);
  });
});
