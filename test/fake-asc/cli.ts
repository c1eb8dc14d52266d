// `npm run fake-asc`: the demo server for people. Prints where it is and the key to sign tokens with;
// `--write-env FILE` also writes the action's connection inputs there, for scripts and local-action.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_APP_ID, DEMO_BUNDLE_ID, DEMO_NEW_APP_ID, DEMO_NEW_BUNDLE_ID } from './demo.js';
import { startFakeAsc } from './server.js';

const argument = (flag: string): string | undefined => {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const port = Number(argument('--port') ?? process.env.FAKE_ASC_PORT ?? 0);
const envFile = argument('--write-env');

/**
 * `text` (a dotenv file) with the given INPUT_* lines replaced, or appended when missing; other lines are kept,
 * so a copy of .env.example keeps the rest of its inputs.
 */
function withInputs(text: string, inputs: Record<string, string>): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  for (const [name, value] of Object.entries(inputs)) {
    const line = `INPUT_${name.toUpperCase()}=${value}`;
    const at = lines.findIndex((l) => l.startsWith(`INPUT_${name.toUpperCase()}=`));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

const kid = 'DEMOKEY123';
const issuerId = randomUUID();
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const dir = mkdtempSync(join(tmpdir(), 'fake-asc-'));
const keyPath = join(dir, `AuthKey_${kid}.p8`);
writeFileSync(keyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), {
  mode: 0o600,
});

const fake = await startFakeAsc({ keys: [{ kid, issuerId, publicKey }], seedDemo: true, port });

if (envFile !== undefined) {
  const connection = {
    'api-base-url': fake.url,
    'key-id': kid,
    'issuer-id': issuerId,
    // Base64 of the PEM (an accepted form of the input) keeps the key on one line.
    'private-key': readFileSync(keyPath).toString('base64'),
  };
  const before = existsSync(envFile) ? readFileSync(envFile, 'utf8') : '';
  // Written whole and renamed, so a script waiting for the file never reads half of it.
  writeFileSync(`${envFile}.partial`, withInputs(before, connection), { mode: 0o600 });
  renameSync(`${envFile}.partial`, envFile);
}

console.log(`fake App Store Connect listening on ${fake.url}`);
console.log(`key id (kid): ${kid}`);
console.log(`issuer id:    ${issuerId}`);
console.log(`private key:  ${keyPath}`);
console.log(`demo app:     ${DEMO_APP_ID} (${DEMO_BUNDLE_ID})`);
console.log(`new app:      ${DEMO_NEW_APP_ID} (${DEMO_NEW_BUNDLE_ID}), no Test Information yet`);
console.log('');
console.log('Point the action at it with these inputs:');
console.log(`  api-base-url: ${fake.url}`);
console.log(`  key-id: ${kid}`);
console.log(`  issuer-id: ${issuerId}`);
console.log(`  private-key: (contents of ${keyPath})`);
console.log(`  app-id: ${DEMO_APP_ID}`);
if (envFile !== undefined) {
  console.log(
    `Wrote api-base-url, key-id, issuer-id and private-key to ${envFile} as INPUT_* lines.`,
  );
}
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  rmSync(dir, { recursive: true, force: true });
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
