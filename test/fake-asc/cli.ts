// `npm run fake-asc`: the demo server for people. Prints where it is and the key to sign tokens with.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_APP_ID, DEMO_BUNDLE_ID, DEMO_NEW_APP_ID, DEMO_NEW_BUNDLE_ID } from './demo.js';
import { startFakeAsc } from './server.js';

const portArg = process.argv.indexOf('--port');
const port =
  portArg >= 0 ? Number(process.argv[portArg + 1]) : Number(process.env.FAKE_ASC_PORT ?? 0);

const kid = 'DEMOKEY123';
const issuerId = randomUUID();
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const dir = mkdtempSync(join(tmpdir(), 'fake-asc-'));
const keyPath = join(dir, `AuthKey_${kid}.p8`);
writeFileSync(keyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), {
  mode: 0o600,
});

const fake = await startFakeAsc({ keys: [{ kid, issuerId, publicKey }], seedDemo: true, port });

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
