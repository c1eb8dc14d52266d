// The end-to-end level's one harness, as vitest fixtures: a fake App Store Connect per test, started with
// `fakeOptions` (override them per suite with `e2eTest.override({ fakeOptions })`, or for a whole project with
// vitest's `provide`, which is how the scenarios can run under another mode of the fake) and closed after it.
// The action itself runs as a child process through runAction (run-action.ts).
import { test } from 'vitest';
import { startFakeAsc, type FakeAsc, type FakeAscOptions } from '../fake-asc/index.js';
import type { RequestLogEntry } from '../fake-asc/types.js';
import type { TestKey } from '../helpers/keys.js';

export interface E2eFixtures {
  /** Options for the fake each test starts, beyond its keys. */
  fakeOptions: Omit<Partial<FakeAscOptions>, 'keys'>;
  /** The API keys the fake accepts. */
  keys: TestKey[];
  fake: FakeAsc;
  /**
   * What the fake does to its state after each answer (FakeAscOptions.onAnswer), set by the test once it
   * knows what to change: a process that gets no clock is moved on by what it asks.
   */
  afterEachAnswer: (hook: (entry: RequestLogEntry) => void) => void;
}

export const e2eTest = test.extend<
  E2eFixtures & { answerHooks: ((entry: RequestLogEntry) => void)[] }
>({
  fakeOptions: [{}, { injected: true }],
  keys: async ({}, use) => {
    await use([]);
  },
  answerHooks: async ({}, use) => {
    await use([]);
  },
  afterEachAnswer: async ({ answerHooks }, use) => {
    await use((hook) => answerHooks.push(hook));
  },
  fake: async ({ fakeOptions, keys, answerHooks }, use) => {
    const fake = await startFakeAsc({
      ...fakeOptions,
      keys: keys.map((key) => ({ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey })),
      onAnswer: (entry) => {
        fakeOptions.onAnswer?.(entry);
        for (const hook of answerHooks) hook(entry);
      },
    });
    try {
      await use(fake);
    } finally {
      await fake.close();
    }
  },
});
