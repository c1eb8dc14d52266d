// Test API keys: fresh P-256 key pairs in the forms App Store Connect hands out (.p8 PEM).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestKey {
  kid: string;
  issuerId?: string;
  /** PKCS#8 PEM, as in a downloaded .p8 file. */
  pem: string;
  publicKey: KeyObject;
}

export function makeTestKey(
  kid = 'TESTKEY123',
  issuerId: string | undefined = '57246542-96fe-1a63-e053-0824d011072a',
): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return issuerId === undefined ? { kid, pem, publicKey } : { kid, issuerId, pem, publicKey };
}
