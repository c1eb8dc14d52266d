// Turns the `private-key` input into a signing key. Users paste the .p8 in three shapes (PEM, PEM squashed
// onto one line with literal "\n", base64 of the PEM); anything else must fail with a sentence that names
// what was found, and the key material must never reach an error message or a log.
import { createPrivateKey, type KeyObject } from 'node:crypto';

export interface ParsedPrivateKey {
  key: KeyObject;
  /** Every form of the secret that could end up in a log: register each with the masking callback. */
  secrets: string[];
}

export class PrivateKeyError extends Error {
  override name = 'PrivateKeyError';
}

const ARMOR = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)(?:-----END \1-----|$)/;
const BASE64 = /^[A-Za-z0-9+/=_-]+$/;
const HINT =
  'Use the .p8 file App Store Connect gave you (a PEM starting with "-----BEGIN PRIVATE KEY-----"), ' +
  'pasted as is, with literal \\n line breaks, or base64-encoded.';

/**
 * The forms of a key input a log could show, whether or not it is a usable key: a key that is rejected
 * (the wrong one pasted) is still a secret, so these are masked before parsing.
 */
export function keySecrets(input: string): string[] {
  const raw = input.trim();
  if (raw === '') return [];
  const { pem, base64Form } = toPem(raw);
  return secretForms(raw, pem, base64Form);
}

/** Parses an App Store Connect API key (P-256, PKCS#8). Throws PrivateKeyError without echoing the input. */
export function parsePrivateKey(input: string): ParsedPrivateKey {
  const raw = input.trim();
  if (raw === '') throw new PrivateKeyError(`The private key is empty. ${HINT}`);
  const { pem, base64Form } = toPem(raw);
  const secrets = secretForms(raw, pem, base64Form);
  const armor = ARMOR.exec(pem);
  if (!armor) {
    throw new PrivateKeyError(
      `The private key is neither a PEM block, nor PEM with literal \\n, nor base64 of a PEM (found ${describeGarbage(raw)}). ${HINT}`,
    );
  }
  const label = armor[1] ?? '';
  const hasEnd = pem.includes(`-----END ${label}-----`);
  if (label.includes('PUBLIC KEY')) {
    throw new PrivateKeyError(`The private key is a public key (PEM "${label}"). ${HINT}`);
  }
  if (label === 'CERTIFICATE') {
    throw new PrivateKeyError(`The private key is a certificate, not a private key. ${HINT}`);
  }
  if (label === 'RSA PRIVATE KEY') {
    throw new PrivateKeyError(
      `The private key is an RSA key; App Store Connect keys are EC P-256 (ES256). ${HINT}`,
    );
  }
  if (label === 'ENCRYPTED PRIVATE KEY') {
    throw new PrivateKeyError(`The private key is encrypted with a passphrase. ${HINT}`);
  }
  if (label !== 'PRIVATE KEY' && label !== 'EC PRIVATE KEY') {
    throw new PrivateKeyError(
      `The private key is a PEM of type "${label}", not a private key. ${HINT}`,
    );
  }
  if (!hasEnd) {
    throw new PrivateKeyError(
      `The private key is a truncated PEM (it has no "-----END ${label}-----" line). ${HINT}`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: normalizePem(label, armor[2] ?? ''), format: 'pem' });
  } catch {
    // Node's message may quote parts of the input, so it is not passed on.
    throw new PrivateKeyError(
      `The private key is a PEM "${label}" block whose content is truncated or damaged. ${HINT}`,
    );
  }
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    throw new PrivateKeyError(
      `The private key is an RSA key; App Store Connect keys are EC P-256 (ES256). ${HINT}`,
    );
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    const kind =
      key.asymmetricKeyType === 'ec' ? `an EC key on ${curve}` : `a ${key.asymmetricKeyType} key`;
    throw new PrivateKeyError(
      `The private key is ${kind}; App Store Connect keys are EC P-256. ${HINT}`,
    );
  }
  return { key, secrets };
}

/** Resolves the three accepted input shapes into PEM text. */
function toPem(raw: string): { pem: string; base64Form: string | null } {
  const unescaped = raw.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r\n?/g, '\n');
  if (unescaped.includes('-----BEGIN')) return { pem: unescaped, base64Form: null };
  const compact = raw.replace(/\s+/g, '');
  if (BASE64.test(compact)) {
    const decoded = Buffer.from(compact, 'base64').toString('utf8');
    if (decoded.includes('-----BEGIN')) {
      return {
        pem: decoded.replace(/\\n/g, '\n').replace(/\r\n?/g, '\n').trim(),
        base64Form: compact,
      };
    }
  }
  return { pem: unescaped, base64Form: null };
}

/** Rebuilds a clean PEM so stray indentation or blank lines in a pasted secret do not break parsing. */
function normalizePem(label: string, body: string): string {
  const b64 = body.replace(/\s+/g, '');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The strings a log could show: the input as given, the base64 of the PEM, and each line of key material. */
function secretForms(raw: string, pem: string, base64Form: string | null): string[] {
  const forms = new Set<string>();
  const add = (s: string): void => {
    const t = s.trim();
    // Armor lines are public boilerplate; masking them would only garble unrelated log lines.
    if (t.length >= 8 && !/^-----(BEGIN|END) [A-Z0-9 ]+-----$/.test(t)) forms.add(t);
  };
  for (const line of raw.split(/\r?\n/)) add(line);
  for (const line of pem.split('\n')) add(line);
  add(base64Form ?? Buffer.from(pem.trim() + '\n').toString('base64'));
  add(Buffer.from(pem.trim()).toString('base64'));
  return [...forms];
}

function describeGarbage(raw: string): string {
  return `${raw.length} characters of text that do not decode to a key`;
}
