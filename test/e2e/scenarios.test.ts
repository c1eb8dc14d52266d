// Scenarios through the contract: dist/index.js as a runner runs it (INPUT_*, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY) against the fake App Store Connect over loopback. Every scenario that succeeds is
// run again and must change nothing; dry runs must plan exactly what the real run then does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  completeTestInformation,
  startFakeAsc,
  type FakeApp,
  type FakeAsc,
  type FakeBuild,
  type RequestLogEntry,
} from '../fake-asc/index.js';
import { makeTestKey, type TestKey } from '../helpers/keys.js';
import { runAction, type ActionRun } from './run-action.js';

const teamKey: TestKey = makeTestKey('SCNKEY1234');
const soloKey: TestKey = makeTestKey('SOLOKEY123', null);
const BUNDLE = 'com.example.scenarios';

let fake: FakeAsc;
let app: FakeApp;
let build: FakeBuild;
/** What a test does to the fake's state after each answer (see FakeAscOptions.onAnswer); reset per test. */
let afterAnswer: ((entry: RequestLogEntry) => void) | undefined;

beforeEach(async () => {
  afterAnswer = undefined;
  fake = await startFakeAsc({
    keys: [
      { kid: teamKey.kid, issuerId: teamKey.issuerId!, publicKey: teamKey.publicKey },
      { kid: soloKey.kid, publicKey: soloKey.publicKey },
    ],
    onAnswer: (entry) => afterAnswer?.(entry),
  });
  app = fake.state.addApp({ id: '1600000001', bundleId: BUNDLE, name: 'Scenario App' });
  fake.state.setTestInformation(app.id, completeTestInformation());
  build = fake.state.addBuild({
    appId: app.id,
    version: '100',
    marketingVersion: '3.1.0',
    usesNonExemptEncryption: false,
  });
});

afterEach(async () => {
  await fake.close();
});

type Inputs = Record<string, string>;

function inputs(extra: Inputs = {}): Inputs {
  return {
    'key-id': teamKey.kid,
    'issuer-id': teamKey.issuerId!,
    'private-key': teamKey.pem,
    'bundle-id': BUNDLE,
    'build-number': '100',
    'wait-for-processing': '0',
    'api-base-url': fake.url,
    ...extra,
  };
}

const mutationsSince = (from: number) =>
  fake.requests.slice(from).filter((r) => r.method !== 'GET');

interface PlanEntry {
  op: string;
  target: string;
  detail: string;
}
const planOf = (run: ActionRun): PlanEntry[] => JSON.parse(run.outputs.plan!) as PlanEntry[];
const json = <T>(run: ActionRun, name: string): T => JSON.parse(run.outputs[name]!) as T;

function expectOk(run: ActionRun): void {
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

const keyForms = (key: TestKey): string[] => {
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

/** Runs once, then again: the second run makes no changing request and reports changes 0. */
async function twice(
  given: Inputs,
  options: { files?: Record<string, string> } = {},
): Promise<{ first: ActionRun; second: ActionRun }> {
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
}

/** The dry run plans exactly what the real run then does, and changes nothing itself. */
async function dryThenReal(given: Inputs): Promise<{ dry: ActionRun; real: ActionRun }> {
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
}

function addGroup(name: string, extra: Partial<Parameters<FakeAsc['state']['addGroup']>[0]> = {}) {
  return fake.state.addGroup({ appId: app.id, name, ...extra });
}

const testerByEmail = (email: string) =>
  [...fake.state.testers.values()].find((t) => t.email.toLowerCase() === email.toLowerCase());
const groupNamed = (name: string) => [...fake.state.groups.values()].find((g) => g.name === name)!;
const memberEmails = (name: string) =>
  [...groupNamed(name).testerIds].map((id) => fake.state.testers.get(id)!.email).sort();

function expectFailure(run: ActionRun, sentence: RegExp, mark = 0): void {
  expect(run.code).toBe(1);
  expectNoSecrets(run);
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(sentence);
  // One sentence: it ends once, with a full stop.
  const text = errors[0]!.replace(/^::error[^:]*::/, '');
  expect(text).toMatch(/[.!]$/);
  expect(mutationsSince(mark)).toEqual([]);
}

describe('input forms', () => {
  it('groups comma and newline separated, with spaces and CRLF', async () => {
    addGroup('Alpha');
    addGroup('Beta Testers');
    addGroup('Gamma');
    const { first } = await twice(
      inputs({ groups: ' Alpha , Beta Testers\r\n\r\n  Gamma  \r\nAlpha\r\n' }),
    );
    expect(Object.keys(json(first, 'group-ids'))).toEqual(['Alpha', 'Beta Testers', 'Gamma']);
    for (const name of ['Alpha', 'Beta Testers', 'Gamma']) {
      expect(groupNamed(name).buildIds.has(build.id)).toBe(true);
    }
  });

  it('testers in all three forms, mixed case, duplicates, blank lines and CRLF', async () => {
    addGroup('Beta');
    const { first } = await twice(
      inputs({
        groups: 'Beta',
        testers: [
          'Jane.Doe@Example.com',
          '',
          '  Ann Lee <ANN@example.com>  ',
          'bob@example.com,Bob,Stone',
          'jane.doe@example.com',
          'BOB@EXAMPLE.COM',
          '',
        ].join('\r\n'),
      }),
    );
    expect(first.outputs['testers-added']).toBe('3');
    expect(memberEmails('Beta')).toEqual([
      'ann@example.com',
      'bob@example.com',
      'jane.doe@example.com',
    ]);
    const bob = testerByEmail('bob@example.com')!;
    expect([bob.firstName, bob.lastName]).toEqual(['Bob', 'Stone']);
    const ann = testerByEmail('ann@example.com')!;
    expect([ann.firstName, ann.lastName]).toEqual(['Ann', 'Lee']);
  });

  const csvFiles: [string, string][] = [
    ['with a header', 'email,firstName,lastName\nann@example.com,Ann,Lee\nbob@example.com,Bob,\n'],
    ['without a header', 'ann@example.com,Ann,Lee\r\nbob@example.com\r\n'],
    [
      'with a UTF-8 BOM',
      '\uFEFFemail,firstName,lastName\r\nann@example.com,Ann,Lee\r\nbob@example.com,Bob,Stone',
    ],
    [
      'with quoted fields',
      '"email","firstName","lastName"\n"ann@example.com","Ann","Lee"\n"bob@example.com","Bob","Stone, Jr."\n',
    ],
    [
      'with a trailing newline and blank lines',
      '\nann@example.com,Ann,Lee\n\nbob@example.com,Bob,Stone\n\n',
    ],
  ];
  it.each(csvFiles)('testers-file CSV %s', async (_, csv) => {
    addGroup('Beta');
    const { first } = await twice(inputs({ groups: 'Beta', 'testers-file': 'testers.csv' }), {
      files: { 'testers.csv': csv },
    });
    expect(first.outputs['testers-added']).toBe('2');
    expect(memberEmails('Beta')).toEqual(['ann@example.com', 'bob@example.com']);
    const ann = testerByEmail('ann@example.com')!;
    expect([ann.firstName, ann.lastName]).toEqual(['Ann', 'Lee']);
  });

  it('a quoted CSV field keeps its comma', async () => {
    addGroup('Beta');
    const csv = 'email,firstName,lastName\n"bob@example.com","Bob","Stone, Jr."\n';
    await twice(inputs({ groups: 'Beta', 'testers-file': 'testers.csv' }), {
      files: { 'testers.csv': csv },
    });
    expect(testerByEmail('bob@example.com')?.lastName).toBe('Stone, Jr.');
  });

  it('testers-file JSON, also with a BOM', async () => {
    addGroup('Beta');
    const file = JSON.stringify([
      { email: 'Ann@Example.com', firstName: 'Ann', lastName: 'Lee' },
      { email: 'bob@example.com' },
    ]);
    const { first } = await twice(
      inputs({ groups: 'Beta', 'testers-file': 'testers.json', testers: 'carl@example.com' }),
      { files: { 'testers.json': '\uFEFF' + file + '\n' } },
    );
    expect(first.outputs['testers-added']).toBe('3');
    expect(memberEmails('Beta')).toEqual([
      'ann@example.com',
      'bob@example.com',
      'carl@example.com',
    ]);
  });

  const keyShapes: [string, () => Inputs][] = [
    ['PEM', () => ({ 'private-key': teamKey.pem })],
    ['PEM with literal \\n', () => ({ 'private-key': teamKey.pem.trim().replaceAll('\n', '\\n') })],
    ['base64 of the PEM', () => ({ 'private-key': Buffer.from(teamKey.pem).toString('base64') })],
    [
      'an individual key (empty issuer-id)',
      () => ({ 'key-id': soloKey.kid, 'issuer-id': '', 'private-key': soloKey.pem }),
    ],
  ];
  it.each(keyShapes)('private key as %s', async (_, key) => {
    addGroup('Beta');
    const run = await runAction(inputs({ groups: 'Beta', 'dry-run': 'true', ...key() }));
    expectOk(run);
    expect(planOf(run).map((o) => o.op)).toEqual(['add-build', 'submit-for-review']);
  });

  it('platform in lower case, booleans True/FALSE, wait-for-processing 0', async () => {
    addGroup('Beta');
    const mac = fake.state.addBuild({ appId: app.id, version: '100', platform: 'MAC_OS' });
    const { first } = await twice(
      inputs({
        groups: 'Beta',
        platform: 'mac_os',
        'dry-run': 'FALSE',
        'create-missing-groups': 'True',
        'submit-for-review': 'FALSE',
        'notify-testers': 'False',
      }),
    );
    expect(first.outputs['build-id']).toBe(mac.id);
    expect(first.outputs['review-state']).toBe('skipped');
  });
});

describe('idempotency in varied states', () => {
  it('internal manual group with team-member testers', async () => {
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: false });
    fake.state.addTeamMember('dev@example.com');
    fake.state.addTeamMember('QA@example.com');
    fake.state.addTester({ email: 'qa@example.com', appIds: [app.id] });
    const given = inputs({ groups: 'Team', testers: 'dev@example.com\nqa@example.com' });
    const { real } = await dryThenReal(given);
    expect(real.outputs['review-state']).toBe('not-needed');
    expect(groupNamed('Team').buildIds.has(build.id)).toBe(true);
    const mark = fake.requests.length;
    const again = await runAction(given);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
  });

  it('internal all-builds group: no add-build, nothing to review', async () => {
    addGroup('Everyone', { isInternal: true, hasAccessToAllBuilds: true });
    fake.state.addTeamMember('dev@example.com');
    const { first } = await twice(inputs({ groups: 'Everyone', testers: 'dev@example.com' }));
    expect(planOf(first).map((o) => o.op)).toEqual(['create-tester']);
    expect(first.outputs['review-state']).toBe('not-needed');
    expect(first.summary).toContain('gets every build');
  });

  it('external groups with public link, limit and feedback off', async () => {
    addGroup('Public');
    addGroup('Friends', { buildIds: [build.id], feedbackEnabled: true });
    const given = inputs({
      groups: 'Public\nFriends',
      'public-link': 'enabled',
      'public-link-limit': '500',
      'feedback-enabled': 'false',
    });
    const { real } = await dryThenReal(given);
    const links = json<Record<string, string>>(real, 'public-links');
    expect(Object.keys(links).sort()).toEqual(['Friends', 'Public']);
    for (const name of ['Public', 'Friends']) {
      const g = groupNamed(name);
      expect([g.publicLinkEnabled, g.publicLinkLimit, g.feedbackEnabled]).toEqual([
        true,
        500,
        false,
      ]);
    }
    const mark = fake.requests.length;
    const again = await runAction(given);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
    expect(json(again, 'public-links')).toEqual(links);
  });

  it('remove-unlisted-testers', async () => {
    const beta = addGroup('Beta');
    const stay = fake.state.addTester({ email: 'Stay@Example.com', groupIds: [beta.id] });
    fake.state.addTester({ email: 'gone@example.com', groupIds: [beta.id] });
    fake.state.addTester({ email: 'gone2@example.com', groupIds: [beta.id] });
    const given = inputs({
      groups: 'Beta',
      testers: 'stay@example.com\nnew@example.com',
      'remove-unlisted-testers': 'true',
    });
    const { real } = await dryThenReal(given);
    expect(real.outputs['testers-removed']).toBe('2');
    expect(real.outputs['testers-added']).toBe('1');
    expect(memberEmails('Beta')).toEqual(['Stay@Example.com', 'new@example.com'].sort());
    // Removing from a group never deletes a tester.
    expect(testerByEmail('gone@example.com')).toBeDefined();
    expect(fake.state.testers.has(stay.id)).toBe(true);
    const mark = fake.requests.length;
    const again = await runAction(given);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
  });

  it('What to Test updated text', async () => {
    addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'APPROVED' });
    fake.state.addLocalization({ buildId: build.id, locale: 'en-US', whatsNew: 'Old text' });
    const { first } = await twice(
      inputs({ groups: 'Beta', 'what-to-test': 'New text\nwith two lines 🚀' }),
    );
    expect(planOf(first).map((o) => o.op)).toEqual(['set-what-to-test']);
    const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(texts.map((l) => l.whatsNew)).toEqual(['New text\nwith two lines 🚀']);
    expect(first.outputs['review-state']).toBe('APPROVED');
  });

  it('What to Test in another locale adds one localization', async () => {
    addGroup('Beta', { buildIds: [build.id] });
    fake.state.addLocalization({ buildId: build.id, locale: 'en-US', whatsNew: 'English' });
    await twice(
      inputs({
        groups: 'Beta',
        'what-to-test': 'Français',
        'what-to-test-locale': 'fr-FR',
        'submit-for-review': 'false',
      }),
    );
    const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(texts.map((l) => `${l.locale}:${l.whatsNew}`).sort()).toEqual([
      'en-US:English',
      'fr-FR:Français',
    ]);
  });

  it('notify-testers with auto-notify off on the build', async () => {
    const quiet = fake.state.addBuild({ appId: app.id, version: '101', autoNotifyEnabled: false });
    addGroup('Beta');
    const given = inputs({ groups: 'Beta', 'build-number': '101', 'notify-testers': 'true' });
    const { real } = await dryThenReal(given);
    expect(planOf(real).map((o) => o.op)).toEqual([
      'add-build',
      'submit-for-review',
      'notify-testers',
    ]);
    expect(real.outputs['build-id']).toBe(quiet.id);
    const mark = fake.requests.length;
    const again = await runAction(given);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
  });

  const reviewCases: [string, string, string][] = [
    ['auto', 'WAITING_FOR_REVIEW', 'WAITING_FOR_REVIEW'],
    ['true', 'WAITING_FOR_REVIEW', 'WAITING_FOR_REVIEW'],
    ['false', 'skipped', 'skipped'],
  ];
  it.each(reviewCases)('submit-for-review %s on an external group', async (mode, first, again) => {
    addGroup('Beta');
    const given = inputs({ groups: 'Beta', 'submit-for-review': mode });
    const { real } = await dryThenReal(given);
    expect(real.outputs['review-state']).toBe(first);
    const mark = fake.requests.length;
    const second = await runAction(given);
    expectOk(second);
    expect(second.outputs.changes).toBe('0');
    expect(second.outputs['review-state']).toBe(again);
    expect(mutationsSince(mark)).toEqual([]);
  });

  it('submit-for-review true with only an internal group submits once', async () => {
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: true });
    const { first, second } = await twice(inputs({ groups: 'Team', 'submit-for-review': 'true' }));
    expect(first.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
    expect(second.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
  });

  it('approved review is reported, not re-sent', async () => {
    addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'APPROVED' });
    const run = await runAction(inputs({ groups: 'Beta' }));
    expectOk(run);
    expect(run.outputs['review-state']).toBe('APPROVED');
    expect(run.outputs.changes).toBe('0');
    expect(mutationsSince(0)).toEqual([]);
  });

  it('no build-number: groups and testers only', async () => {
    addGroup('Beta');
    const given = inputs({
      groups: 'Beta\nNew Group',
      'build-number': '',
      'create-missing-groups': 'true',
      testers: 'ann@example.com',
      'feedback-enabled': 'false',
    });
    const { real } = await dryThenReal(given);
    expect(real.outputs['build-id']).toBe('');
    expect(real.outputs['build-state']).toBe('');
    expect(json(real, 'created-groups')).toEqual(['New Group']);
    expect(['not-needed', 'skipped']).toContain(real.outputs['review-state']);
    expect(memberEmails('New Group')).toEqual(['ann@example.com']);
    const mark = fake.requests.length;
    const again = await runAction(given);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
  });

  it('create-missing-groups with group-type internal', async () => {
    fake.state.addTeamMember('dev@example.com');
    const given = inputs({
      groups: 'Insiders',
      'create-missing-groups': 'true',
      'group-type': 'internal',
      testers: 'dev@example.com',
    });
    const { dry, real } = await dryThenReal(given);
    expect(json(dry, 'group-ids')).toEqual({ Insiders: null });
    const group = groupNamed('Insiders');
    expect(group.isInternal).toBe(true);
    expect(group.buildIds.has(build.id)).toBe(true);
    expect(json(real, 'group-ids')).toEqual({ Insiders: group.id });
    expect(json(real, 'created-groups')).toEqual(['Insiders']);
    expect(real.outputs['review-state']).toBe('not-needed');
    const mark = fake.requests.length;
    const again = await runAction(given);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
  });

  it('a mixed full scenario: dry run, real run, re-run', async () => {
    const quiet = fake.state.addBuild({
      appId: app.id,
      version: '102',
      usesNonExemptEncryption: null,
      autoNotifyEnabled: false,
    });
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: false });
    const beta = addGroup('Beta', { publicLinkEnabled: true, publicLinkId: 'AbCdEf12' });
    fake.state.addTeamMember('dev@example.com');
    fake.state.addTester({ email: 'old@example.com', groupIds: [beta.id] });
    const given = inputs({
      groups: 'Team, Beta, Fresh',
      'build-number': '102',
      'create-missing-groups': 'true',
      'uses-non-exempt-encryption': 'false',
      'what-to-test': 'Everything',
      'notify-testers': 'true',
      'public-link': 'enabled',
      'public-link-limit': '100',
    });
    const { real } = await dryThenReal(given);
    expect(real.outputs['build-id']).toBe(quiet.id);
    expect(Object.keys(json(real, 'public-links')).sort()).toEqual(['Beta', 'Fresh']);
    const mark = fake.requests.length;
    const again = await runAction(given);
    expectOk(again);
    expect(again.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
  });
});

describe('review-state', () => {
  it('never submitted and external: WAITING_FOR_REVIEW; internal only: not-needed', async () => {
    addGroup('Beta');
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: true });
    const internal = await runAction(inputs({ groups: 'Team' }));
    expectOk(internal);
    expect(internal.outputs['review-state']).toBe('not-needed');
    const external = await runAction(inputs({ groups: 'Beta' }));
    expectOk(external);
    expect(external.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
  });

  it('submit-for-review false without a build is skipped', async () => {
    addGroup('Beta');
    const run = await runAction(
      inputs({ groups: 'Beta', 'build-number': '', 'submit-for-review': 'false' }),
    );
    expectOk(run);
    expect(run.outputs['review-state']).toBe('skipped');
  });
});

describe('failures', () => {
  const bad: [string, Inputs, RegExp][] = [
    ['an empty key-id', { 'key-id': '' }, /key-id/],
    ['an empty private-key', { 'private-key': '' }, /private-key/],
    ['neither app-id nor bundle-id', { 'bundle-id': '' }, /app-id/],
    ['a non-numeric app-id', { 'bundle-id': '', 'app-id': 'com.example' }, /app-id/],
    ['no groups', { groups: ' , \n ' }, /groups/],
    ['an unknown group', { groups: 'Nope' }, /Nope/],
    ['a negative wait', { 'wait-for-processing': '-1' }, /wait-for-processing/],
    ['a wait in words', { 'wait-for-processing': 'ten' }, /wait-for-processing/],
    ['an unknown group-type', { 'group-type': 'public' }, /group-type/],
    ['an unknown submit-for-review', { 'submit-for-review': 'maybe' }, /submit-for-review/],
    ['an unknown public-link', { 'public-link': 'on' }, /public-link/],
    ['a zero public-link-limit', { 'public-link-limit': '0' }, /public-link-limit/],
    ['a bad feedback-enabled', { 'feedback-enabled': 'yes' }, /feedback-enabled/],
    ['a bad uses-non-exempt-encryption', { 'uses-non-exempt-encryption': 'no' }, /encryption/],
    ['a bad locale', { 'what-to-test-locale': 'english please' }, /locale/],
    ['a non-http api-base-url', { 'api-base-url': 'ftp://example.com' }, /api-base-url/],
    ['a config file', { config: 'testflight.yml' }, /config/],
    ['an invalid JSON testers-file', { 'testers-file': 'bad.json' }, /testers-file/],
    ['a CSV row without an email', { 'testers-file': 'bad.csv' }, /testers-file/],
    ['two emails on one tester line', { testers: 'a@example.com,b@example.com' }, /testers/],
    ['an unclosed angle bracket', { testers: 'Ann <ann@example.com' }, /testers/],
    ['a private key that is garbage', { 'private-key': 'abc def' }, /key/i],
    ['a public key as private key', { 'private-key': 'PUBLIC' }, /public key/],
    ['the wrong issuer', { 'issuer-id': '00000000-0000-0000-0000-000000000000' }, /API key/],
    ['a team key given as an individual key', { 'issuer-id': '' }, /did not accept the API key/],
    ['a bad bundle-id', { 'bundle-id': 'com.example.nope' }, /com\.example\.nope/],
  ];
  it.each(bad)('%s: exit 1, one sentence, no change', async (_, extra, sentence) => {
    addGroup('Beta');
    const given = inputs({ groups: 'Beta', ...extra });
    if (given['private-key'] === 'PUBLIC') {
      given['private-key'] = teamKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    }
    const run = await runAction(given, {
      files: {
        'bad.json': '[{"email": "a@example.com",}]',
        'bad.csv': 'email,firstName,lastName\nAnn,Lee,\n',
      },
    });
    expectFailure(run, sentence);
    expect(run.outputs.changes).toBe('0');
    expect(run.summary).toContain('Nothing was changed');
  });

  it('a base64 key that App Store Connect rejects stays secret', async () => {
    addGroup('Beta');
    const other = makeTestKey('SCNKEY1234');
    const run = await runAction(
      inputs({ groups: 'Beta', 'private-key': Buffer.from(other.pem).toString('base64') }),
    );
    expectFailure(run, /did not accept the API key/);
    const shown = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const form of keyForms(other)) expect(shown + run.summary).not.toContain(form);
  });
});

describe('edge cases', () => {
  it('group names with special characters', async () => {
    const names = ['Friends & Family', 'The "Quoted" <Ones>', 'Rocket 🚀 Crew', "O'Brien's"];
    addGroup(names[0]!);
    const { first } = await twice(
      inputs({
        groups: names.join('\n'),
        'create-missing-groups': 'true',
        testers: 'a@example.com',
      }),
    );
    expect(Object.keys(json(first, 'group-ids'))).toEqual(names);
    expect(json(first, 'created-groups')).toEqual(names.slice(1));
    for (const name of names) expect(groupNamed(name).buildIds.has(build.id)).toBe(true);
    expect(first.summary).toContain('Friends &amp; Family');
    expect(first.summary).not.toContain('<Ones>');
  });

  it('a tester already in the group under another email case', async () => {
    const beta = addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'APPROVED' });
    fake.state.addTester({ email: 'Ann.Lee@Example.COM', groupIds: [beta.id] });
    const run = await runAction(
      inputs({ groups: 'Beta', testers: 'ann.lee@example.com', 'remove-unlisted-testers': 'true' }),
    );
    expectOk(run);
    expect(run.outputs.changes).toBe('0');
    expect(mutationsSince(0)).toEqual([]);
  });

  it('260 testers: paging, invites, re-run', async () => {
    const beta = addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'APPROVED' });
    const emails = Array.from({ length: 260 }, (_, i) => `tester${i}@example.com`);
    // Half exist already: 60 in the group, 70 elsewhere in the account.
    emails.slice(0, 60).forEach((email) => fake.state.addTester({ email, groupIds: [beta.id] }));
    emails.slice(60, 130).forEach((email) => fake.state.addTester({ email, appIds: [app.id] }));
    fake.state.addTester({ email: 'extra@example.com', groupIds: [beta.id] });
    const given = inputs({
      groups: 'Beta',
      'testers-file': 'testers.csv',
      'remove-unlisted-testers': 'true',
    });
    const files = { 'testers.csv': emails.join('\n') };
    const dry = await runAction({ ...given, 'dry-run': 'true' }, { files });
    expectOk(dry);
    const mark = fake.requests.length;
    const real = await runAction(given, { files });
    expectOk(real);
    expect(real.outputs['testers-added']).toBe('200');
    expect(real.outputs['testers-removed']).toBe('1');
    expect(dry.outputs.changes).toBe(real.outputs.changes);
    expect(Number(real.outputs.changes)).toBe(mutationsSince(mark).length);
    expect(groupNamed('Beta').testerIds.size).toBe(260);
    const again = fake.requests.length;
    const second = await runAction(given, { files });
    expectOk(second);
    expect(second.outputs.changes).toBe('0');
    expect(mutationsSince(again)).toEqual([]);
  }, 30_000);

  it('the same build number under two versions: asks for app-version, then works', async () => {
    addGroup('Beta');
    const other = fake.state.addBuild({ appId: app.id, version: '100', marketingVersion: '3.2.0' });
    const ambiguous = await runAction(inputs({ groups: 'Beta' }));
    expectFailure(ambiguous, /app-version/);
    const run = await runAction(inputs({ groups: 'Beta', 'app-version': '3.2.0' }));
    expectOk(run);
    expect(run.outputs['build-id']).toBe(other.id);
    expect(groupNamed('Beta').buildIds.has(other.id)).toBe(true);
    expect(groupNamed('Beta').buildIds.has(build.id)).toBe(false);
  });

  it('the same build number on another platform is not ambiguous', async () => {
    addGroup('Beta');
    fake.state.addBuild({ appId: app.id, version: '100', platform: 'TV_OS' });
    const run = await runAction(inputs({ groups: 'Beta' }));
    expectOk(run);
    expect(run.outputs['build-id']).toBe(build.id);
  });

  it('a build that appears late, within the wait', async () => {
    addGroup('Beta');
    // The build appears, processed, right after the action's first look for it, not at a set time: however
    // slowly the action starts, that look finds nothing, and the next one (at the deadline) finds it.
    const late = fake.state.addBuild({
      appId: app.id,
      version: '200',
      appearsAfterMs: 3_600_000,
      processingMs: 3_600_000,
    });
    afterAnswer = (entry) => {
      if (entry.path === '/v1/builds' && entry.query['filter[version]'] === '200') {
        late.appearsAfterMs = 0;
        late.processingMs = 0;
      }
    };
    const run = await runAction(
      inputs({ groups: 'Beta', 'build-number': '200', 'wait-for-processing': '0.05' }),
    );
    expectOk(run);
    expect(run.stdout).toMatch(/Build 200 is not in App Store Connect yet/);
    const looks = fake.requests.filter(
      (r) => r.path === '/v1/builds' && r.query['filter[version]'] === '200',
    );
    expect(looks.map((r) => r.status)).toEqual([200, 200]);
    expect(run.outputs['build-id']).toBe(late.id);
    expect(run.outputs['build-state']).toMatch(/^VALID/);
  }, 20_000);
});

describe('more edge cases', () => {
  it('a group name off only in letter case fails, even with create-missing-groups', async () => {
    addGroup('Beta');
    const run = await runAction(inputs({ groups: 'beta', 'create-missing-groups': 'true' }));
    expectFailure(run, /"beta" \(App Store Connect has "Beta"\).*letter case/);
    expect([...fake.state.groups.values()].map((g) => g.name)).toEqual(['Beta']);
  });

  it('app-version from a v-prefixed release tag, platform as macOS, the app by app-id', async () => {
    addGroup('Beta');
    const mac = fake.state.addBuild({
      appId: app.id,
      version: '100',
      marketingVersion: '3.1.0',
      platform: 'MAC_OS',
    });
    fake.state.addBuild({
      appId: app.id,
      version: '100',
      marketingVersion: '3.0.0',
      platform: 'MAC_OS',
    });
    const { first } = await twice(
      inputs({
        groups: 'Beta',
        'bundle-id': '',
        'app-id': app.id,
        'app-version': 'v3.1.0',
        platform: 'macOS',
      }),
    );
    expect(first.outputs['app-id']).toBe(app.id);
    expect(first.outputs['build-id']).toBe(mac.id);
  });

  it('public-links: only external groups with a link, none after disabling', async () => {
    addGroup('Open', { publicLinkEnabled: true, buildIds: [build.id] });
    addGroup('Closed', { buildIds: [build.id] });
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: true });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'IN_REVIEW' });
    const before = await runAction(inputs({ groups: 'Open, Closed, Team' }));
    expectOk(before);
    expect(Object.keys(json(before, 'public-links'))).toEqual(['Open']);
    expect(before.outputs['review-state']).toBe('IN_REVIEW');
    expect(Object.keys(json(before, 'group-ids'))).toEqual(['Open', 'Closed', 'Team']);
    const { first } = await twice(
      inputs({ groups: 'Open, Closed, Team', 'public-link': 'disabled' }),
    );
    expect(json(first, 'public-links')).toEqual({});
    expect(groupNamed('Open').publicLinkEnabled).toBe(false);
  });

  it('a rejected review is reported and not re-sent under auto', async () => {
    addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'REJECTED' });
    const run = await runAction(inputs({ groups: 'Beta' }));
    expectOk(run);
    expect(run.outputs['review-state']).toBe('REJECTED');
    expect(mutationsSince(0)).toEqual([]);
    expect(run.stdout).toMatch(/::warning::Beta App Review rejected/);
  });

  it('a build still processing with wait-for-processing 0 fails without a change', async () => {
    addGroup('Beta');
    fake.state.addBuild({ appId: app.id, version: '300', processingMs: 60_000 });
    const run = await runAction(inputs({ groups: 'Beta', 'build-number': '300' }));
    expectFailure(run, /still PROCESSING.*wait-for-processing/);
  });
});
