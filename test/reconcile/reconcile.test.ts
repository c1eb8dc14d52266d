// reconcile() end to end through the real client and the fake App Store Connect over loopback HTTP, on the
// integration harness's clock: sleeping advances the clock instead of waiting. The reconcile is given a target
// and a desired state as data, as src/inputs/ would make them.
import { describe, expect } from 'vitest';
import { TESTER_LINK_CHUNK } from '../../src/asc/index.js';
import {
  reconcile,
  ReconcileError,
  type DesiredGroup,
  type DesiredState,
  type ReconcileResult,
  type ReconcileTarget,
} from '../../src/reconcile/index.js';
import { completeTestInformation } from '../fake-asc/index.js';
import type { FakeAscOptions, FakeBuild } from '../fake-asc/types.js';
import { TEST_START } from '../helpers/clock.js';
import { desiredGroup, desiredState, reconcileTarget } from '../helpers/factories.js';
import {
  integrationTest,
  reconcileDeps,
  type ClientAndFake,
  type StartClientAndFake,
} from '../helpers/integration.js';
import { rejectionMessage } from '../helpers/failures.js';

const CHANGING = new Set(['POST', 'PATCH', 'DELETE']);

/** A client and fake with the app Example (com.example.app), and reconcile() wired to them. */
async function reconcileOn(started: ClientAndFake) {
  const { fake, api, clock } = started;
  const app = fake.state.addApp({ bundleId: 'com.example.app', name: 'Example' });
  fake.state.setTestInformation(app.id, completeTestInformation());
  const warnings: string[] = [];
  const logs: string[] = [];
  const run = (
    target: Partial<ReconcileTarget>,
    desired: Partial<DesiredState>,
    options = { dryRun: false },
  ): Promise<ReconcileResult> =>
    reconcile(
      reconcileTarget(target),
      desiredState(desired),
      api,
      reconcileDeps(clock, { warnings, logs }),
      options,
    );
  /** Requests from index `from` on that changed something. */
  const changingRequests = (from = 0) =>
    fake.requests.slice(from).filter((r) => CHANGING.has(r.method));
  const addBuild = (overrides: Partial<FakeBuild> & { version?: string } = {}): FakeBuild =>
    fake.state.addBuild({
      appId: app.id,
      version: '42',
      marketingVersion: '1.2.0',
      platform: 'IOS',
      uploadedAt: TEST_START - 3600_000,
      ...overrides,
    });
  return { ...started, app, warnings, logs, run, changingRequests, addBuild };
}

const it = integrationTest.extend<{
  /** Starts the client and fake (with these fake and client options) and the reconcile on them. */
  start: (
    fakeOptions?: Partial<FakeAscOptions>,
    clientOptions?: Parameters<StartClientAndFake>[1],
  ) => ReturnType<typeof reconcileOn>;
}>({
  start: async ({ startClientAndFake }, use) => {
    await use(async (fakeOptions, clientOptions) =>
      reconcileOn(await startClientAndFake(fakeOptions, clientOptions)),
    );
  },
});

const failure = (promise: Promise<unknown>) => rejectionMessage(promise, ReconcileError);

/** No build, nothing else asked for: only what a test adds. */
const NO_BUILD: Partial<ReconcileTarget> = { build: null };
const BUILD_42: Partial<ReconcileTarget> = {};
const groups = (names: string[], settings: Partial<DesiredGroup> = {}): DesiredGroup[] =>
  names.map((name) => desiredGroup(name, settings));

/** As the inputs `build-number: 42`, three groups created if missing, link, limit, testers, What to Test, notify. */
const FULL: Partial<DesiredState> = {
  groups: groups(['Beta', 'Team', 'New Testers'], {
    createAs: 'external',
    publicLink: 'enabled',
    publicLinkLimit: 200,
    testers: [
      { email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' },
      { email: 'bob@example.com' },
    ],
    removeUnlistedTesters: true,
  }),
  usesNonExemptEncryption: false,
  whatToTest: [{ locale: 'en-US', text: 'Try the new onboarding.' }],
  notifyTesters: true,
};

function seedFull({ fake, app, addBuild }: Awaited<ReturnType<typeof reconcileOn>>): {
  build: FakeBuild;
} {
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
  it('distributes on the first run and changes nothing on the second', async ({ start }) => {
    const world = await start();
    const { fake, run, changingRequests } = world;
    const { build } = seedFull(world);
    const first = await run(BUILD_42, FULL);

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
      'set-export-compliance',
      'set-what-to-test',
      'create-group',
      'add-build',
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
    expect(buildLink?.body).toEqual({ data: [{ type: 'betaGroups', id: byName('Beta').id }] });
    // The new group was created with the build and its settings, link on, in one request, after compliance.
    const created = changingRequests().filter((r) => r.path === '/v1/betaGroups');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({
      data: {
        attributes: { name: 'New Testers', publicLinkEnabled: true, publicLinkLimit: 200 },
        relationships: { builds: { data: [{ type: 'builds', id: build.id }] } },
      },
    });
    expect(at(/^PATCH \/v1\/builds\//)).toBeLessThan(at(/^POST \/v1\/betaGroups$/));
    expect(paths.filter((p) => p.startsWith('PATCH /v1/betaGroups/'))).toEqual([
      `PATCH /v1/betaGroups/${byName('Beta').id}`,
    ]);
    expect(fake.requests.filter((r) => r.status === 422 || r.status === 409)).toEqual([]);
    // Response shapes are the fake's business; the requests this reconcile chose must fit Apple's spec.
    expect(fake.violations.filter((v) => v.direction === 'request')).toEqual([]);

    const mark = fake.requests.length;
    const second = await run(BUILD_42, FULL);
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

  it('plans without changing anything in a dry run', async ({ start }) => {
    const world = await start();
    const { run, changingRequests } = world;
    seedFull(world);
    const result = await run(BUILD_42, FULL, { dryRun: true });
    expect(changingRequests()).toEqual([]);
    expect(result.dryRun).toBe(true);
    expect(result.changes).toBe(result.plan.length);
    expect(result.changes).toBe(12);
    expect(world.logs).toContain('Dry run: would make 12 changes:');
    expect(result.reviewState).toBe('would-submit');
    expect(result.groups.find((g) => g.name === 'New Testers')).toMatchObject({
      id: null,
      created: true,
    });
    expect(result.plan[2]).toEqual({
      op: 'create-group',
      target: 'New Testers',
      detail:
        'create external group New Testers (public link limit 200, public link enabled) with build 42 (1.2.0)',
      change: 'external, with build 42 (1.2.0), public link limit 200, public link enabled',
    });
  });

  it('counts in a dry run every request the real run makes, tester links sent in chunks included', async ({
    start,
  }) => {
    const { fake, app, run, changingRequests, logs } = await start();
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const emails = Array.from({ length: TESTER_LINK_CHUNK + 5 }, (_, i) => `t${i}@example.com`);
    for (const email of emails) fake.state.addTester({ email, appIds: [app.id] });
    const desired = { groups: groups(['Beta'], { testers: emails.map((email) => ({ email })) }) };
    const dry = await run(NO_BUILD, desired, { dryRun: true });
    expect(dry.plan.map((o) => o.op)).toEqual(['add-testers']);
    const real = await run(NO_BUILD, desired);
    // One operation, two requests: the log counts operations, and says so in the singular.
    expect(logs.filter((line) => /change/.test(line))).toEqual([
      'Dry run: would make 1 change:',
      'Plan: 1 change:',
    ]);
    expect(real.changes).toBe(changingRequests().length);
    expect(dry.changes).toBe(real.changes);
    expect(real.changes).toBe(2);
  });

  it('waits for a build that appears late and finishes processing during the wait', async ({
    start,
  }) => {
    const { fake, app, clock, run, addBuild } = await start();
    addBuild({ uploadedAt: TEST_START, appearsAfterMs: 30_000, processingMs: 4 * 60_000 });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const result = await run({ waits: { processingMinutes: 10, reviewMinutes: 0 } }, {});
    expect(result.build?.processingState).toBe('VALID');
    expect(result.groups[0]!.build).toBe('added');
    expect(clock.elapsed()).toBeGreaterThanOrEqual(4 * 60_000);
    expect(clock.elapsed()).toBeLessThan(6 * 60_000);
    const looks = fake.requests.filter((r) => r.method === 'GET' && r.path === '/v1/builds');
    expect(looks.length).toBeGreaterThan(2);
  });

  it('fails on a build that failed processing', async ({ start }) => {
    const { fake, app, run, changingRequests, addBuild } = await start();
    addBuild({ finalState: 'FAILED' });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    expect(await failure(run(BUILD_42, {}))).toBe(
      "Build 42 (1.2.0) of Example (com.example.app) finished processing as FAILED, so TestFlight cannot offer it: see the build's details in App Store Connect (or the email Apple sent) for the reason, then upload a fixed build.",
    );
    expect(changingRequests()).toEqual([]);
  });

  it('fails on a missing build after the wait, listing the builds that exist', async ({
    start,
  }) => {
    const { fake, app, clock, run, addBuild } = await start();
    addBuild({ version: '40', uploadedAt: TEST_START - 7200_000 });
    addBuild({ version: '41' });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const message = await failure(run({ waits: { processingMinutes: 2, reviewMinutes: 0 } }, {}));
    expect(message).toBe(
      'Build 42 of Example (com.example.app) was not found on IOS after waiting 2 minutes, and the newest IOS builds are 41 (1.2.0), 40 (1.2.0): check `build-number`, `app-version` and `platform`, or raise `wait-for-processing` if the upload is still on its way.',
    );
    expect(clock.elapsed()).toBeGreaterThanOrEqual(2 * 60_000);
  });

  it('fails on unknown group names before waiting for the build, naming the groups that exist', async ({
    start,
  }) => {
    const { fake, app, clock, run, changingRequests } = await start();
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    fake.state.addGroup({ appId: app.id, name: 'Team', isInternal: true });
    const message = await failure(run(BUILD_42, { groups: groups(['Beta', 'QA']) }));
    expect(message).toBe(
      'Beta group "QA" does not exist in Example (com.example.app) (its groups are "Beta", "Team"): fix the names in `groups`, or set `create-missing-groups: true` to create them.',
    );
    expect(clock.elapsed()).toBe(0);
    expect(changingRequests()).toEqual([]);
  });

  it('fails with the sentence asking for uses-non-exempt-encryption', async ({ start }) => {
    const { fake, app, run, changingRequests, addBuild } = await start();
    addBuild({ usesNonExemptEncryption: null });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    expect(await failure(run(BUILD_42, {}))).toBe(
      "Build 42 (1.2.0) has no export compliance answer, and testers cannot install it until it has one: set `uses-non-exempt-encryption` to `true` if the app uses encryption beyond Apple's exemptions, else `false` (or add ITSAppUsesNonExemptEncryption to its Info.plist).",
    );
    expect(changingRequests()).toEqual([]);
  });

  it('skips the review of a hotfix while another build of its version is in review, with a warning', async ({
    start,
  }) => {
    const { fake, app, run, warnings, changingRequests, addBuild } = await start();
    const older = addBuild({ version: '41', uploadedAt: TEST_START - 7200_000 });
    fake.state.addReviewSubmission({ buildId: older.id, state: 'IN_REVIEW' });
    const build = addBuild();
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const result = await run(BUILD_42, {});
    expect(result.reviewState).toBe('skipped');
    expect(warnings).toContain(
      'Build 42 (1.2.0) was not submitted for Beta App Review because build 41 (1.2.0) of the same version is already in review, and Apple reviews one build per version at a time: re-run once that review is done, or remove that build from review in App Store Connect.',
    );
    expect(changingRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v1/builds/${build.id}/relationships/betaGroups`,
    ]);
    // A build of another version is reviewed side by side.
    const other = addBuild({ version: '50', marketingVersion: '1.3.0' });
    const next = await run({ build: { number: '50', marketingVersion: '1.3.0' } }, {});
    expect(next.reviewState).toBe('WAITING_FOR_REVIEW');
    expect(
      [...fake.state.reviewSubmissions.values()].find((r) => r.buildId === other.id)?.state,
    ).toBe('WAITING_FOR_REVIEW');
  });

  it('names the testers an internal group would refuse before any change', async ({ start }) => {
    const { fake, app, run, changingRequests, addBuild } = await start();
    addBuild();
    fake.state.addGroup({ appId: app.id, name: 'Team', isInternal: true });
    fake.state.addTester({ email: 'outsider@example.com', appIds: [app.id] });
    fake.state.addTeamMember('member@example.com');
    expect(
      await failure(
        run(BUILD_42, {
          groups: groups(['Team'], {
            testers: [{ email: 'outsider@example.com' }, { email: 'member@example.com' }],
          }),
        }),
      ),
    ).toBe(
      'outsider@example.com is not a member of your App Store Connect team, so the internal group Team cannot take that tester: add that person to the team under Users and Access first, or list that tester only for external groups (`testers` goes to every listed group, so give the internal groups a step of their own).',
    );
    expect(changingRequests()).toEqual([]);
  });

  it('names the tester an internal group refuses when the key may not list the team, after one warning', async ({
    start,
  }) => {
    const { fake, app, run, warnings, addBuild } = await start(
      {},
      { keyRole: { canListUsers: false } },
    );
    addBuild();
    fake.state.addGroup({ appId: app.id, name: 'Team', isInternal: true });
    fake.state.addTester({ email: 'outsider@example.com', appIds: [app.id] });
    expect(
      await failure(
        run(BUILD_42, {
          groups: groups(['Team'], { testers: [{ email: 'outsider@example.com' }] }),
        }),
      ),
    ).toBe(
      'App Store Connect refused to add outsider@example.com to the internal group Team, which accepts only members of your App Store Connect team: add that person to the team under Users and Access first, or list them for an external group.',
    );
    expect(warnings.filter((w) => w.includes('GET /v1/users answered 403'))).toEqual([
      'This API key may not read the App Store Connect team (GET /v1/users answered 403), so the testers aimed at internal groups were not checked for team membership before the first change; App Store Connect refuses any who are not members, and the step then names them.',
    ]);
    expect(fake.requests.filter((r) => r.path === '/v1/users').map((r) => r.status)).toEqual([403]);
  });

  it('accepts a 409 for a build someone else put in the group meanwhile, after reading it back', async ({
    start,
  }) => {
    const { fake, app, api: client, run, addBuild } = await start({ conflictOnRelink: true });
    const build = addBuild();
    const group = fake.state.addGroup({ appId: app.id, name: 'Beta' });
    // Between the read and the change, a person adds the build in App Store Connect.
    const addBuildToGroups = client.addBuildToGroups.bind(client);
    client.addBuildToGroups = async (buildId, groupIds) => {
      group.buildIds.add(build.id);
      return addBuildToGroups(buildId, groupIds);
    };
    const result = await run(BUILD_42, { submitForReview: 'never' });
    expect(result.groups[0]!.build).toBe('added');
    expect(fake.requests.some((r) => r.status === 409)).toBe(true);
  });

  it('asks for app-version when the build number exists under two versions', async ({ start }) => {
    const { fake, app, run, addBuild } = await start();
    addBuild();
    addBuild({ marketingVersion: '1.3.0' });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    expect(await failure(run(BUILD_42, {}))).toBe(
      'Build number 42 of Example (com.example.app) exists under several versions (1.2.0, 1.3.0) on IOS: set `app-version` to the marketing version of the build to distribute.',
    );
    const result = await run(
      { build: { number: '42', marketingVersion: '1.3.0' } },
      { submitForReview: 'never' },
    );
    expect(result.build?.marketingVersion).toBe('1.3.0');
  });

  it('fails before any change on a link for a group without a build, and enables it on one that has a build', async ({
    start,
  }) => {
    const { fake, app, run, changingRequests, addBuild } = await start();
    const empty = fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const holding = fake.state.addGroup({
      appId: app.id,
      name: 'Public',
      buildIds: [addBuild().id],
    });
    expect(
      await failure(
        run(NO_BUILD, { groups: groups(['Beta', 'Public'], { publicLink: 'enabled' }) }),
      ),
    ).toBe(
      'Group Beta holds no build and this run brings none, so App Store Connect will not enable its public link: set `build-number` so the build goes to the group in the same run, or leave `public-link` empty until the group has a build.',
    );
    expect(changingRequests()).toEqual([]);
    const result = await run(NO_BUILD, { groups: groups(['Public'], { publicLink: 'enabled' }) });
    expect(result.plan.map((op) => `${op.op} ${op.target}`)).toEqual(['update-group Public']);
    expect(fake.state.groups.get(empty.id)?.publicLinkEnabled).toBe(false);
    expect(fake.state.groups.get(holding.id)?.publicLinkEnabled).toBe(true);
    expect(result.groups.map((g) => [g.name, g.publicLink !== null])).toEqual([['Public', true]]);
  });

  it('finds the app by app-id too, and names a bundle ID no app has', async ({ start }) => {
    const { fake, app, run } = await start();
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const byId = await run({ ...NO_BUILD, app: { appId: app.id } }, {});
    expect([byId.app.id, byId.changes, byId.reviewState]).toEqual([app.id, 0, 'not-needed']);
    expect(await failure(run({ ...NO_BUILD, app: { bundleId: 'com.example.other' } }, {}))).toBe(
      "No app with bundle ID com.example.other is visible to this API key: check `bundle-id` and that the key belongs to the app's team.",
    );
  });

  it('reports a change App Store Connect keeps failing, and a re-run finishes the rest', async ({
    start,
  }) => {
    const { fake, app, run, addBuild } = await start();
    addBuild();
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    const desired = { groups: groups(['Beta'], { testers: [{ email: 'new@example.com' }] }) };
    fake.faults.add({
      kind: 'status',
      status: 503,
      body: 'html',
      method: 'POST',
      path: '/v1/betaTesters',
      times: Infinity,
    });
    // The submission waits for the build, not for the testers: it goes through beside the failing invite.
    expect(await failure(run(BUILD_42, desired))).toMatch(
      /^App Store Connect refused to invite new@example\.com to Beta \(.*503.*\), after 2 other changes of this run: fix the cause, then re-run the job to finish the rest\.$/,
    );
    fake.faults.clear();
    const rerun = await run(BUILD_42, desired);
    expect(rerun.plan.map((p) => p.op)).toEqual(['create-tester']);
    expect((await run(BUILD_42, desired)).changes).toBe(0);
  });

  it('refuses to start changes the hourly request budget cannot finish', async ({ start }) => {
    const world = await start({ rateLimitPerHour: 14 });
    const { run, changingRequests } = world;
    seedFull(world);
    const message = await failure(run(BUILD_42, FULL));
    expect(message).toMatch(
      /^This API key has \d+ App Store Connect requests left this hour, fewer than the 22 the plan needs \(12 changes plus 10 in reserve\): nothing was changed; re-run once the hourly budget recovers, or use another key\.$/,
    );
    expect(changingRequests()).toEqual([]);
  });
});
