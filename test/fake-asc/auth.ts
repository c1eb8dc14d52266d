// App Store Connect's JWT rules: ES256 signed by a known key, right audience and issuer, at most 20 minutes.
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { notAuthorized } from './errors.js';
import type { FakeKey } from './types.js';

export const AUDIENCE = 'appstoreconnect-v1';
export const MAX_LIFETIME_SECONDS = 20 * 60;

/** The kid a token claims, unverified: enough to pick a rate-limit bucket for an early answer. */
export function claimedKid(authorization: string | undefined): string | undefined {
  const token = bearer(authorization);
  if (!token) return undefined;
  try {
    return decodeProtectedHeader(token).kid;
  } catch {
    return undefined;
  }
}

function bearer(authorization: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization ?? '');
  return m?.[1];
}

/** The verified kid, or Apple's 401 NOT_AUTHORIZED (Apple never says which rule failed). */
export async function verifyBearer(
  authorization: string | undefined,
  keys: ReadonlyMap<string, FakeKey>,
  nowMs: number,
  clockSkewSeconds: number,
): Promise<string> {
  const token = bearer(authorization);
  if (!token) throw notAuthorized();
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'ES256') throw notAuthorized();
    kid = header.kid;
  } catch {
    throw notAuthorized();
  }
  const key = kid === undefined ? undefined : keys.get(kid);
  if (!key || kid === undefined) throw notAuthorized();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ['ES256'],
      audience: AUDIENCE,
      currentDate: new Date(nowMs),
      clockTolerance: 0,
      requiredClaims: ['exp'],
    }));
  } catch {
    throw notAuthorized();
  }
  const nowSeconds = Math.floor(nowMs / 1000);
  const exp = payload.exp as number;
  const iat = payload.iat;
  if (iat !== undefined && iat > nowSeconds + clockSkewSeconds) throw notAuthorized();
  if (exp - (iat ?? nowSeconds) > MAX_LIFETIME_SECONDS) throw notAuthorized();
  if (key.issuerId !== undefined) {
    if (payload.iss !== key.issuerId) throw notAuthorized();
  } else if (payload.sub !== 'user' || payload.iss !== undefined) {
    // An individual key's token names no issuer and has `sub: "user"`.
    throw notAuthorized();
  }
  return kid;
}
