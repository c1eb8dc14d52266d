// reconcile() end to end through the real client and the fake App Store Connect over loopback HTTP,
// on an injected clock: sleeping advances the clock instead of waiting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAscApi, type AscClient } from '../../src/asc/index.js';
import { TESTER_LINK_CHUNK } from '../../src/asc/testers.js';
import { readSettings } from '../../src/inputs.js';
import { reconcile, ReconcileError } from '../../src/reconcile/index.js';
import type { ReconcileResult } from '../../src/reconcile/model.js';
import { completeTestInformation, startFakeAsc } from '../fake-asc/index.js';
import type { FakeApp, FakeAsc, FakeBuild } from '../fake-asc/types.js';
import { makeTestKey } from '../helpers/keys.js';

const key = makeTestKey();
const START = Date.parse('2026-03-02T09:00:00Z');
const CHANGING = new Set(['POST', 'PATCH', 'DELETE']);

let clock: number;
let fake: FakeAsc;
let client: AscClient;
let app: FakeApp;
let logs: string[];
let warnings: string[];

async function start(options: { rateLimitPerHour?: number; conflictOnRelink?: boolean } = {}) {
  clock = START;
  fake = await startFakeAsc({
    keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey }],
    now: () => clock,
    ...options,
  });
  client = createAscApi({
    baseUrl: fake.url,
    keyId: key.kid,
    issuerId: key.issuerId ?? null,
    privateKey: key.pem,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    random: () => 0.5,
  });
  app = fake.state.addApp({ bundleId: 'com.example.app', name: 'Example' });
  fake.state.setTestInformation(app.id, completeTestInformation());
}

beforeEach(async () => {
  logs = [];
  warnings = [];
  await start();
});

afterEach(async () => {
  await client.close();
  await fake.close();
});

function run(inputs: Record<string, string>): Promise<ReconcileResult> {
  const all: Record<string, string> = {
    'key-id': key.kid,
    'issuer-id': key.issuerId ?? '',
    'private-key': key.pem,
    'bundle-id': 'com.example.app',
    'api-base-url': fake.url,
    ...inputs,
  };
  const settings = readSettings(
    (name) => all[name] ?? '',
    () => {
      throw new Error('no files in this test');
    },
    '/ws',
  );
  return reconcile(settings, client, {
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    log: (line) => logs.push(line),
    warn: (line) => warnings.push(line),
  });
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReconcileError);
  return (error as Error).message;
}

/** Requests from index `from` on that changed something. */
function changingRequests(from = 0) {
  return fake.requests.slice(from).filter((r) => CHANGING.has(r.method));
}

function addBuild(overrides: Partial<FakeBuild> & { version?: string } = {}): FakeBuild {
  return fake.state.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    platform: 'IOS',
    uploadedAt: START - 3600_000,
    ...overrides,
  });
}

const FULL_INPUTS = {
  'build-number': '42',
  groups: 'Beta\nTeam\nNew Testers',
  'create-missing-groups': 'true',
  'uses-non-exempt-encryption': 'false',
  'public-link': 'enabled',
  'public-link-limit': '200',
  testers: 'Jane Doe <jane@example.com>\nbob@example.com',
  'remove-unlisted-testers': 'true',
  'what-to-test': 'Try the new onboarding.',
  'notify-testers': 'true',
};

function seedFull(): { build: FakeBuild } {
  const build = addBuild({ usesNonExemptEncryption: null, autoNotifyEnabled: false });
  fake.state.addGroup({ appId: app.id, name: 'Beta' });
  fake.state.addGroup({
    appId: app.id,
    name: 'Team',
    isInternal: true,
    hasAccessToAllBuilds: true,
  });
  fake.state.addTeamMember('jane@example.com');
  fake.state.addTeamMember('bob@example.com');
  const old = fake.state.addTester({ email: 'old@example.com', appIds: [app.id] });
  fake.state.addTester({ email: 'bob@example.com', appIds: [app.id] });
  const beta = [...fake.state.groups.values()].find((g) => g.name === 'Beta')!;
  beta.testerIds.add(old.id);
  return { build };
}

describe('reconcile against the fake App Store Connect', () => {
  it('distributes on the first run and changes nothing on the second', async () => {
    const { build } = seedFull();
    const first = await run(FULL_INPUTS);

    const groups = [...fake.state.groups.values()];
    const byName = (name: string) => groups.find((g) => g.name === name)!;
    expect(first.createdGroups).toEqual(['New Testers']);
    expect(first.groups.map((g) => [g.name, g.type, g.created, g.build])).toEqual([
      ['Beta', 'external', false, 'added'],
      ['Team', 'internal', false, 'all-builds'],
      ['New Testers', 'external', true, 'added'],
    ]);
    expect(fake.state.builds.get(build.id)!.usesNonExemptEncryption).toBe(false);
    expect(byName('Beta').buildIds.has(build.id)).toBe(true);
    expect(byName('New Testers').buildIds.has(build.id)).toBe(true);
    expect(byName('Beta').publicLinkEnabled && byName('New Testers').publicLinkEnabled).toBe(true);
    expect(first.groups.map((g) => g.publicLink)).toEqual([
      expect.stringMatching(/^https:\/\/testflight\.apple\.com\/join\//),
      null,
      expect.stringMatching(/^https:\/\/testflight\.apple\.com\/join\//),
    ]);
    const emailsOf = (name: string) =>
      [...byName(name).testerIds].map((id) => fake.state.testers.get(id)!.email).sort();
    expect(emailsOf('Beta')).toEqual(['bob@example.com', 'jane@example.com']);
    expect(emailsOf('Team')).toEqual(['bob@example.com', 'jane@example.com']);
    expect(emailsOf('New Testers')).toEqual(['bob@example.com', 'jane@example.com']);
    expect([first.testersAdded, first.testersRemoved]).toEqual([6, 1]);
    expect([...fake.state.localizations.values()]).toMatchObject([
      { buildId: build.id, locale: 'en-US', whatsNew: 'Try the new onboarding.' },
    ]);
    expect(first.reviewState).toBe('WAITING_FOR_REVIEW');
    expect(first.notified).toBe(true);
    expect(first.changes).toBe(changingRequests().length);
    expect(first.plan.map((p) => p.op)).toEqual([
      'create-group',
      'set-export-compliance',
      'set-what-to-test',
      'add-build',
      'update-group',
      'update-group',
      'add-testers',
      'remove-testers',
      'add-testers',
      'add-testers',
      'create-tester',
      'submit-for-review',
      'notify-testers',
    ]);

    // Compliance before the build joins groups; links only after it did; never a build for "Team".
    const paths = changingRequests().map((r) => `${r.method} ${r.path}`);
    const at = (pattern: RegExp) => paths.findIndex((p) => pattern.test(p));
    expect(at(/^PATCH \/v1\/builds\//)).toBeLessThan(at(/relationships\/betaGroups$/));
    expect(at(/relationships\/betaGroups$/)).toBeLessThan(at(/^PATCH \/v1\/betaGroups\//));
    const buildLink = changingRequests().find((r) => r.path.endsWith('relationships/betaGroups'));
    expect(buildLink?.body).toEqual({
      data: [
        { type: 'betaGroups', id: byName('Beta').id },
        { type: 'betaGroups', id: byName('New Testers').id },
      ],
    });
    expect(fake.requests.filter((r) => r.status === 422 || r.status === 409)).toEqual([]);
    // Response shapes are the fake's business; the requests this reconcile chose must fit Apple's spec.
    expect(fake.violations.filter((v) => v.direction === 'request')).toEqual([]);

    const mark = fake.requests.length;
    const second = await run(FULL_INPUTS);
    expect(second.changes).toBe(0);
    expect(second.plan).toEqual([]);
    expect(changingRequests(mark)).toEqual([]);
    expect(second.createdGroups).toEqual([]);
    expect(second.groups.map((g) => [g.build, g.testersUnchanged])).toEqual([
      ['already', 2],
      ['all-builds', 2],
      ['already', 2],
    ]);
    expect(second.reviewState).toBe('WAITING_FOR_REVIEW');
    expect(second.groups.map((g) => g.publicLink)).toEqual(first.groups.map((g) => g.publicLink));
  });

  it('plans without changing anything in a dry run', async () => {
    seedFull();
    const result = await run({ ...FULL_INPUTS, 'dry-run': 'true' });
    expect(changingRequests()).toEqual([]);
    expect(result.dryRun).toBe(true);
    expect(result.changes).toBe(result.plan.length);
    expect(result.changes).toBe(13);
    expect(result.groups.find((g) => g.name === 'New Testers')).toMatchObject({
      id: null,
      created: true,
    });
    expect(result.plan[0]).toEqual({
      op: 'create-group',
      target: 'New Testers',
      detail: 'create external group New Testers (public link limit 200)',
    });
  });

  it('counts in a dry run every request the real run makes, tester links sent in chunks included', async () => {
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const emails = Array.from({ length: TESTER_LINK_CHUNK + 5 }, (_, i) => `t${i}@example.com`);
    for (const email of emails) fake.state.addTester({ email, appIds: [app.id] });
    const inputs = { groups: 'Beta', testers: emails.join('\n') };
    const dry = await run({ ...inputs, 'dry-run': 'true' });
    expect(dry.plan.map((o) => o.op)).toEqual(['add-testers']);
    const real = await run(inputs);
    expect(real.changes).toBe(changingRequests().length);
    expect(dry.changes).toBe(real.changes);
    expect(real.changes).toBe(2);
  });

  it('waits for a build that appears late and finishes processing during the wait', async () => {
    addBuild({ uploadedAt: START, appearsAfterMs: 30_000, processingMs: 4 * 60_000 });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const result = await run({ 'build-number': '42', groups: 'Beta', 'wait-for-processing': '10' });
    expect(result.build?.processingState).toBe('VALID');
    expect(result.groups[0]!.build).toBe('added');
    expect(clock - START).toBeGreaterThanOrEqual(4 * 60_000);
    expect(clock - START).toBeLessThan(6 * 60_000);
    const looks = fake.requests.filter((r) => r.method === 'GET' && r.path === '/v1/builds');
    expect(looks.length).toBeGreaterThan(2);
  });

  it('fails on a build that failed processing', async () => {
    addBuild({ finalState: 'FAILED' });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    expect(await failure(run({ 'build-number': '42', groups: 'Beta' }))).toBe(
      "Build 42 (1.2.0) of Example (com.example.app) finished processing as FAILED, so TestFlight cannot offer it: see the build's details in App Store Connect (or the email Apple sent) for the reason, then upload a fixed build.",
    );
    expect(changingRequests()).toEqual([]);
  });

  it('fails on a missing build after the wait, listing the builds that exist', async () => {
    addBuild({ version: '40', uploadedAt: START - 7200_000 });
    addBuild({ version: '41' });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const message = await failure(
      run({ 'build-number': '42', groups: 'Beta', 'wait-for-processing': '2' }),
    );
    expect(message).toBe(
      'Build 42 of Example (com.example.app) was not found on IOS after waiting 2 minutes, and the newest IOS builds are 41 (1.2.0), 40 (1.2.0): check `build-number`, `app-version` and `platform`, or raise `wait-for-processing` if the upload is still on its way.',
    );
    expect(clock - START).toBeGreaterThanOrEqual(2 * 60_000);
  });

  it('fails on unknown group names before waiting for the build, naming the groups that exist', async () => {
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    fake.state.addGroup({ appId: app.id, name: 'Team', isInternal: true });
    const message = await failure(run({ 'build-number': '42', groups: 'Beta, QA' }));
    expect(message).toBe(
      'Beta group "QA" does not exist in Example (com.example.app) (its groups are "Beta", "Team"): fix the names in `groups`, or set `create-missing-groups: true` to create them.',
    );
    expect(clock).toBe(START);
    expect(changingRequests()).toEqual([]);
  });

  it('fails with the sentence asking for uses-non-exempt-encryption', async () => {
    addBuild({ usesNonExemptEncryption: null });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    expect(await failure(run({ 'build-number': '42', groups: 'Beta' }))).toBe(
      "Build 42 (1.2.0) has no export compliance answer, and testers cannot install it until it has one: set `uses-non-exempt-encryption` to `true` if the app uses encryption beyond Apple's exemptions, else `false` (or add ITSAppUsesNonExemptEncryption to its Info.plist).",
    );
    expect(changingRequests()).toEqual([]);
  });

  it('fails clearly when another build of the app is in review', async () => {
    const older = addBuild({ version: '41', uploadedAt: START - 7200_000 });
    fake.state.addReviewSubmission({ buildId: older.id, state: 'IN_REVIEW' });
    addBuild();
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    expect(await failure(run({ 'build-number': '42', groups: 'Beta' }))).toBe(
      'Beta App Review did not take the build because another build of this version is already waiting for or in review: wait for that review to finish (or remove that build from review in App Store Connect), then re-run the job.',
    );
  });

  it('names the tester an internal group refuses', async () => {
    addBuild();
    fake.state.addGroup({ appId: app.id, name: 'Team', isInternal: true });
    fake.state.addTester({ email: 'outsider@example.com', appIds: [app.id] });
    expect(
      await failure(run({ 'build-number': '42', groups: 'Team', testers: 'outsider@example.com' })),
    ).toBe(
      'App Store Connect refused to add outsider@example.com to the internal group Team, which accepts only members of your App Store Connect team: add that person to the team under Users and Access first, or list them for an external group.',
    );
  });

  it('accepts a 409 for a build someone else put in the group meanwhile, after reading it back', async () => {
    await client.close();
    await fake.close();
    await start({ conflictOnRelink: true });
    const build = addBuild();
    const group = fake.state.addGroup({ appId: app.id, name: 'Beta' });
    // Between the read and the change, a person adds the build in App Store Connect.
    const addBuildToGroups = client.addBuildToGroups.bind(client);
    client.addBuildToGroups = async (buildId, groupIds) => {
      group.buildIds.add(build.id);
      return addBuildToGroups(buildId, groupIds);
    };
    const result = await run({
      'build-number': '42',
      groups: 'Beta',
      'submit-for-review': 'false',
    });
    expect(result.groups[0]!.build).toBe('added');
    expect(fake.requests.some((r) => r.status === 409)).toBe(true);
  });

  it('asks for app-version when the build number exists under two versions', async () => {
    addBuild();
    addBuild({ marketingVersion: '1.3.0' });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    expect(await failure(run({ 'build-number': '42', groups: 'Beta' }))).toBe(
      'Build number 42 of Example (com.example.app) exists under several versions (1.2.0, 1.3.0) on IOS: set `app-version` to the marketing version of the build to distribute.',
    );
    const result = await run({
      'build-number': '42',
      'app-version': '1.3.0',
      groups: 'Beta',
      'submit-for-review': 'false',
    });
    expect(result.build?.marketingVersion).toBe('1.3.0');
  });

  it('leaves the link of a group without a build for a later run, and enables it on one that has a build', async () => {
    const empty = fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const holding = fake.state.addGroup({
      appId: app.id,
      name: 'Public',
      buildIds: [addBuild().id],
    });
    const result = await run({ groups: 'Beta, Public', 'public-link': 'enabled' });
    expect(warnings).toEqual([
      'Group Beta has no build yet, so its public link waits for a run with a `build-number`.',
    ]);
    expect(result.plan.map((op) => `${op.op} ${op.target}`)).toEqual(['update-group Public']);
    expect(fake.state.groups.get(empty.id)?.publicLinkEnabled).toBe(false);
    expect(fake.state.groups.get(holding.id)?.publicLinkEnabled).toBe(true);
    expect(result.groups.map((g) => [g.name, g.publicLink !== null])).toEqual([
      ['Beta', false],
      ['Public', true],
    ]);
  });

  it('finds the app by app-id too, and names a bundle ID no app has', async () => {
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const byId = await run({ 'bundle-id': '', 'app-id': app.id, groups: 'Beta' });
    expect([byId.app.id, byId.changes, byId.reviewState]).toEqual([app.id, 0, 'not-needed']);
    expect(await failure(run({ 'bundle-id': 'com.example.other', groups: 'Beta' }))).toBe(
      "No app with bundle ID com.example.other is visible to this API key: check `bundle-id` and that the key belongs to the app's team.",
    );
  });

  it('reports a change App Store Connect keeps failing, and a re-run finishes the rest', async () => {
    addBuild();
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const inputs = { 'build-number': '42', groups: 'Beta', testers: 'new@example.com' };
    fake.faults.add({
      kind: 'status',
      status: 503,
      body: 'html',
      method: 'POST',
      path: '/v1/betaTesters',
      times: Infinity,
    });
    expect(await failure(run(inputs))).toMatch(
      /^App Store Connect refused to invite new@example\.com to Beta \(.*503.*\), after 1 other change of this run: fix the cause, then re-run the job to finish the rest\.$/,
    );
    fake.faults.clear();
    const rerun = await run(inputs);
    expect(rerun.plan.map((p) => p.op)).toEqual(['create-tester', 'submit-for-review']);
    expect((await run(inputs)).changes).toBe(0);
  });

  it('refuses to start changes the hourly request budget cannot finish', async () => {
    await client.close();
    await fake.close();
    await start({ rateLimitPerHour: 14 });
    seedFull();
    const message = await failure(run(FULL_INPUTS));
    expect(message).toMatch(
      /^This API key has \d+ App Store Connect requests left this hour, fewer than the 23 the plan needs \(13 changes plus 10 in reserve\): nothing was changed; re-run once the hourly budget recovers, or use another key\.$/,
    );
    expect(changingRequests()).toEqual([]);
  });
});
