import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAscApi } from '../../src/asc/index.js';
import { parsePrivateKey, PrivateKeyError } from '../../src/asc/auth/key.js';
import { makeTestKey } from '../helpers/keys.js';

const { pem } = makeTestKey();
const body = (p: string): string[] =>
  p.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));

function rejects(input: string, found: RegExp): void {
  let error: unknown;
  try {
    parsePrivateKey(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PrivateKeyError);
  const message = (error as Error).message;
  expect(message).toMatch(found);
  // No line of key material (as given or base64-decoded) may appear in the sentence, not even in part.
  const decoded = Buffer.from(input.replace(/\s+/g, ''), 'base64').toString('latin1');
  const material = [...body(input.replace(/\\n/g, '\n')), ...body(decoded)].map((l) => l.trim());
  for (const line of material.filter((l) => l.length >= 12)) {
    for (let i = 0; i + 12 <= line.length; i += 6)
      expect(message).not.toContain(line.slice(i, i + 12));
  }
}

describe('parsePrivateKey accepts', () => {
  const forms: [string, string][] = [
    ['PEM', pem],
    ['PEM with literal \\n', pem.trim().replace(/\n/g, '\\n')],
    ['base64 of the PEM', Buffer.from(pem).toString('base64')],
    [
      'base64 of the PEM, wrapped at 76 columns',
      Buffer.from(pem)
        .toString('base64')
        .replace(/(.{76})/g, '$1\n'),
    ],
    ['PEM with CRLF', pem.replace(/\n/g, '\r\n')],
    [
      'PEM with surrounding whitespace and indentation',
      `\n\n   ${pem.split('\n').join('\n   ')}  \n`,
    ],
    ['PEM with literal \\r\\n', pem.trim().replace(/\n/g, '\\r\\n')],
    ['base64 of a PEM with CRLF', Buffer.from(pem.replace(/\n/g, '\r\n')).toString('base64')],
  ];
  it.each(forms)('%s', (_name, input) => {
    const parsed = parsePrivateKey(input);
    expect(parsed.key.type).toBe('private');
    expect(parsed.key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('a SEC1 "EC PRIVATE KEY" on P-256', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sec1 = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    expect(parsePrivateKey(sec1).key.asymmetricKeyType).toBe('ec');
  });

  it('lists every line of key material, the base64 form and the one-line form as secrets', () => {
    const oneLine = pem.trim().replace(/\n/g, '\\n');
    const { secrets } = parsePrivateKey(oneLine);
    for (const line of body(pem)) expect(secrets).toContain(line);
    expect(secrets).toContain(oneLine);
    expect(secrets).toContain(Buffer.from(pem).toString('base64'));
    expect(
      secrets.some((s) => s.startsWith('-----BEGIN PRIVATE KEY-----') && !s.includes('\\n')),
    ).toBe(false);
    const b64 = Buffer.from(pem).toString('base64');
    expect(parsePrivateKey(b64).secrets).toContain(b64);
  });
});

describe('parsePrivateKey rejects, saying what it found and never echoing the key', () => {
  it('an RSA key (PKCS#1)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    rejects(privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(), /is an RSA key/);
  });
  it('an RSA key (PKCS#8)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    rejects(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), /is an RSA key/);
  });
  it('an EC public key', () => {
    const { publicKey } = makeTestKey();
    rejects(publicKey.export({ format: 'pem', type: 'spki' }).toString(), /is a public key/);
  });
  it('an EC key on another curve', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    rejects(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), /EC key on secp384r1/);
  });
  it('a PEM cut off before its END line', () => {
    rejects(pem.slice(0, pem.length / 2), /truncated PEM/);
  });
  it('a PEM whose body was cut short', () => {
    const lines = pem.trim().split('\n');
    rejects([lines[0], lines[1], lines.at(-1)].join('\n'), /truncated or damaged/);
  });
  it('base64 of a truncated PEM', () => {
    rejects(Buffer.from(pem.slice(0, 100)).toString('base64'), /truncated PEM/);
  });
  it('garbage', () => {
    rejects('this is not a key at all, just a sentence', /neither a PEM block/);
  });
  it('base64 that does not decode to a PEM', () => {
    rejects(Buffer.from('hello world, no pem here').toString('base64'), /neither a PEM block/);
  });
  it('an empty value', () => {
    rejects('', /is empty/);
    rejects('  \n ', /is empty/);
  });
});

describe('createAscApi', () => {
  const options = { baseUrl: 'http://127.0.0.1:9', keyId: 'K', issuerId: 'I' };

  it('masks every line of the key before anything else happens', () => {
    const masked: string[] = [];
    const b64 = Buffer.from(pem).toString('base64');
    createAscApi({ ...options, privateKey: b64, mask: (s) => masked.push(s) });
    expect(masked).toContain(b64);
    for (const line of body(pem)) expect(masked).toContain(line);
  });

  it('fails on a bad key with a PrivateKeyError that holds no key material', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsa = privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
    const masked: string[] = [];
    expect(() =>
      createAscApi({ ...options, privateKey: rsa, mask: (s) => masked.push(s) }),
    ).toThrow(PrivateKeyError);
    // Even a rejected key is a secret: its lines were registered before the error was raised.
    for (const line of body(rsa)) expect(masked).toContain(line);
  });
});
