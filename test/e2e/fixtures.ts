// The end-to-end level's one harness, as vitest fixtures: a fake App Store Connect per test, started with
// `fakeOptions` (override them per suite with `e2eTest.override({ fakeOptions })`, or for a whole project with
// vitest's `provide`, which is how the scenarios can run under another mode of the fake) and closed after it.
// The action itself runs as a child process through runAction (run-action.ts).
import { expect, test } from 'vitest';
import { startFakeAsc, type FakeAsc, type FakeAscOptions } from '../fake-asc/index.js';
import type { FakeKey, RequestLogEntry } from '../fake-asc/types.js';
import type { TestKey } from '../helpers/keys.js';
import type { ActionRun } from './run-action.js';
import { DEMO_ACCOUNT } from './secret-scan.js';

export interface E2eFixtures {
  /** Options for the fake each test starts, beyond its keys. */
  fakeOptions: Omit<Partial<FakeAscOptions>, 'keys'>;
  /** The API keys the fake accepts. */
  keys: TestKey[];
  /** What every key's role may do (e.g. `canListUsers: false`); override per suite. */
  keyRole: Pick<FakeKey, 'canListUsers'>;
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
  keyRole: [{}, { injected: true }],
  answerHooks: async ({}, use) => {
    await use([]);
  },
  afterEachAnswer: async ({ answerHooks }, use) => {
    await use((hook) => answerHooks.push(hook));
  },
  fake: async ({ fakeOptions, keys, keyRole, answerHooks }, use) => {
    const fake = await startFakeAsc({
      ...fakeOptions,
      keys: keys.map((key) => ({
        kid: key.kid,
        issuerId: key.issuerId,
        publicKey: key.publicKey,
        ...keyRole,
      })),
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

/** The forms of a key that must never be shown: each line of its body, its start, its base64. */
export function keyForms(key: TestKey): string[] {
  const body = key.pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return [
    ...body,
    body.join('').slice(0, 40),
    Buffer.from(key.pem).toString('base64').slice(0, 40),
    Buffer.from(key.pem.trim()).toString('base64').slice(0, 40),
  ];
}

export { DEMO_ACCOUNT } from './secret-scan.js';
export const DEMO_ACCOUNT_INPUT = `${DEMO_ACCOUNT.name}:${DEMO_ACCOUNT.password}`;

/** No form of these keys, no JWT and no demo-account password in anything the step prints or publishes. */
export function expectNoSecrets(run: ActionRun, keys: TestKey[]): void {
  // `::add-mask::` lines are instructions to the runner, which consumes them and never shows them.
  const shown = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const published = [shown, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
  for (const form of keys.flatMap(keyForms)) expect(published).not.toContain(form);
  expect(published).not.toMatch(/eyJ[\w-]{10,}/);
  expect(published).not.toContain(DEMO_ACCOUNT.password);
}

/** The step failed (exit 1) with exactly one error annotation, matching `sentence`, and showed no secret. */
export function expectOneErrorSentence(run: ActionRun, sentence: RegExp, keys: TestKey[]): void {
  expect(run.code).toBe(1);
  expectNoSecrets(run, keys);
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(sentence);
}
