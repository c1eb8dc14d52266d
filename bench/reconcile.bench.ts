// `npm run bench`: the reconcile against the fake App Store Connect with injected network latency.
// Reports wall time, requests and memory for a first run and an unchanged re-run. Run on demand, not in CI.
import { createAscApi } from '../src/asc/index.js';
import { readSettings } from '../src/inputs.js';
import { reconcile } from '../src/reconcile/index.js';
import { startFakeAsc } from '../test/fake-asc/index.js';
import { makeTestKey } from '../test/helpers/keys.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 40);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 5);
const EXISTING_TESTERS = Number(process.env.BENCH_EXISTING ?? 400);
const NEW_TESTERS = Number(process.env.BENCH_NEW ?? 100);

const key = makeTestKey();
const fake = await startFakeAsc({
  keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey }],
  rateLimitPerHour: 10_000,
  validate: process.env.BENCH_VALIDATE === '1',
});
fake.faults.add({ kind: 'latency', ms: LATENCY_MS, times: Infinity });

const app = fake.state.addApp({ bundleId: 'com.example.bench', name: 'Bench' });
fake.state.addBuild({
  appId: app.id,
  version: '100',
  marketingVersion: '3.0.0',
  usesNonExemptEncryption: false,
});
const groupNames = Array.from({ length: GROUPS }, (_, i) => `Group ${i + 1}`);
const groups = groupNames.map((name) => fake.state.addGroup({ appId: app.id, name }));
const emails: string[] = [];
for (let i = 0; i < EXISTING_TESTERS; i++) {
  const email = `existing${i}@example.com`;
  // Half of them are already in the first group, the rest only known to the app.
  fake.state.addTester({ email, appIds: [app.id], groupIds: i % 2 === 0 ? [groups[0]!.id] : [] });
  emails.push(email);
}
for (let i = 0; i < NEW_TESTERS; i++) emails.push(`new${i}@example.com`);

const inputs: Record<string, string> = {
  'key-id': key.kid,
  'issuer-id': key.issuerId ?? '',
  'private-key': key.pem,
  'bundle-id': 'com.example.bench',
  'build-number': '100',
  groups: groupNames.join('\n'),
  testers: emails.join('\n'),
  'what-to-test': 'Benchmark build.',
  'api-base-url': fake.url,
};

async function measure(label: string): Promise<void> {
  const settings = readSettings(
    (name) => inputs[name] ?? '',
    () => '',
    process.cwd(),
  );
  const api = createAscApi({
    baseUrl: settings.apiBaseUrl,
    keyId: settings.keyId,
    issuerId: settings.issuerId,
    privateKey: settings.privateKey,
  });
  const before = fake.requests.length;
  const started = performance.now();
  const result = await reconcile(settings, api, {
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: () => {},
    warn: () => {},
  });
  const ms = performance.now() - started;
  await api.close();
  const requests = fake.requests.slice(before);
  const changing = requests.filter((r) => r.method !== 'GET').length;
  console.log(
    `${label.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms  ${String(requests.length).padStart(5)} requests (${changing} changing)  ` +
      `changes=${result.changes}  memberships added=${result.testersAdded}  rss=${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
}

console.log(
  `latency ${LATENCY_MS} ms per request, ${GROUPS} groups, ${EXISTING_TESTERS} existing + ${NEW_TESTERS} new testers`,
);
try {
  await measure('first run');
  await measure('re-run');
} finally {
  await fake.close();
}
