// The scenarios' fixtures: the fake with the app "Scenario App" and its build 100 (3.1.0), and the checks every
// scenario shares. Every scenario that succeeds is run again and must change nothing (`twice`); dry runs must
// plan exactly what the real run then does (`dryThenReal`).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import {
  completeTestInformation,
  type FakeApp,
  type FakeAsc,
  type FakeBuild,
} from '../../fake-asc/index.js';
import { htmlProblems } from '../../helpers/html.js';
import { makeTestKey, type TestKey } from '../../helpers/keys.js';
import { e2eTest, expectNoSecrets, expectOneErrorSentence, type E2eFixtures } from '../fixtures.js';
import { runAction, type ActionRun, type RunOptions } from '../run-action.js';

export const teamKey: TestKey = makeTestKey('SCNKEY1234');
export const soloKey: TestKey = makeTestKey('SOLOKEY123', null);
const SCENARIO_KEYS = [teamKey, soloKey];
const BUNDLE = 'com.example.scenarios';

export type Inputs = Record<string, string>;

interface PlanEntry {
  op: string;
  target: string;
  detail: string;
}

type FakeGroup = ReturnType<FakeAsc['state']['addGroup']>;
type FakeTester = ReturnType<FakeAsc['state']['addTester']>;

/** What a scenario works with: the fake, its app and build, and the checks every scenario shares. */
function scenarioWorld(fake: FakeAsc, afterEachAnswer: E2eFixtures['afterEachAnswer']) {
  const app: FakeApp = fake.state.addApp({
    id: '1600000001',
    bundleId: BUNDLE,
    name: 'Scenario App',
  });
  fake.state.setTestInformation(app.id, completeTestInformation());
  const build: FakeBuild = fake.state.addBuild({
    appId: app.id,
    version: '100',
    marketingVersion: '3.1.0',
    usesNonExemptEncryption: false,
  });
  /** The requests from index `from` on that changed something. */
  const mutationsSince = (from: number) =>
    fake.requests.slice(from).filter((r) => r.method !== 'GET');
  /** Runs again: no changing request, and changes 0. */
  const rerun = async (given: Inputs, options: RunOptions = {}): Promise<ActionRun> => {
    const mark = fake.requests.length;
    const again = await runAction(given, options);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
    return again;
  };
  /** Makes the app one that never had an external release: no beta app localization, no review contact. */
  const withoutTestInformation = (): void => {
    for (const [id, l] of fake.state.betaAppLocalizations) {
      if (l.appId === app.id) fake.state.betaAppLocalizations.delete(id);
    }
    fake.state.setTestInformation(app.id, {
      review: {
        contactFirstName: null,
        contactLastName: null,
        contactEmail: null,
        contactPhone: null,
      },
    });
  };
  const groupNamed = (name: string): FakeGroup =>
    [...fake.state.groups.values()].find((g) => g.name === name)!;
  return {
    fake,
    app,
    build,
    afterEachAnswer,
    mutationsSince,
    rerun,
    withoutTestInformation,
    /** The inputs of a run of build 100 of the app, with the team key and no wait, plus `extra`. */
    inputs: (extra: Inputs = {}): Inputs => ({
      'key-id': teamKey.kid,
      'issuer-id': teamKey.issuerId!,
      'private-key': teamKey.pem,
      'bundle-id': BUNDLE,
      'build-number': '100',
      'wait-for-processing': '0',
      'api-base-url': fake.url,
      ...extra,
    }),
    /** Runs once, then again: the second run changes nothing and reports nothing added or created. */
    twice: async (given: Inputs, options: RunOptions = {}) => {
      const first = await runAction(given, options);
      expectOk(first);
      expect(Number(first.outputs.changes)).toBeGreaterThan(0);
      const second = await rerun(given, options);
      expect(second.outputs.plan).toBe('[]');
      expect(second.outputs['testers-added']).toBe('0');
      expect(second.outputs['testers-removed']).toBe('0');
      expect(second.outputs['created-groups']).toBe('[]');
      expect(fake.violations.filter((v) => v.direction === 'request')).toEqual([]);
      return { first, second };
    },
    /** The dry run plans exactly what the real run then does, and changes nothing itself. */
    dryThenReal: async (given: Inputs) => {
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
      for (const name of ['testers-added', 'testers-removed', 'created-groups']) {
        expect(dry.outputs[name], name).toBe(real.outputs[name]);
      }
      // The dry run says would-submit exactly when the real run submits; otherwise both report the same state.
      const submits = planOf(real).some((op) => op.op === 'submit-for-review');
      expect(dry.outputs['review-state']).toBe(
        submits ? 'would-submit' : real.outputs['review-state'],
      );
      // A dry run shows the links App Store Connect already shows; each is the one the real run ends with.
      const realLinks = json<Record<string, string>>(real, 'public-links');
      for (const [name, link] of Object.entries(
        json<Record<string, string>>(dry, 'public-links'),
      )) {
        expect(realLinks[name], name).toBe(link);
      }
      expect(Object.keys(json(dry, 'group-ids'))).toEqual(Object.keys(json(real, 'group-ids')));
      return { dry, real };
    },
    /** A failure: exit 1, one sentence matching `sentence`, no changing request since `mark`. */
    expectFailure: (run: ActionRun, sentence: RegExp, mark = 0): void => {
      expectOneErrorSentence(run, sentence, SCENARIO_KEYS);
      // One sentence: it ends once, with a full stop.
      expect(run.stdout.split('\n').find((l) => l.startsWith('::error'))).toMatch(/[.!]$/);
      expect(mutationsSince(mark)).toEqual([]);
      expect(htmlProblems(run.summary)).toEqual([]);
    },
    addGroup: (name: string, extra: Partial<Parameters<FakeAsc['state']['addGroup']>[0]> = {}) =>
      fake.state.addGroup({ appId: app.id, name, ...extra }),
    groupNamed,
    memberEmails: (name: string) =>
      [...groupNamed(name).testerIds].map((id) => fake.state.testers.get(id)!.email).sort(),
    testerByEmail: (email: string): FakeTester | undefined =>
      [...fake.state.testers.values()].find((t) => t.email.toLowerCase() === email.toLowerCase()),
  };
}

/** What a scenario test is given as `scenario`. */
export type ScenarioWorld = ReturnType<typeof scenarioWorld>;

export const scenarioTest = e2eTest.extend<{
  keys: TestKey[];
  scenario: ReturnType<typeof scenarioWorld>;
}>({
  keys: async ({}, use) => {
    await use(SCENARIO_KEYS);
  },
  scenario: async ({ fake, afterEachAnswer }, use) => {
    await use(scenarioWorld(fake, afterEachAnswer));
  },
});

export const planOf = (run: ActionRun): PlanEntry[] => JSON.parse(run.outputs.plan!) as PlanEntry[];
export const json = <T>(run: ActionRun, name: string): T => JSON.parse(run.outputs[name]!) as T;

export function expectOk(run: ActionRun): void {
  if (run.code !== 0) throw new Error(`action failed:\n${run.stdout}\n${run.stderr}`);
  expect(run.stderr).toBe('');
  expectNoSecrets(run, SCENARIO_KEYS);
  expectAllOutputs(run);
  expect(htmlProblems(run.summary)).toEqual([]);
}

/** The contract's outputs, as action.yml declares them (readme.test.ts holds action.yml to the contract). */
const OUTPUTS = Object.keys(
  (
    parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      outputs: Record<string, unknown>;
    }
  ).outputs,
);
const REVIEW_STATES = [
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'APPROVED',
  'REJECTED',
  'not-needed',
  'skipped',
  'would-submit',
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
  const expired = json<unknown[]>(run, 'expired-builds');
  expect(expired.every((n) => typeof n === 'string')).toBe(true);
  expect(run.outputs['expires-at']).toMatch(/^(\d{4}-\d\d-\d\dT[\d:.]+Z)?$/);
  for (const entry of planOf(run)) {
    expect(Object.keys(entry).sort()).toEqual(['detail', 'op', 'target']);
  }
}
