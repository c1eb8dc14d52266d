// HTTP-layer behaviour the fake server cannot be asked for: a repeating cursor, a 200 that is not JSON,
// a lost notification, a relink answered 409. Served by undici's MockAgent, no sockets.
import { expect } from 'vitest';
import { AscError, PagingError } from '../../src/asc/index.js';
import { mockClientTest as it } from '../helpers/mock-client.js';

const BASE = 'https://asc.test/proxy';

const json = { 'content-type': 'application/json' };
/** An Apple error body with one entry. */
const refusal = (status: number, code: string, title: string) => ({
  errors: [{ status: String(status), code, title }],
});
const page = (ids: string[], next?: string) => ({
  data: ids.map((id) => ({ type: 'betaGroups', id, attributes: { name: id } })),
  links: { self: 'x', ...(next ? { next } : {}) },
});

it('keeps a base-URL path prefix and stops on a next link that repeats', async ({ mockClient }) => {
  const { api, pool } = mockClient({ baseUrl: BASE });
  pool
    .intercept({ path: '/proxy/v1/betaGroups?limit=200&filter%5Bapp%5D=a', method: 'GET' })
    .reply(200, page(['g1'], 'https://api.appstoreconnect.apple.com/v1/betaGroups?cursor=X'), {
      headers: json,
    });
  pool
    .intercept({ path: '/proxy/v1/betaGroups?cursor=X', method: 'GET' })
    .reply(200, page(['g2'], 'https://asc.test/proxy/v1/betaGroups?cursor=X'), { headers: json });
  const error = await api.listGroups('a').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PagingError);
  expect((error as Error).message).toBe(
    'GET /v1/betaGroups: the next-page link repeats an earlier page',
  );
});

it('reports a 200 whose body is not JSON as a readable error', async ({ mockClient }) => {
  const { api, pool } = mockClient({ baseUrl: BASE });
  pool
    .intercept({ path: '/proxy/v1/apps/a', method: 'GET' })
    .reply(200, '<html><title>Captive portal</title></html>', {
      headers: { 'content-type': 'text/html' },
    });
  await expect(api.findAppById('a')).rejects.toThrow(
    'GET /v1/apps/a: 200 (a text/html response instead of JSON: "Captive portal")',
  );
});

it('does not re-send a notification whose outcome is unknown', async ({ mockClient }) => {
  const { api, pool, slept } = mockClient({ baseUrl: BASE });
  pool
    .intercept({ path: '/proxy/v1/buildBetaNotifications', method: 'POST' })
    .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  const error = (await api.sendBuildNotification('b1').catch((e: unknown) => e)) as AscError;
  expect(error).toBeInstanceOf(AscError);
  expect(error.message).toMatch(/^POST \/v1\/buildBetaNotifications: no response .*not re-sent/);
  expect(slept).toEqual([]);
  // Only changes known to have taken effect are counted.
  expect(api.changingCalls).toBe(0);
});

it('treats a 409 on a re-sent relationship POST as done when the first attempt was lost', async ({
  mockClient,
}) => {
  const { api, pool } = mockClient({ baseUrl: BASE });
  const path = '/proxy/v1/betaGroups/g1/relationships/betaTesters';
  pool
    .intercept({ path, method: 'POST' })
    .replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
  pool
    .intercept({ path, method: 'POST' })
    .reply(409, refusal(409, 'ENTITY_ERROR.RELATIONSHIP.INVALID', 'already a member'), {
      headers: json,
    });
  await api.addTestersToGroup('g1', ['t1']);
  expect(api.changingCalls).toBe(1);
});

it('passes a first-attempt 409 on a relationship POST on as an AscError', async ({
  mockClient,
}) => {
  const { api, pool } = mockClient({ baseUrl: BASE });
  pool
    .intercept({ path: '/proxy/v1/betaGroups/g1/relationships/betaTesters', method: 'POST' })
    .reply(409, refusal(409, 'ENTITY_ERROR.RELATIONSHIP.INVALID', 'Not allowed'), {
      headers: json,
    });
  const error = (await api.addTestersToGroup('g1', ['t1']).catch((e: unknown) => e)) as AscError;
  expect(error.hasCode('ENTITY_ERROR')).toBe(true);
  expect(error.message).toBe(
    'POST /v1/betaGroups/g1/relationships/betaTesters: 409 ENTITY_ERROR.RELATIONSHIP.INVALID: Not allowed',
  );
});

it('sends tester links in chunks of 1000', async ({ mockClient }) => {
  const { api, pool } = mockClient({ baseUrl: BASE });
  const sizes: number[] = [];
  pool
    .intercept({ path: '/proxy/v1/betaGroups/g1/relationships/betaTesters', method: 'DELETE' })
    .reply(204, (req) => {
      sizes.push((JSON.parse(req.body as string) as { data: unknown[] }).data.length);
      return '';
    })
    .times(3);
  await api.removeTestersFromGroup(
    'g1',
    Array.from({ length: 2500 }, (_, i) => `t${i}`),
  );
  expect(sizes).toEqual([1000, 1000, 500]);
  expect(api.changingCalls).toBe(3);
});

it('does not retry a connection that was refused forever, and counts no change', async ({
  mockClient,
}) => {
  const { api, pool, slept } = mockClient({ baseUrl: BASE, maxRetries: 2 });
  pool
    .intercept({ path: '/proxy/v1/builds/b1', method: 'PATCH' })
    .replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))
    .times(3);
  await expect(api.setUsesNonExemptEncryption('b1', true)).rejects.toThrow(
    'PATCH /v1/builds/b1: no response (could not connect: ECONNREFUSED)',
  );
  expect(slept).toEqual([500, 1000]);
  expect(api.changingCalls).toBe(0);
});

it('counts no change for a call App Store Connect refused', async ({ mockClient }) => {
  const { api, pool } = mockClient({ baseUrl: BASE });
  pool
    .intercept({ path: '/proxy/v1/builds/b1', method: 'PATCH' })
    .reply(409, refusal(409, 'ENTITY_ERROR.ATTRIBUTE.INVALID', 'invalid'), { headers: json });
  await expect(api.setUsesNonExemptEncryption('b1', true)).rejects.toThrow(/409/);
  expect(api.changingCalls).toBe(0);
});
