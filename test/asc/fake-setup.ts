// A client wired to the fake App Store Connect server on loopback, sharing one simulated clock.
// Backoff sleeps advance that clock instead of waiting, so no test waits on real time for a retry.
import { expect } from 'vitest';
import { createAscApi, type AscApiOptions, type AscClient } from '../../src/asc/index.js';
import { startFakeAsc } from '../fake-asc/index.js';
import type { FakeAsc, FakeAscOptions } from '../fake-asc/types.js';
import { makeTestKey, type TestKey } from '../helpers/keys.js';

export interface FakeSetup {
  fake: FakeAsc;
  api: AscClient;
  key: TestKey;
  /** Every backoff the client asked for, in ms. */
  slept: number[];
  logs: string[];
  masked: string[];
  /** Moves the shared clock, as a long wait for processing would. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startClientAndFake(
  fakeOptions: Partial<FakeAscOptions> = {},
  clientOptions: Partial<AscApiOptions> & { individualKey?: boolean } = {},
): Promise<FakeSetup> {
  const { individualKey, ...client } = clientOptions;
  const key: TestKey = individualKey ? withoutIssuer(makeTestKey('INDIVKEY01')) : makeTestKey();
  let clock = Date.UTC(2026, 2, 2, 9, 0, 0);
  const now = () => clock;
  const fake = await startFakeAsc({
    keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey }],
    now,
    ...fakeOptions,
  });
  const slept: number[] = [];
  const logs: string[] = [];
  const masked: string[] = [];
  const api = createAscApi({
    baseUrl: fake.url,
    keyId: key.kid,
    issuerId: key.issuerId ?? null,
    privateKey: key.pem,
    mask: (s) => masked.push(s),
    now,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
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
    slept,
    logs,
    masked,
    advance: (ms) => {
      clock += ms;
    },
    close: async () => {
      await api.close();
      await fake.close();
    },
  };
}

/** An individual key: the same key material, no issuer (makeTestKey's default fills one in). */
function withoutIssuer(key: TestKey): TestKey {
  const { issuerId: _issuer, ...individual } = key;
  return individual;
}

/**
 * For afterEach: every request the client made, retries and read-backs included, is one Apple's spec
 * allows; the server and client are closed also when that check fails, so no test leaves them behind.
 */
export async function closeCheckingSpec(setup: FakeSetup | undefined): Promise<void> {
  try {
    if (setup) expect(setup.fake.violations).toEqual([]);
  } finally {
    await setup?.close();
  }
}
