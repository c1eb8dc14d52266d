// The integration level's one harness: the real client against the fake App Store Connect over loopback,
// both on one TestClock, so backoffs and processing waits move simulated time instead of waiting. Each test
// starts what it needs through the fixtures; everything started is closed after the test, once every
// request it made (retries and read-backs included) has been checked against Apple's spec.
import { expect, test } from 'vitest';
import { createAscApi, type AscApiOptions, type AscClient } from '../../src/asc/index.js';
import type { ReconcileDeps } from '../../src/reconcile/index.js';
import { completeTestInformation, startFakeAsc } from '../fake-asc/index.js';
import type { FakeApp, FakeAsc, FakeAscOptions, FakeKey } from '../fake-asc/types.js';
import { TestClock } from './clock.js';
import { makeTestKey, type TestKey } from './keys.js';

export interface ClientAndFake {
  fake: FakeAsc;
  api: AscClient;
  key: TestKey;
  clock: TestClock;
  /** Every backoff the client asked for, in ms. */
  slept: number[];
  logs: string[];
  masked: string[];
  /** Moves the shared clock, as a long wait for processing would. */
  advance(ms: number): void;
}

interface ClientOptions extends Partial<AscApiOptions> {
  /** An individual key (`sub: "user"`) instead of a team key. */
  individualKey?: boolean;
  /** The clock the fake and the client share; a new TestClock by default. */
  clock?: TestClock;
  /** What the key's role may do (e.g. `canListUsers: false`: GET /v1/users answers 403). */
  keyRole?: Pick<FakeKey, 'canListUsers'>;
}

export type StartClientAndFake = (
  fake?: Partial<FakeAscOptions>,
  client?: ClientOptions,
) => Promise<ClientAndFake>;

/** startClientAndFake, with the app com.example.app ("Example") in the fake. */
export type StartWithApp = (
  ...args: Parameters<StartClientAndFake>
) => Promise<ClientAndFake & { app: FakeApp }>;

export const integrationTest = test.extend<{
  startClientAndFake: StartClientAndFake;
  startWithApp: StartWithApp;
}>({
  startClientAndFake: async ({}, use) => {
    const started: ClientAndFake[] = [];
    await use(async (fake, client) => {
      const setup = await start(fake, client);
      started.push(setup);
      return setup;
    });
    await closeCheckingSpec(started);
  },
  startWithApp: async ({ startClientAndFake }, use) => {
    await use(async (...args) => {
      const setup = await startClientAndFake(...args);
      const app = setup.fake.state.addApp({ bundleId: 'com.example.app', name: 'Example' });
      // Complete Test Information, so a review submission meets Apple's preconditions.
      setup.fake.state.setTestInformation(app.id, completeTestInformation());
      return { ...setup, app };
    });
  },
});

async function start(
  fakeOptions: Partial<FakeAscOptions> = {},
  clientOptions: ClientOptions = {},
): Promise<ClientAndFake> {
  const { individualKey, clock = new TestClock(), keyRole = {}, ...client } = clientOptions;
  const key: TestKey = individualKey ? withoutIssuer(makeTestKey('INDIVKEY01')) : makeTestKey();
  const fake = await startFakeAsc({
    keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey, ...keyRole }],
    now: clock.now,
    ...fakeOptions,
  });
  const logs: string[] = [];
  const masked: string[] = [];
  const api = createAscApi({
    baseUrl: fake.url,
    keyId: key.kid,
    issuerId: key.issuerId ?? null,
    privateKey: key.pem,
    mask: (s) => masked.push(s),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    // Real time, as the request timeout always is. Only the hang tests need it short, and they set their own:
    // at 300 ms a first request (key import, schema compile) on a loaded machine timed out and was retried,
    // which broke the tests that count requests and backoffs.
    timeoutMs: 10_000,
    log: (line) => logs.push(line),
    ...client,
  });
  return {
    fake,
    api,
    key,
    clock,
    slept: clock.slept,
    logs,
    masked,
    advance: (ms) => clock.advance(ms),
  };
}

/** What reconcile() is given on the harness clock: its warnings and log lines go to the arrays given. */
export function reconcileDeps(
  clock: TestClock,
  sinks: { warnings?: string[]; logs?: string[] } = {},
): ReconcileDeps {
  return {
    now: clock.now,
    sleep: clock.sleep,
    log: (line) => sinks.logs?.push(line),
    warn: (line) => sinks.warnings?.push(line),
    phase: (_name, phase) => phase(),
  };
}

/** An individual key: the same key material, no issuer (makeTestKey's default fills one in). */
function withoutIssuer(key: TestKey): TestKey {
  const { issuerId: _issuer, ...individual } = key;
  return individual;
}

/**
 * Every request the clients made is one Apple's spec allows, and every answer is one the spec describes; the
 * servers and clients are closed also when that check fails, so no test leaves them behind.
 */
async function closeCheckingSpec(started: ClientAndFake[]): Promise<void> {
  try {
    for (const { fake } of started) expect(fake.violations).toEqual([]);
  } finally {
    for (const { api, fake } of started) {
      await api.close();
      await fake.close();
    }
  }
}
