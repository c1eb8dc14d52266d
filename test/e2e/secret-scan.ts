// The secret scan every end-to-end run goes through (runAction calls it, so no test can leave it out): the run's
// private key (every 40-character slice of its body, in whatever form the input gave it), every JWT a fake in
// this process was sent, the demo-account password and the GitHub token must not appear in what the step
// shows or publishes: stdout (past the runner's `::add-mask::` lines), stderr, outputs, the summary, the files
// it wrote into the workspace, and what it sent to a fake GitHub (comments, release calls).
import { liveFakeAscs } from '../fake-asc/index.js';
import { liveFakeGitHubs } from '../fake-github/index.js';

/** The demo account the e2e tests pass as `demo-account`, as from a secret: no part of it may ever be shown. */
export const DEMO_ACCOUNT = { name: 'reviewer@example.com', password: 'Demo-S3cret-Pa55!' };

/** A slice of key this long is as good as the key to whoever assembles the rest. */
const KEY_SLICE = 40;
/** A secret shorter than this would be found in ordinary words: a test must use a longer one. */
const SHORTEST_SCANNABLE = 8;

interface Secret {
  /** What it is, for the failure message (never the value). */
  what: string;
  /** The strings whose appearance is a leak. */
  forms: string[];
}

/** Where a run's text may be seen: a name (stdout, output `plan`, a workspace file) and the text. */
export type Exposure = [where: string, text: string];

/** Every 40-character slice of `text` (the whole of it when shorter). */
function slices(text: string): string[] {
  if (text.length <= KEY_SLICE) return [text];
  return Array.from({ length: text.length - KEY_SLICE + 1 }, (_, i) =>
    text.slice(i, i + KEY_SLICE),
  );
}

/** The private-key input's forms: the PEM (with real or literal `\n`) or its base64, as the input allows. */
function keySecret(input: string): Secret {
  const given = input.trim();
  const pem = given.includes('-----BEGIN')
    ? given.replaceAll('\\n', '\n')
    : Buffer.from(given, 'base64').toString('utf8');
  const body = pem
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('-----'))
    .join('');
  const forms = pem.includes('-----BEGIN') ? slices(body) : [];
  // The input as given (base64 of the PEM, or not a key at all) is as secret as the key it should be.
  if (!given.includes('-----BEGIN') && given.length >= SHORTEST_SCANNABLE)
    forms.push(...slices(given));
  return { what: 'the private key', forms };
}

/** The secrets of a run of the action with `inputs`, and the JWTs the fakes of this process were sent. */
export function secretsOf(inputs: Record<string, string>): Secret[] {
  const secrets: Secret[] = [];
  const key = inputs['private-key'] ?? '';
  if (key.trim()) secrets.push(keySecret(key));
  const demo = inputs['demo-account'] ?? '';
  const password = demo.includes(':') ? demo.slice(demo.indexOf(':') + 1) : demo;
  for (const value of new Set([DEMO_ACCOUNT.password, password.trim()])) {
    if (!value) continue;
    if (value.length < SHORTEST_SCANNABLE) {
      throw new Error(
        `runAction: the demo-account password is shorter than ${SHORTEST_SCANNABLE} characters, too short for the secret scan to find; use a longer one`,
      );
    }
    secrets.push({ what: 'the demo-account password', forms: [value] });
  }
  const token = inputs['github-token'] ?? '';
  if (token.length >= SHORTEST_SCANNABLE)
    secrets.push({ what: 'the GitHub token', forms: [token] });
  const jwts = [...liveFakeAscs()].flatMap((fake) => [...fake.bearerTokens]);
  // A token's signature is what makes it usable: shown alone it is as much a leak as the whole.
  secrets.push({ what: 'a JWT', forms: jwts.flatMap((jwt) => [jwt, jwt.split('.')[2] ?? jwt]) });
  return secrets;
}

/** What a fake GitHub of this process was sent from request number `from` on, one exposure per request body. */
export function sentToGitHub(from: ReadonlyMap<object, number>): Exposure[] {
  return [...liveFakeGitHubs()].flatMap((github) =>
    github.requests
      .slice(from.get(github) ?? 0)
      .filter((r) => r.body !== null && r.body !== undefined)
      .map((r): Exposure => [
        `the body of ${r.method} ${r.path} to GitHub`,
        JSON.stringify(r.body),
      ]),
  );
}

/** How many requests each fake GitHub had before a run: what it is sent later is that run's. */
export function gitHubMarks(): Map<object, number> {
  return new Map([...liveFakeGitHubs()].map((github) => [github, github.requests.length]));
}

/** A JWT's shape (header and payload are base64url JSON, so both start `eyJ`), for a token no fake here saw. */
const JWT_SHAPE = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/;

/**
 * The leaks in `exposures`, as sentences that say what leaked and where without showing it: the line is
 * quoted with every secret form, and every long run of base64, replaced by `***`.
 */
export function findLeaks(exposures: Exposure[], secrets: Secret[]): string[] {
  const leaks: string[] = [];
  for (const [where, text] of exposures) {
    const lines = text.split('\n');
    const leaked = (form: string) => lines.findIndex((line) => line.includes(form));
    for (const secret of secrets) {
      const found = secret.forms.map(leaked).find((at) => at >= 0);
      if (found !== undefined) {
        leaks.push(
          `${secret.what} in ${where}, line ${found + 1}: ${redact(lines[found]!, secrets)}`,
        );
      }
    }
    const shaped = lines.findIndex((line) => JWT_SHAPE.test(line));
    if (shaped >= 0) {
      leaks.push(`a JWT in ${where}, line ${shaped + 1}: ${redact(lines[shaped]!, secrets)}`);
    }
  }
  return leaks;
}

function redact(line: string, secrets: Secret[]): string {
  let shown = line;
  for (const form of secrets.flatMap((s) => s.forms)) shown = shown.replaceAll(form, '***');
  shown = shown.replace(/[\w+/=.-]{16,}/g, '***');
  return JSON.stringify(shown.length > 200 ? `${shown.slice(0, 200)}…` : shown);
}
