// The reads after a run, through reconcile(), the real client and the fake: the build's state, the summary's
// metrics and the compatible-build check go out side by side once the changes are in; the members of a group
// the run changed come from what it read and did when Apple's answers say every state, and a group it created
// is asked nothing about usage.
import { describe, expect } from 'vitest';
import { reconcile, type DesiredGroup } from '../../src/reconcile/index.js';
import { TEST_START } from '../helpers/clock.js';
import { desiredGroup, desiredState, reconcileTarget } from '../helpers/factories.js';
import { integrationTest as it, reconcileDeps, type StartWithApp } from '../helpers/integration.js';

const DAY = 86400_000;

async function world(startWithApp: StartWithApp) {
  const setup = await startWithApp();
  const st = setup.fake.state;
  const build = st.addBuild({
    appId: setup.app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: TEST_START - DAY,
  });
  const beta = st.addGroup({
    appId: setup.app.id,
    name: 'Beta',
    publicLinkEnabled: true,
    publicLinkId: 'AfTer123',
  });
  const installed = st.addTester({
    email: 'installed@example.com',
    state: 'INSTALLED',
    appIds: [setup.app.id],
    groupIds: [beta.id],
  });
  const leaving = st.addTester({
    email: 'leaving@example.com',
    state: 'ACCEPTED',
    appIds: [setup.app.id],
    groupIds: [beta.id],
  });
  // Known to the app, in none of its groups: Apple shows it NOT_INVITED until it joins a group with a build.
  st.addTester({ email: 'known@example.com', appIds: [setup.app.id] });
  const run = (groups: DesiredGroup[], dryRun = false) =>
    reconcile(
      reconcileTarget({ build: { number: '42', marketingVersion: null } }),
      desiredState({ groups }),
      setup.api,
      reconcileDeps(setup.clock),
      { dryRun, metrics: true },
    );
  return { ...setup, st, build, beta, installed, leaving, run };
}

const BETA_TESTERS = [
  { email: 'installed@example.com' },
  { email: 'known@example.com' },
  { email: 'new@example.com' },
];

describe('the reads after a run', () => {
  it('reads the build and the metrics side by side, and no member list the run can tell', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp);
    const result = await w.run([
      desiredGroup('Beta', { testers: BETA_TESTERS, removeUnlistedTesters: true }),
    ]);
    const paths = w.fake.requests.map((r) => `${r.method} ${r.path}`);
    const lastChange = paths.findLastIndex((p) => !p.startsWith('GET'));
    // After the last change: the build's state and the group's two usage figures; no members read.
    expect(paths.slice(lastChange + 1).sort()).toEqual(
      [
        `GET /v1/builds/${w.build.id}`,
        `GET /v1/betaGroups/${w.beta.id}/metrics/betaTesterUsages`,
        `GET /v1/betaGroups/${w.beta.id}/metrics/publicLinkUsages`,
      ].sort(),
    );
    expect(paths).not.toContain(`GET /v1/betaGroups/${w.beta.id}/betaTesters`);
    const members = result.groups[0]!.members!;
    // The members as read, less the one removed, plus the linked one and the created one: not invited yet, since
    // the group's only build waits for Beta App Review.
    expect(members.map((m) => [m.email, m.state]).sort()).toEqual([
      ['installed@example.com', 'INSTALLED'],
      ['known@example.com', 'NOT_INVITED'],
      ['new@example.com', 'NOT_INVITED'],
    ]);
    // What the run inferred is what Apple now lists.
    const listed = [...w.beta.testerIds].map((id) => w.st.testers.get(id)!);
    expect(listed.map((t) => [t.email, t.state]).sort()).toEqual(
      members.map((m) => [m.email, m.state]).sort(),
    );
    expect(result.metrics![0]!.funnel).toMatchObject({
      counted: 3,
      invited: 1,
      notInvited: 2,
      installed: 1,
    });
  });

  it('counts those joining a group that offers an approved build as invited, as Apple lists them', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp);
    const older = w.st.addBuild({
      appId: w.app.id,
      version: '41',
      marketingVersion: '1.2.0',
      uploadedAt: TEST_START - 2 * DAY,
    });
    w.beta.buildIds.add(older.id);
    w.st.addReviewSubmission({ buildId: older.id, state: 'APPROVED' });
    const result = await w.run([desiredGroup('Beta', { testers: BETA_TESTERS })]);
    const members = result.groups[0]!.members!;
    expect(members.map((m) => [m.email, m.state]).sort()).toEqual([
      ['installed@example.com', 'INSTALLED'],
      ['known@example.com', 'INVITED'],
      ['leaving@example.com', 'ACCEPTED'],
      ['new@example.com', 'INVITED'],
    ]);
    const listed = [...w.beta.testerIds].map((id) => w.st.testers.get(id)!);
    expect(listed.map((t) => [t.email, t.state]).sort()).toEqual(
      members.map((m) => [m.email, m.state]).sort(),
    );
    expect(w.fake.requests.map((r) => r.path)).not.toContain(
      `/v1/betaGroups/${w.beta.id}/betaTesters`,
    );
  });

  it('asks nothing about a created group’s usage, and counts its members from the run', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp);
    const result = await w.run([
      desiredGroup('Fresh', {
        createAs: 'external',
        publicLink: 'enabled',
        testers: [{ email: 'known@example.com' }, { email: 'fresh@example.com' }],
      }),
    ]);
    const fresh = [...w.st.groups.values()].find((g) => g.name === 'Fresh')!;
    const asked = w.fake.requests.filter((r) => r.path.startsWith(`/v1/betaGroups/${fresh.id}/`));
    expect(asked.filter((r) => r.method === 'GET')).toEqual([]);
    expect(result.metrics).toEqual([
      {
        name: 'Fresh',
        usage: { sessions: 0, crashes: 0, feedback: 0, testers: 0, totalTesters: 0 },
        hasPublicLink: true,
        publicLink: {
          views: 0,
          accepted: 0,
          didNotAccept: 0,
          didNotMeetCriteria: 0,
          limit: result.groups[0]!.publicLinkLimit,
        },
        // Its only build waits for Beta App Review: nobody is invited yet.
        funnel: expect.objectContaining({ counted: 2, invited: 0, notInvited: 2 }),
      },
    ]);
  });

  it('reads the members again when testers join a group without a build', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp);
    const result = await w.run([
      desiredGroup('Beta', { testers: BETA_TESTERS, receivesBuild: false }),
    ]);
    expect(result.groups[0]!.members).toBeNull();
    expect(w.fake.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `GET /v1/betaGroups/${w.beta.id}/betaTesters`,
    );
  });

  it('reads no metrics unless asked, and none in a dry run of a group to create', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp);
    const dry = await w.run([desiredGroup('Fresh', { createAs: 'external' })], true);
    expect(dry.metrics).toEqual([]);
    expect(w.fake.requests.some((r) => r.path.includes('/metrics/'))).toBe(false);
  });
});
