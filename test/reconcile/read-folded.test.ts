// The reconcile's reads, folded: with `app-id` the app, its builds and its testers go out side by side; a
// small app's testers are read in full, a large app's listed testers by email; what a listing holds past
// Apple's include caps is read on its own, so the plan never works from a truncated list.
import { describe, expect } from 'vitest';
import { reconcile, type DesiredState, type ReconcileTarget } from '../../src/reconcile/index.js';
import { completeTestInformation } from '../fake-asc/index.js';
import { TEST_START } from '../helpers/clock.js';
import { desiredGroup, desiredState, reconcileTarget } from '../helpers/factories.js';
import {
  integrationTest as it,
  reconcileDeps,
  type ClientAndFake,
} from '../helpers/integration.js';

function world(started: ClientAndFake) {
  const { fake, api, clock } = started;
  const app = fake.state.addApp({ bundleId: 'com.example.app', name: 'Example' });
  fake.state.setTestInformation(app.id, completeTestInformation());
  const build = fake.state.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    platform: 'IOS',
    usesNonExemptEncryption: false,
    uploadedAt: TEST_START - 3600_000,
  });
  const run = (desired: Partial<DesiredState>, target: Partial<ReconcileTarget> = {}) =>
    reconcile(
      reconcileTarget({ app: { appId: app.id }, ...target }),
      desiredState(desired),
      api,
      reconcileDeps(clock),
      { dryRun: true },
    );
  const gets = () => fake.requests.filter((r) => r.method === 'GET');
  return { fake, app, build, run, gets };
}

describe('the first round trip', () => {
  it('asks for the app, its builds and its testers before any of them answers', async ({
    startClientAndFake,
  }) => {
    const w = world(await startClientAndFake());
    w.fake.state.addGroup({ appId: w.app.id, name: 'Beta' });
    // Real latency on each: read one after another, the second would arrive after the first's answer.
    w.fake.faults.add({ kind: 'latency', ms: 100, method: 'GET', times: 3 });
    await w.run({ groups: [desiredGroup('Beta', { testers: [{ email: 'a@example.com' }] })] });
    const [first, ...others] = w.gets().slice(0, 3);
    expect([first, ...others].map((r) => r!.path).sort()).toEqual(
      [`/v1/apps/${w.app.id}`, '/v1/betaTesters', '/v1/builds'].sort(),
    );
    for (const r of others) expect(r.receivedAt).toBeLessThan(first!.answeredAt!);
  });

  it('reads nothing more for an unchanged small world: the app, its builds, its testers', async ({
    startClientAndFake,
  }) => {
    const w = world(await startClientAndFake());
    const beta = w.fake.state.addGroup({ appId: w.app.id, name: 'Beta', buildIds: [w.build.id] });
    w.fake.state.addTester({ email: 'a@example.com', appIds: [w.app.id], groupIds: [beta.id] });
    const result = await w.run(
      {
        groups: [desiredGroup('Beta', { testers: [{ email: 'a@example.com' }] })],
        whatToTest: [],
        submitForReview: 'never',
      },
      {},
    );
    expect(result.plan).toEqual([]);
    expect(
      w
        .gets()
        .map((r) => r.path)
        .sort(),
    ).toEqual([`/v1/apps/${w.app.id}`, '/v1/betaTesters', '/v1/builds'].sort());
  });
});

/** A large app: its group Beta holds 450 testers (t0…t449@example.com), three pages of the app's testers. */
function largeApp<W extends ReturnType<typeof world>>(w: W): W {
  const beta = w.fake.state.addGroup({ appId: w.app.id, name: 'Beta' });
  for (let i = 0; i < 450; i++) {
    w.fake.state.addTester({ email: `t${i}@example.com`, appIds: [w.app.id], groupIds: [beta.id] });
  }
  return w;
}

describe('testers', () => {
  it('of a large app are looked up by email when that asks less, counted by the first page', async ({
    startClientAndFake,
  }) => {
    const w = largeApp(world(await startClientAndFake()));
    const result = await w.run({
      groups: [
        desiredGroup('Beta', {
          testers: [{ email: 't1@example.com' }, { email: 'new@example.com' }],
        }),
      ],
    });
    expect(result.groups[0]!.testersAdded).toEqual(['new@example.com']);
    const testerReads = w.gets().filter((r) => r.path === '/v1/betaTesters');
    // The first page (which counts 450), then the two listed emails: not the two pages left, not a count.
    expect(
      testerReads.map((r) => [r.query['filter[apps]'] ?? null, r.query['filter[email]'] ?? null]),
    ).toEqual([
      [w.app.id, null],
      [null, 't1@example.com,new@example.com'],
    ]);
  });

  it('of a large app are read in full when unlisted members are to be removed', async ({
    startClientAndFake,
  }) => {
    const w = largeApp(world(await startClientAndFake()));
    const result = await w.run({
      groups: [
        desiredGroup('Beta', {
          testers: [{ email: 't1@example.com' }],
          removeUnlistedTesters: true,
        }),
      ],
    });
    expect(result.groups[0]!.testersRemoved).toHaveLength(449);
    const testerReads = w.gets().filter((r) => /betaTesters/.test(r.path));
    expect(testerReads.map((r) => r.path)).toEqual(Array(3).fill('/v1/betaTesters'));
  });

  it('in more than 50 groups get the rest of their groups from the tester', async ({
    startClientAndFake,
  }) => {
    const w = world(await startClientAndFake());
    const other = w.fake.state.addApp({ bundleId: 'com.example.other', name: 'Other' });
    const many = Array.from(
      { length: 51 },
      (_, i) => w.fake.state.addGroup({ appId: other.id, name: `Other ${i}` }).id,
    );
    const beta = w.fake.state.addGroup({ appId: w.app.id, name: 'Beta' });
    // Beta sorts last among the tester's 52 groups or not: either way the answer may leave it out.
    w.fake.state.addTester({
      email: 'a@example.com',
      appIds: [w.app.id, other.id],
      groupIds: [...many, beta.id],
    });
    const result = await w.run(
      { groups: [desiredGroup('Beta', { testers: [{ email: 'a@example.com' }] })] },
      { build: null },
    );
    expect(result.plan).toEqual([]);
    expect(
      w.gets().some((r) => /^\/v1\/betaTesters\/[^/]+\/relationships\/betaGroups$/.test(r.path)),
    ).toBe(true);
  });
});

describe('the build', () => {
  it('comes with its groups, What to Test and review from the listing; past 50 groups they are read', async ({
    startClientAndFake,
  }) => {
    const w = world(await startClientAndFake());
    const beta = w.fake.state.addGroup({ appId: w.app.id, name: 'Beta' });
    const desired = {
      groups: [desiredGroup('Beta')],
      whatToTest: [{ locale: 'en-US', text: 'Try it.' }],
    };
    const first = await w.run(desired);
    expect(first.plan.map((p) => p.op).sort()).toEqual(
      ['add-build', 'set-what-to-test', 'submit-for-review'].sort(),
    );
    expect(
      w
        .gets()
        .map((r) => r.path)
        .sort(),
    ).toEqual([`/v1/apps/${w.app.id}`, '/v1/builds'].sort());

    for (let i = 0; i < 50; i++) {
      w.fake.state.addGroup({ appId: w.app.id, name: `Group ${i}`, buildIds: [w.build.id] });
    }
    beta.buildIds.add(w.build.id);
    const before = w.fake.requests.length;
    const second = await w.run(desired);
    expect(second.plan.map((p) => p.op)).not.toContain('add-build');
    const reads = w.fake.requests.slice(before).filter((r) => r.method === 'GET');
    expect(
      reads.filter((r) => r.path === '/v1/betaGroups' && r.query['filter[builds]']),
    ).toHaveLength(1);
  });

  it('processing at the first look is waited for, then the listing is read again', async ({
    startClientAndFake,
  }) => {
    const started = await startClientAndFake();
    const w = world(started);
    const late = w.fake.state.addBuild({
      appId: w.app.id,
      version: '43',
      marketingVersion: '1.3.0',
      platform: 'IOS',
      usesNonExemptEncryption: false,
      processingMs: 60_000,
    });
    w.fake.state.addGroup({ appId: w.app.id, name: 'Beta' });
    const result = await w.run(
      { groups: [desiredGroup('Beta')] },
      {
        build: { number: '43', marketingVersion: null },
        waits: { processingMinutes: 5, reviewMinutes: 0 },
      },
    );
    expect(result.build?.id).toBe(late.id);
    const builds = w.gets().filter((r) => r.path === '/v1/builds');
    expect(builds.map((r) => r.query['filter[version]'] ?? 'listing')).toEqual([
      'listing',
      ...Array(builds.length - 2).fill('43'),
      'listing',
    ]);
  });
});
