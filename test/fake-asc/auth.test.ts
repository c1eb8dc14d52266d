// JWT rules of the fake, each through real HTTP: Apple's 401 body for every way a token can be wrong.
import { SignJWT, importPKCS8 } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestKey, mintTestToken } from '../helpers/keys.js';
import { startFakeAsc } from './index.js';
import { START, startHarness, type Harness } from './fake-harness.js';
import type { FakeAsc } from './types.js';

const NOT_AUTHORIZED = {
  errors: [
    {
      status: '401',
      code: 'NOT_AUTHORIZED',
      title: 'Authentication credentials are missing or invalid.',
      detail:
        'Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens',
    },
  ],
};

let h: Harness | undefined;
let extra: FakeAsc | undefined;
afterEach(async () => {
  await h?.fake.close();
  await extra?.close();
  h = undefined;
  extra = undefined;
});

async function expect401(token: string | undefined, harness: Harness) {
  const res = await fetch(`${harness.fake.url}/v1/apps`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(401);
  expect(res.headers.get('x-rate-limit')).toMatch(/^user-hour-lim:3600;user-hour-rem:\d+;$/);
  expect(await res.json()).toEqual(NOT_AUTHORIZED);
}

describe('JWT verification', () => {
  it('accepts a team key token and logs its kid', async () => {
    h = await startHarness();
    const res = await h.get('/v1/apps');
    expect(res.status).toBe(200);
    expect(h.fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/v1/apps',
      status: 200,
      kid: 'TESTKEY123',
    });
  });

  it('refuses a missing header, a non-Bearer scheme and garbage', async () => {
    h = await startHarness();
    await expect401(undefined, h);
    await expect401('not.a.jwt', h);
    const res = await fetch(`${h.fake.url}/v1/apps`, {
      headers: { authorization: `Basic ${await h.token()}` },
    });
    expect(res.status).toBe(401);
  });

  it('refuses an unknown kid and a token signed by another key', async () => {
    h = await startHarness();
    await expect401(
      await mintTestToken(makeTestKey('OTHERKEY99'), { nowSeconds: START / 1000 }),
      h,
    );
    const impostor = { ...makeTestKey(h.key.kid, h.key.issuerId) };
    await expect401(await mintTestToken(impostor, { nowSeconds: START / 1000 }), h);
  });

  it('refuses a wrong audience and a wrong issuer', async () => {
    h = await startHarness();
    await expect401(await h.token({ claims: { aud: 'appstoreconnect-v2' } }), h);
    const otherIssuer = { ...h.key, issuerId: '69a6de7f-0000-47e3-e053-5b8c7c11a4d1' };
    await expect401(await mintTestToken(otherIssuer, { nowSeconds: START / 1000 }), h);
  });

  it('refuses lifetimes over 20 minutes and accepts exactly 20', async () => {
    h = await startHarness();
    await expect401(await h.token({ lifetimeSeconds: 20 * 60 + 1 }), h);
    const ok = await h.call('GET', '/v1/apps', undefined, {
      token: await h.token({ lifetimeSeconds: 20 * 60 }),
    });
    expect(ok.status).toBe(200);
  });

  it('refuses an expired token per the injected clock', async () => {
    h = await startHarness();
    const token = await h.token({ lifetimeSeconds: 600 });
    expect((await h.call('GET', '/v1/apps', undefined, { token })).status).toBe(200);
    h.advance(600_000);
    await expect401(token, h);
  });

  it('allows iat up to clockSkewSeconds in the future, not beyond', async () => {
    h = await startHarness({ clockSkewSeconds: 60 });
    const now = START / 1000;
    const within = await h.token({ nowSeconds: now + 60 });
    expect((await h.call('GET', '/v1/apps', undefined, { token: within })).status).toBe(200);
    await expect401(await h.token({ nowSeconds: now + 61 }), h);
  });

  it('requires sub "user" and no iss for an individual key', async () => {
    // makeTestKey(kid, undefined) falls back to its default issuer, so the issuer is dropped here.
    const { issuerId: _teamIssuer, ...key } = makeTestKey('INDIVKEY01');
    let t = START;
    extra = await startFakeAsc({
      keys: [{ kid: key.kid, publicKey: key.publicKey }],
      now: () => t,
    });
    const url = `${extra.url}/v1/apps`;
    const good = await mintTestToken(key, { nowSeconds: t / 1000 });
    expect((await fetch(url, { headers: { authorization: `Bearer ${good}` } })).status).toBe(200);
    const pk = await importPKCS8(key.pem, 'ES256');
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT({ aud: 'appstoreconnect-v1', ...payload })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
        .setIssuedAt(t / 1000)
        .setExpirationTime(t / 1000 + 600)
        .sign(pk);
    for (const token of [
      await sign({}),
      await sign({ sub: 'user', iss: 'x' }),
      await sign({ sub: 'me' }),
    ]) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
    t += 1;
  });

  it('answers a spurious 401 once when the unauthorized fault is armed', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'unauthorized', path: '/v1/apps' });
    const first = await h.get('/v1/apps');
    expect(first.status).toBe(401);
    expect(first.body).toEqual(NOT_AUTHORIZED);
    expect((await h.get('/v1/apps')).status).toBe(200);
    expect(h.fake.faults.pending).toBe(0);
  });
});
