import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { REFRESH_MARGIN_SECONDS, TokenSource } from '../../src/asc/auth/token.js';
import { parsePrivateKey } from '../../src/asc/auth/key.js';
import { TestClock } from '../helpers/clock.js';
import { makeTestKey } from '../helpers/keys.js';

function setup(issuerId: string | null = 'issuer-1') {
  const testKey = makeTestKey('KID1', issuerId);
  const clock = new TestClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const masked: string[] = [];
  const tokens = new TokenSource({
    keyId: 'KID1',
    issuerId,
    key: parsePrivateKey(testKey.pem).key,
    now: clock.now,
    mask: (s) => masked.push(s),
  });
  return {
    testKey,
    tokens,
    masked,
    advance: (ms: number) => clock.advance(ms),
    nowSeconds: () => Math.floor(clock.now() / 1000),
  };
}

describe('TokenSource', () => {
  it('mints an ES256 team-key token with kid, iss, aud, a back-dated iat and a lifetime within 20 minutes', async () => {
    const { tokens, testKey, nowSeconds } = setup();
    const token = await tokens.token();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'KID1', typ: 'JWT' });
    const { payload } = await jwtVerify(token, testKey.publicKey, {
      audience: 'appstoreconnect-v1',
      issuer: 'issuer-1',
      currentDate: new Date(nowSeconds() * 1000),
    });
    expect(payload.sub).toBeUndefined();
    expect(payload.iat).toBe(nowSeconds() - 60);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(20 * 60);
    expect(payload.exp!).toBeGreaterThan(nowSeconds() + REFRESH_MARGIN_SECONDS);
  });

  it('mints an individual-key token with sub "user" and no iss', async () => {
    const { tokens } = setup(null);
    const payload = decodeJwt(await tokens.token());
    expect(payload.sub).toBe('user');
    expect(payload.iss).toBeUndefined();
    expect(payload.aud).toBe('appstoreconnect-v1');
  });

  it('reuses the token until it is close to expiry, then mints a new one', async () => {
    const { tokens, advance, masked } = setup();
    const first = await tokens.token();
    advance(5 * 60_000);
    expect(await tokens.token()).toBe(first);
    advance(10 * 60_000);
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(tokens.minted).toBe(2);
    expect(masked).toEqual([first, second]);
    // After a long wait (40 minutes of processing, say) the token is fresh for the new clock.
    advance(40 * 60_000);
    const third = await tokens.token();
    expect(decodeJwt(third).exp! * 1000).toBeGreaterThan(Date.UTC(2026, 0, 1, 12, 55));
  });

  it('shares one mint among concurrent callers', async () => {
    const { tokens } = setup();
    const all = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    expect(new Set(all).size).toBe(1);
    expect(tokens.minted).toBe(1);
  });

  it('mints anew after invalidate(rejected token), but ignores a stale rejection', async () => {
    const { tokens, advance } = setup();
    const first = await tokens.token();
    tokens.invalidate(first);
    advance(1000);
    const second = await tokens.token();
    expect(second).not.toBe(first);
    tokens.invalidate(first);
    expect(await tokens.token()).toBe(second);
  });
});
