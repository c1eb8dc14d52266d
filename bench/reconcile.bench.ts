// `npm run bench`: the reconcile against the fake App Store Connect with injected network latency.
// Reports wall time, requests and memory for a first run and an unchanged re-run. Run on demand, not in CI.
// `BENCH_BURST=10 npm run bench` adds a first run against a fake that allows only that many requests a second
// (a 429 storm): how long it takes, how many 429s it draws, and that it finishes.
import { createAscApi } from '../src/asc/index.js';
import { readSettings } from '../src/inputs/index.js';
import { reconcile } from '../src/reconcile/index.js';
import { completeTestInformation, startFakeAsc } from '../test/fake-asc/index.js';
import type { FakeAsc } from '../test/fake-asc/types.js';
import { makeTestKey } from '../test/helpers/keys.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 40);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 5);
const EXISTING_TESTERS = Number(process.env.BENCH_EXISTING ?? 400);
const NEW_TESTERS = Number(process.env.BENCH_NEW ?? 100);
const BURST = Number(process.env.BENCH_BURST ?? 0);
/** The whole bench stops, failing, after this long: a regression that loops or stalls ends the run. */
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS ?? 600_000);

// Requests are bounded in count by the fake's hourly limit (rateLimitPerHour below: the client stops once it
// is spent) and in time by this deadline.
setTimeout(() => {
  console.error(`bench: not finished after ${DEADLINE_MS} ms; stopped`);
  process.exit(1);
}, DEADLINE_MS).unref();

const key = makeTestKey();
const groupNames = Array.from({ length: GROUPS }, (_, i) => `Group ${i + 1}`);
const emails: string[] = [];
for (let i = 0; i < EXISTING_TESTERS; i++) emails.push(`existing${i}@example.com`);
for (let i = 0; i < NEW_TESTERS; i++) emails.push(`new${i}@example.com`);

async function startSeeded(burstPerSecond: number): Promise<FakeAsc> {
  const fake = await startFakeAsc({
    keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey }],
    rateLimitPerHour: 10_000,
    validate: process.env.BENCH_VALIDATE === '1',
    ...(burstPerSecond > 0 ? { burstLimit: { requests: burstPerSecond, windowMs: 1000 } } : {}),
  });
  fake.faults.add({ kind: 'latency', ms: LATENCY_MS, times: Infinity });
  const app = fake.state.addApp({ bundleId: 'com.example.bench', name: 'Bench' });
  fake.state.setTestInformation(app.id, completeTestInformation());
  fake.state.addBuild({
    appId: app.id,
    version: '100',
    marketingVersion: '3.0.0',
    usesNonExemptEncryption: false,
  });
  const groups = groupNames.map((name) => fake.state.addGroup({ appId: app.id, name }));
  for (let i = 0; i < EXISTING_TESTERS; i++) {
    // Half of them are already in the first group, the rest only known to the app.
    fake.state.addTester({
      email: emails[i]!,
      appIds: [app.id],
      groupIds: i % 2 === 0 ? [groups[0]!.id] : [],
    });
  }
  return fake;
}

const inputs: Record<string, string> = {
  'key-id': key.kid,
  'issuer-id': key.issuerId ?? '',
  'private-key': key.pem,
  'bundle-id': 'com.example.bench',
  'build-number': '100',
  groups: groupNames.join('\n'),
  testers: emails.join('\n'),
  'what-to-test': 'Benchmark build.',
};

async function measure(label: string, fake: FakeAsc): Promise<void> {
  inputs['api-base-url'] = fake.url;
  const settings = readSettings(
    (name) => inputs[name] ?? '',
    () => '',
    process.cwd(),
  );
  const api = createAscApi(settings.connection);
  const before = fake.requests.length;
  const started = performance.now();
  const result = await reconcile(
    settings.target,
    settings.desired,
    api,
    {
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      log: () => {},
      warn: () => {},
      phase: (_name, phase) => phase(),
    },
    { dryRun: settings.dryRun },
  );
  const ms = performance.now() - started;
  await api.close();
  const requests = fake.requests.slice(before);
  const changing = requests.filter((r) => r.method !== 'GET').length;
  const limited = requests.filter((r) => r.status === 429).length;
  console.log(
    `${label.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms  ${String(requests.length).padStart(5)} requests (${changing} changing, ${limited} answered 429)  ` +
      `changes=${result.changes}  memberships added=${result.testersAdded}  rss=${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
}

console.log(
  `latency ${LATENCY_MS} ms per request, ${GROUPS} groups, ${EXISTING_TESTERS} existing + ${NEW_TESTERS} new testers`,
);
const fake = await startSeeded(0);
try {
  await measure('first run', fake);
  await measure('re-run', fake);
} finally {
  await fake.close();
}
if (BURST > 0) {
  console.log(`429 storm: at most ${BURST} requests a second`);
  const stormy = await startSeeded(BURST);
  try {
    await measure('storm run', stormy);
  } finally {
    await stormy.close();
  }
}
