// End to end: dist/index.js as a child process, as a GitHub runner runs it, against the fake server.
import { describe, expect } from 'vitest';
import { completeTestInformation, type FakeAsc, type FakeBuild } from '../fake-asc/index.js';
import { makeTestKey, type TestKey } from '../helpers/keys.js';
import {
  e2eTest,
  expectNoSecrets as expectNoSecretsOf,
  expectOneErrorSentence,
} from './fixtures.js';
import { runAction, type ActionRun } from './run-action.js';

const key: TestKey = makeTestKey('E2EKEY1234');

/** The app "E2E App" with builds 41 and 42 (2.0.0), 42 without export compliance, and the groups Team and Beta. */
const it = e2eTest.extend<{ keys: TestKey[]; build: FakeBuild }>({
  keys: async ({}, use) => {
    await use([key]);
  },
  build: [
    async ({ fake }, use) => {
      const app = fake.state.addApp({
        id: '1500000001',
        bundleId: 'com.example.e2e',
        name: 'E2E App',
      });
      fake.state.setTestInformation(app.id, completeTestInformation());
      const build = fake.state.addBuild({
        appId: app.id,
        version: '42',
        marketingVersion: '2.0.0',
        usesNonExemptEncryption: null,
        autoNotifyEnabled: true,
      });
      fake.state.addBuild({
        appId: app.id,
        version: '41',
        marketingVersion: '2.0.0',
        usesNonExemptEncryption: false,
      });
      fake.state.addGroup({
        appId: app.id,
        name: 'Team',
        isInternal: true,
        hasAccessToAllBuilds: true,
      });
      fake.state.addGroup({ appId: app.id, name: 'Beta' });
      fake.state.addTester({
        email: 'known@example.com',
        firstName: 'Known',
        lastName: 'Tester',
        appIds: [app.id],
      });
      await use(build);
    },
    { auto: true },
  ],
});

const baseInputs = (fake: FakeAsc): Record<string, string> => ({
  'key-id': key.kid,
  'issuer-id': key.issuerId!,
  'private-key': key.pem,
  'bundle-id': 'com.example.e2e',
  'build-number': '42',
  'app-version': '2.0.0',
  'uses-non-exempt-encryption': 'false',
  groups: 'Beta\nNightly',
  'create-missing-groups': 'true',
  testers: 'known@example.com\nNew Person <new@example.com>',
  'what-to-test': 'Please test the login screen.',
  'api-base-url': fake.url,
});

const changingRequests = (fake: FakeAsc) => fake.requests.filter((r) => r.method !== 'GET');

const expectNoSecrets = (run: ActionRun) => expectNoSecretsOf(run, [key]);

describe('the bundled action against the fake App Store Connect', () => {
  it('creates what is missing and distributes the build; a second run changes nothing', async ({
    fake,
    build,
  }) => {
    const first = await runAction(baseInputs(fake));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expectNoSecrets(first);
    expect(first.outputs['build-id']).toBe(build.id);
    expect(JSON.parse(first.outputs['created-groups']!)).toEqual(['Nightly']);
    const groupIds = JSON.parse(first.outputs['group-ids']!) as Record<string, string>;
    expect(Object.keys(groupIds)).toEqual(['Beta', 'Nightly']);
    for (const id of Object.values(groupIds)) {
      expect(fake.state.groups.get(id)?.buildIds.has(build.id)).toBe(true);
    }
    // Export compliance was set before the build reached the external groups.
    expect(fake.state.builds.get(build.id)?.usesNonExemptEncryption).toBe(false);
    const patch = fake.requests.findIndex(
      (r) => r.method === 'PATCH' && r.path === `/v1/builds/${build.id}`,
    );
    const addBuild = fake.requests.findIndex(
      (r) => r.method === 'POST' && r.path.includes('relationships/betaGroups'),
    );
    expect(patch).toBeGreaterThanOrEqual(0);
    expect(patch).toBeLessThan(addBuild);
    expect(first.outputs['testers-added']).toBe('4');
    expect(first.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
    expect(
      [...fake.state.reviewSubmissions.values()].filter((s) => s.buildId === build.id),
    ).toHaveLength(1);
    expect(
      [...fake.state.localizations.values()].find((l) => l.buildId === build.id)?.whatsNew,
    ).toBe('Please test the login screen.');
    expect(Number(first.outputs.changes)).toBe(changingRequests(fake).length);
    expect(first.outputs['build-state']).toMatch(/^VALID \(/);
    expect(JSON.parse(first.outputs.plan!).length).toBeGreaterThan(0);
    expect(first.summary).toContain('TestFlight: E2E App build 42 (2.0.0)');
    expect(first.summary).toContain('Nightly (created)');

    const before = fake.requests.length;
    const second = await runAction(baseInputs(fake));
    expect(second.code).toBe(0);
    expectNoSecrets(second);
    expect(second.outputs.changes).toBe('0');
    expect(second.outputs.plan).toBe('[]');
    expect(second.outputs['created-groups']).toBe('[]');
    expect(second.outputs['testers-added']).toBe('0');
    expect(fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(second.summary).toContain('Nothing to change');
    expect(fake.violations).toEqual([]);
  });

  it('folds the log by phase: reading App Store Connect, the plan, applying it', async ({
    fake,
  }) => {
    /** Each fold's name with the lines inside it. */
    const folds = (stdout: string): [string, string[]][] => {
      const found: [string, string[]][] = [];
      let open: string[] | null = null;
      for (const line of stdout.split('\n')) {
        if (line.startsWith('::group::')) found.push([line.slice(9), (open = [])]);
        else if (line === '::endgroup::') open = null;
        // `::add-mask::` lines are the runner's to consume; it never shows them.
        else if (!line.startsWith('::add-mask::')) open?.push(line);
      }
      return found;
    };
    const dry = folds((await runAction({ ...baseInputs(fake), 'dry-run': 'true' })).stdout);
    expect(dry.map(([name]) => name)).toEqual(['Reading App Store Connect', 'The plan']);
    expect(dry[1]![1][0]).toMatch(/^Dry run: would make (1 change|\d+ changes):$/);

    const real = folds((await runAction(baseInputs(fake))).stdout);
    expect(real.map(([name]) => name)).toEqual([
      'Reading App Store Connect',
      'The plan',
      'Applying the plan',
    ]);
    expect(real[2]![1].filter((line) => line.startsWith('Done: '))).toHaveLength(
      dry[1]![1].length - 1,
    );

    const again = folds((await runAction(baseInputs(fake))).stdout);
    expect(again).toEqual([
      [
        'Reading App Store Connect',
        [
          'Looking for build 42 (version 2.0.0) on IOS of E2E App (com.example.e2e); waiting up to 30 minutes for it to appear and finish processing.',
        ],
      ],
      ['The plan', ['Everything is already as declared: nothing to change.']],
    ]);
  });

  // Apple has answered a re-link of an existing member both ways (README of test/fake-asc, "Evidence").
  describe.each([
    ['409, as by default', true],
    ['204', false],
  ])('a re-link answered %s', (_, conflictOnRelink) => {
    it.override({ fakeOptions: { conflictOnRelink } });

    it('links lost in transit and re-sent: same result, re-run changes nothing', async ({
      fake,
      build,
    }) => {
      fake.faults.add({ kind: 'reset-after', method: 'POST', path: /\/relationships\//, times: 2 });
      const first = await runAction(baseInputs(fake));
      expect(first.code, first.stdout).toBe(0);
      expect(fake.faults.pending).toBe(0);
      // The lost link was sent again and met the membership its first attempt had made.
      const links = fake.requests.filter(
        (r) => r.method === 'POST' && r.path.includes('/relationships/'),
      );
      const resent = links.slice(1).filter((r) => r.path === links[0]!.path);
      expect(resent.length).toBeGreaterThan(0);
      expect(resent.map((r) => r.status)).toContain(conflictOnRelink ? 409 : 204);
      if (!conflictOnRelink) expect(links.map((r) => r.status)).not.toContain(409);
      expect(first.outputs['testers-added']).toBe('4');
      const groupIds = JSON.parse(first.outputs['group-ids']!) as Record<string, string>;
      for (const id of Object.values(groupIds)) {
        expect(fake.state.groups.get(id)?.buildIds.has(build.id)).toBe(true);
      }
      const second = await runAction(baseInputs(fake));
      expect(second.code).toBe(0);
      expect(second.outputs.changes).toBe('0');
      expect(fake.violations).toEqual([]);
    });
  });

  describe('spec-strict answers, without the nulls Apple sends by default', () => {
    it.override({ fakeOptions: { appleNulls: false } });

    it('reads the spec-strict answers the same way', async ({ fake }) => {
      const first = await runAction(baseInputs(fake));
      expect(first.code).toBe(0);
      expect(first.outputs['created-groups']).toBe('["Nightly"]');
      const second = await runAction(baseInputs(fake));
      expect(second.code).toBe(0);
      expect(second.outputs.changes).toBe('0');
      // Every request was valid, and so was every answer under the spec without Apple's nulls.
      expect(fake.violations).toEqual([]);
    });
  });

  it('a dry run reports the plan and makes no changing request', async ({ fake, build }) => {
    const run = await runAction({ ...baseInputs(fake), 'dry-run': 'true' });
    expect(run.code).toBe(0);
    expectNoSecrets(run);
    expect(changingRequests(fake)).toEqual([]);
    const plan = JSON.parse(run.outputs.plan!) as { op: string; target: string; detail: string }[];
    expect(plan.map((op) => op.op)).toEqual(
      expect.arrayContaining([
        'create-group',
        'set-export-compliance',
        'add-build',
        'create-tester',
        'submit-for-review',
      ]),
    );
    expect(run.outputs.changes).toBe(String(plan.length));
    expect(run.stdout).toContain('Dry run');
    expect(run.summary).toContain('Planned changes');
    expect(fake.state.builds.get(build.id)?.usesNonExemptEncryption).toBeNull();
  });

  it('waits for a build that finishes processing during the wait', async ({
    fake,
    afterEachAnswer,
  }) => {
    // The build finishes processing right after the action's first look at it, not at a set time: however
    // slowly the action starts, it sees PROCESSING once, and VALID when it looks again at the deadline.
    const late = fake.state.addBuild({
      appId: '1500000001',
      version: '43',
      marketingVersion: '2.0.0',
      usesNonExemptEncryption: false,
      processingMs: 3_600_000,
    });
    // The first look is the app's builds listing (beside the app's read); the wait then asks for build 43.
    afterEachAnswer((entry) => {
      if (entry.path === '/v1/builds') late.processingMs = 0;
    });
    const run = await runAction(
      { ...baseInputs(fake), 'build-number': '43', 'wait-for-processing': '0.1', testers: '' },
      { timeoutMs: 30_000 },
    );
    expect(run.code).toBe(0);
    expectNoSecrets(run);
    expect(run.stdout).toMatch(/Build 43 is PROCESSING; looking again/);
    // The listing saw it PROCESSING, the wait's look VALID, and the listing is read again after the wait.
    const looks = fake.requests.filter((r) => r.path === '/v1/builds');
    expect(looks.map((r) => [r.status, r.query['filter[version]'] ?? 'listing'])).toEqual([
      [200, 'listing'],
      [200, '43'],
      [200, 'listing'],
    ]);
    expect(run.outputs['build-id']).toBe(late.id);
    expect(fake.state.groups.size).toBe(3);
    expect(
      [...fake.state.groups.values()].filter((g) => g.buildIds.has(late.id)).map((g) => g.name),
    ).toEqual(['Beta', 'Nightly']);
  }, 40_000);

  const badInputs: [string, Record<string, string>, RegExp][] = [
    [
      'both app-id and bundle-id',
      { 'app-id': '1500000001' },
      /app-id.*bundle-id|bundle-id.*app-id/,
    ],
    ['an unknown platform', { platform: 'ANDROID' }, /platform/],
    ['a boolean that is not true/false', { 'dry-run': 'yes' }, /dry-run/],
    ['public-link-limit out of range', { 'public-link-limit': '20000' }, /public-link-limit/],
    ['a malformed tester line', { testers: 'known@example.com\nnot an email' }, /line 2/],
    ['a missing testers-file', { 'testers-file': 'missing.csv' }, /testers-file/],
    ['What to Test over 4000 characters', { 'what-to-test': 'x'.repeat(4001) }, /4,?000/],
    [
      'remove-unlisted-testers with no testers',
      { 'remove-unlisted-testers': 'true', testers: '' },
      /remove-unlisted-testers/,
    ],
    ['an unknown group', { 'create-missing-groups': 'false' }, /Nightly/],
    [
      'a key App Store Connect does not know',
      { 'private-key': makeTestKey().pem },
      /did not accept the API key/,
    ],
    ['a key that is not a private key', { 'private-key': 'not a key at all' }, /private-key|key/i],
    ['a build that does not exist', { 'build-number': '99', 'wait-for-processing': '0' }, /99/],
  ];

  it.for(badInputs)(
    'fails on %s with one sentence and changes nothing',
    async ([_, inputs, sentence], { fake }) => {
      const run = await runAction({ ...baseInputs(fake), ...inputs });
      expectOneErrorSentence(run, sentence, [key]);
      expect(changingRequests(fake)).toEqual([]);
    },
  );
});
