// Test API keys: fresh P-256 key pairs in the forms App Store Connect hands out (.p8 PEM).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestKey {
  kid: string;
  issuerId?: string;
  /** PKCS#8 PEM, as in a downloaded .p8 file. */
  pem: string;
  publicKey: KeyObject;
}

/** A team key by default; `issuerId: null` makes an individual key (tokens carry `sub: "user"`). */
export function makeTestKey(
  kid = 'TESTKEY123',
  issuerId: string | null = '57246542-96fe-1a63-e053-0824d011072a',
): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return issuerId === null ? { kid, pem, publicKey } : { kid, issuerId, pem, publicKey };
}

/** Signs an App Store Connect JWT for tests that talk to the fake server without the client. */
export async function mintTestToken(
  key: TestKey,
  opts: { nowSeconds?: number; lifetimeSeconds?: number; claims?: Record<string, unknown> } = {},
): Promise<string> {
  const { SignJWT, importPKCS8 } = await import('jose');
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { aud: 'appstoreconnect-v1', ...opts.claims };
  if (key.issuerId === undefined) payload.sub = 'user';
  else payload.iss = key.issuerId;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.lifetimeSeconds ?? 600))
    .sign(await importPKCS8(key.pem, 'ES256'));
}
