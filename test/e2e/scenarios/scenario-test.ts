// The scenarios' fixtures: the fake with the app "Scenario App" and its build 100 (3.1.0), and the checks every
// scenario shares. Every scenario that succeeds is run again and must change nothing (`twice`); dry runs must
// plan exactly what the real run then does (`dryThenReal`).
import { expect } from 'vitest';
import type { FakeApp, FakeAsc, FakeBuild } from '../../fake-asc/index.js';
import { makeTestKey, type TestKey } from '../../helpers/keys.js';
import { e2eTest } from '../fixtures.js';
import { runAction, type ActionRun, type RunOptions } from '../run-action.js';

export const teamKey: TestKey = makeTestKey('SCNKEY1234');
export const soloKey: TestKey = makeTestKey('SOLOKEY123', null);
const BUNDLE = 'com.example.scenarios';

export type Inputs = Record<string, string>;

interface PlanEntry {
  op: string;
  target: string;
  detail: string;
}

type FakeGroup = ReturnType<FakeAsc['state']['addGroup']>;
type FakeTester = ReturnType<FakeAsc['state']['addTester']>;

export const scenarioTest = e2eTest.extend<{
  keys: TestKey[];
  app: FakeApp;
  build: FakeBuild;
  /** The inputs of a run of build 100 of the app, with the team key and no wait, plus `extra`. */
  inputs: (extra?: Inputs) => Inputs;
  /** The requests from index `from` on that changed something. */
  mutationsSince: (from: number) => FakeAsc['requests'];
  /** Runs once, then again: the second run makes no changing request and reports changes 0. */
  twice: (given: Inputs, options?: RunOptions) => Promise<{ first: ActionRun; second: ActionRun }>;
  /** The dry run plans exactly what the real run then does, and changes nothing itself. */
  dryThenReal: (given: Inputs) => Promise<{ dry: ActionRun; real: ActionRun }>;
  /** A failure: exit 1, one sentence matching `sentence`, no changing request since `mark`. */
  expectFailure: (run: ActionRun, sentence: RegExp, mark?: number) => void;
  addGroup: (
    name: string,
    extra?: Partial<Parameters<FakeAsc['state']['addGroup']>[0]>,
  ) => FakeGroup;
  groupNamed: (name: string) => FakeGroup;
  memberEmails: (name: string) => string[];
  testerByEmail: (email: string) => FakeTester | undefined;
}>({
  keys: async ({}, use) => {
    await use([teamKey, soloKey]);
  },
  // Every scenario starts from the app and its build, made before anything the test adds.
  app: [
    async ({ fake }, use) => {
      await use(fake.state.addApp({ id: '1600000001', bundleId: BUNDLE, name: 'Scenario App' }));
    },
    { auto: true },
  ],
  build: [
    async ({ fake, app }, use) => {
      await use(
        fake.state.addBuild({
          appId: app.id,
          version: '100',
          marketingVersion: '3.1.0',
          usesNonExemptEncryption: false,
        }),
      );
    },
    { auto: true },
  ],
  inputs: async ({ fake }, use) => {
    await use((extra = {}) => ({
      'key-id': teamKey.kid,
      'issuer-id': teamKey.issuerId!,
      'private-key': teamKey.pem,
      'bundle-id': BUNDLE,
      'build-number': '100',
      'wait-for-processing': '0',
      'api-base-url': fake.url,
      ...extra,
    }));
  },
  mutationsSince: async ({ fake }, use) => {
    await use((from) => fake.requests.slice(from).filter((r) => r.method !== 'GET'));
  },
  twice: async ({ fake, mutationsSince }, use) => {
    await use(async (given, options = {}) => {
      const first = await runAction(given, options);
      expectOk(first);
      expect(Number(first.outputs.changes)).toBeGreaterThan(0);
      const mark = fake.requests.length;
      const second = await runAction(given, options);
      expectOk(second);
      expect(mutationsSince(mark)).toEqual([]);
      expect(second.outputs.changes).toBe('0');
      expect(second.outputs.plan).toBe('[]');
      expect(second.outputs['testers-added']).toBe('0');
      expect(second.outputs['testers-removed']).toBe('0');
      expect(second.outputs['created-groups']).toBe('[]');
      expect(fake.violations.filter((v) => v.direction === 'request')).toEqual([]);
      return { first, second };
    });
  },
  dryThenReal: async ({ fake, mutationsSince }, use) => {
    await use(async (given) => {
      const mark = fake.requests.length;
      const dry = await runAction({ ...given, 'dry-run': 'true' });
      expectOk(dry);
      expect(mutationsSince(mark)).toEqual([]);
      const realMark = fake.requests.length;
      const real = await runAction(given);
      expectOk(real);
      const opsOf = (run: ActionRun) => planOf(run).map(({ op, target }) => ({ op, target }));
      expect(opsOf(dry)).toEqual(opsOf(real));
      expect(dry.outputs.changes).toBe(real.outputs.changes);
      expect(Number(real.outputs.changes)).toBe(mutationsSince(realMark).length);
      for (const name of ['testers-added', 'testers-removed', 'created-groups', 'review-state']) {
        expect(dry.outputs[name], name).toBe(real.outputs[name]);
      }
      expect(Object.keys(json(dry, 'group-ids'))).toEqual(Object.keys(json(real, 'group-ids')));
      return { dry, real };
    });
  },
  expectFailure: async ({ mutationsSince }, use) => {
    await use((run, sentence, mark = 0) => {
      expect(run.code).toBe(1);
      expectNoSecrets(run);
      const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(sentence);
      // One sentence: it ends once, with a full stop.
      const text = errors[0]!.replace(/^::error[^:]*::/, '');
      expect(text).toMatch(/[.!]$/);
      expect(mutationsSince(mark)).toEqual([]);
    });
  },
  addGroup: async ({ fake, app }, use) => {
    await use((name, extra = {}) => fake.state.addGroup({ appId: app.id, name, ...extra }));
  },
  groupNamed: async ({ fake }, use) => {
    await use((name) => [...fake.state.groups.values()].find((g) => g.name === name)!);
  },
  memberEmails: async ({ fake, groupNamed }, use) => {
    await use((name) =>
      [...groupNamed(name).testerIds].map((id) => fake.state.testers.get(id)!.email).sort(),
    );
  },
  testerByEmail: async ({ fake }, use) => {
    await use((email) =>
      [...fake.state.testers.values()].find((t) => t.email.toLowerCase() === email.toLowerCase()),
    );
  },
});

export const planOf = (run: ActionRun): PlanEntry[] => JSON.parse(run.outputs.plan!) as PlanEntry[];
export const json = <T>(run: ActionRun, name: string): T => JSON.parse(run.outputs[name]!) as T;

export function expectOk(run: ActionRun): void {
  if (run.code !== 0) throw new Error(`action failed:\n${run.stdout}\n${run.stderr}`);
  expect(run.stderr).toBe('');
  expectNoSecrets(run);
  expectAllOutputs(run);
}

const OUTPUTS = [
  'app-id',
  'build-id',
  'build-state',
  'group-ids',
  'created-groups',
  'testers-added',
  'testers-removed',
  'public-links',
  'review-state',
  'changes',
  'plan',
];
const REVIEW_STATES = [
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'APPROVED',
  'REJECTED',
  'not-needed',
  'skipped',
];

/** Every output of the contract, in its documented shape. */
function expectAllOutputs(run: ActionRun): void {
  expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUTS].sort());
  expect(run.outputs['app-id']).toMatch(/^\d+$/);
  const groupIds = json<Record<string, unknown>>(run, 'group-ids');
  expect(typeof groupIds).toBe('object');
  expect(Array.isArray(json(run, 'created-groups'))).toBe(true);
  expect(run.outputs['testers-added']).toMatch(/^\d+$/);
  expect(run.outputs['testers-removed']).toMatch(/^\d+$/);
  const links = json<Record<string, string>>(run, 'public-links');
  for (const link of Object.values(links)) expect(link).toMatch(/^https:\/\//);
  expect(REVIEW_STATES).toContain(run.outputs['review-state']);
  expect(run.outputs.changes).toMatch(/^\d+$/);
  for (const entry of planOf(run)) {
    expect(Object.keys(entry).sort()).toEqual(['detail', 'op', 'target']);
  }
}

export const keyForms = (key: TestKey): string[] => {
  const body = key.pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return [
    ...body,
    body.join('').slice(0, 40),
    Buffer.from(key.pem).toString('base64').slice(0, 40),
    Buffer.from(key.pem.trim()).toString('base64').slice(0, 40),
  ];
};

/** No form of either key and no JWT in anything the step prints or publishes. */
function expectNoSecrets(run: ActionRun): void {
  const shown = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const published = [shown, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
  for (const form of [...keyForms(teamKey), ...keyForms(soloKey)]) {
    expect(published).not.toContain(form);
  }
  expect(published).not.toMatch(/eyJ[\w-]{10,}/);
}
