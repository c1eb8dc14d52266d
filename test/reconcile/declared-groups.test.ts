// The group declarations beside names and testers, through the fake over loopback: `absent` deletes a group
// (and only that one), `type` must match, access to all builds is set only at creation, and a group declared
// not to get the build does not get it.
import { describe, expect } from 'vitest';
import { ReconcileError } from '../../src/reconcile/index.js';
import { resultOutputs } from '../../src/report/outputs.js';
import { renderSummary } from '../../src/report/summary-document.js';
import { resultSummary } from '../../src/report/summary.js';
import { desiredGroup } from '../helpers/factories.js';
import { integrationTest as it } from '../helpers/integration.js';
import { ops, reconcileOn } from './fake-reconcile.js';

const FILE = '.github/testflight.yml';

describe('absent', () => {
  it('deletes the group, named in the plan; its testers stay; a re-run and a missing group plan nothing', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const old = s.fake.state.addGroup({ appId: s.app.id, name: 'Old Beta' });
    const kept = s.fake.state.addGroup({ appId: s.app.id, name: 'Beta', buildIds: [s.build.id] });
    const tester = s.fake.state.addTester({ email: 'stay@example.com', groupIds: [old.id] });
    const desired = {
      groups: [
        desiredGroup('Beta'),
        desiredGroup('Old Beta', { absent: true, declaredAt: `${FILE}:14` }),
      ],
    };
    const dry = await s.run(desired, { dryRun: true });
    expect(ops(dry)).toEqual([['delete-group', 'Old Beta']]);
    expect(dry.plan[0]).toMatchObject({
      detail: `delete external group Old Beta (declared absent at ${FILE}:14; its testers stay testers of the app)`,
      change: 'external, declared absent',
    });
    expect(dry.groups.map((g) => [g.name, g.deleted])).toEqual([
      ['Beta', false],
      ['Old Beta', true],
    ]);
    expect(renderSummary(resultSummary(dry))).toContain('Old Beta (to delete)');
    expect(s.changingRequests()).toEqual([]);

    const real = await s.run(desired);
    expect(real.changes).toBe(1);
    expect(s.fake.state.groups.has(old.id)).toBe(false);
    expect(s.fake.state.groups.has(kept.id)).toBe(true);
    expect(s.fake.state.testers.has(tester.id)).toBe(true);
    // The outputs name the groups that are left.
    expect(JSON.parse(resultOutputs(real)['group-ids'])).toEqual({ Beta: kept.id });
    expect(renderSummary(resultSummary(real))).toMatch(
      /<td>Old Beta \(deleted\)<\/td>(<td>[^<]*<\/td>)*<td>—<\/td><\/tr>/,
    );

    const again = await s.rerun(desired);
    expect(again.groups.map((g) => g.name)).toEqual(['Beta']);
  });

  it('deletes nothing else: undeclared groups, and a declared group of another spelling, stay', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({ appId: s.app.id, name: 'Beta', buildIds: [s.build.id] });
    s.fake.state.addGroup({ appId: s.app.id, name: 'Friends' });
    await s.rerun({ groups: [desiredGroup('Beta'), desiredGroup('Gone', { absent: true })] });
    expect([...s.fake.state.groups.values()].map((g) => g.name).sort()).toEqual([
      'Beta',
      'Friends',
    ]);
    // "old beta" is not "Old Beta": a near-miss fails rather than deleting a guess.
    s.fake.state.addGroup({ appId: s.app.id, name: 'Old Beta' });
    const error = await s
      .run({ groups: [desiredGroup('old beta', { absent: true })] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconcileError);
    expect((error as Error).message).toMatch(
      /differs from an existing group .* only in letter case/,
    );
    expect(s.changingRequests()).toEqual([]);
  });
});

describe('type', () => {
  it('of an existing group that differs fails before any change, naming where it is declared', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({ appId: s.app.id, name: 'Beta' });
    const error = await s
      .run({
        groups: [
          desiredGroup('Beta', {
            type: 'internal',
            declaredAt: `${FILE}:9`,
            testers: [{ email: 'a@example.com' }],
          }),
        ],
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Group Beta is external in App Store Connect, but ${FILE}:9 declares it internal, and a group's type is fixed when it is created: declare it as external, or give the internal group another name so that it is created.`,
    );
    expect(s.changingRequests()).toEqual([]);
  });

  it('that matches plans nothing of its own', async ({ startClientAndFake }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({
      appId: s.app.id,
      name: 'Team',
      isInternal: true,
      buildIds: [s.build.id],
    });
    await s.rerun({ groups: [desiredGroup('Team', { type: 'internal' })] });
  });
});

describe('access to all builds', () => {
  it('is applied when an internal group is created: it gets every build without add-build', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const desired = {
      groups: [desiredGroup('Team', { createAs: 'internal', accessToAllBuilds: true })],
    };
    const first = await s.run(desired);
    expect(ops(first)).toEqual([['create-group', 'Team']]);
    expect(first.plan[0]!.change).toBe('internal, access to all builds');
    expect(s.groupNamed('Team')).toMatchObject({ isInternal: true, hasAccessToAllBuilds: true });
    expect(first.groups[0]!.build).toBe('all-builds');
    await s.rerun(desired);
  });

  it('of an existing group that differs is said in the plan and changed nowhere', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({
      appId: s.app.id,
      name: 'Team',
      isInternal: true,
      hasAccessToAllBuilds: false,
      buildIds: [s.build.id],
    });
    const result = await s.rerun({
      groups: [desiredGroup('Team', { accessToAllBuilds: true, declaredAt: `${FILE}:5` })],
    });
    expect(result.warnings).toEqual([
      `Group Team gets only the builds given to it in App Store Connect, but ${FILE}:5 declares it with access to all builds; App Store Connect sets that only when a group is created, so it was left alone (delete and recreate the group to change it).`,
    ]);
    expect(s.groupNamed('Team')!.hasAccessToAllBuilds).toBe(false);
  });
});

describe('build: false', () => {
  it("keeps this run's build from the group, while the others get it", async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const beta = s.fake.state.addGroup({ appId: s.app.id, name: 'Beta' });
    const friends = s.fake.state.addGroup({ appId: s.app.id, name: 'Friends' });
    const desired = {
      groups: [desiredGroup('Beta'), desiredGroup('Friends', { receivesBuild: false })],
    };
    const first = await s.run(desired);
    expect(ops(first)).toEqual([['add-build', 'build 42']]);
    expect(first.plan[0]!.detail).toBe('add build 42 (1.2.0) to Beta');
    expect(s.fake.state.groups.get(beta.id)!.buildIds.has(s.build.id)).toBe(true);
    expect(s.fake.state.groups.get(friends.id)!.buildIds.has(s.build.id)).toBe(false);
    expect(first.groups.map((g) => g.build)).toEqual(['added', 'excluded']);
    expect(renderSummary(resultSummary(first))).toContain('not given this build');
    await s.rerun(desired);
  });

  it('with a public link to enable on a group that holds no build fails before any change', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({ appId: s.app.id, name: 'Friends' });
    const error = await s
      .run({
        groups: [
          desiredGroup('Friends', {
            receivesBuild: false,
            publicLink: 'enabled',
            declaredAt: `${FILE}:20`,
          }),
        ],
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Group Friends holds no build and this run gives it none, so App Store Connect will not enable its public link: let this run's build go to it (${FILE}:20 says it gets none), or leave \`public-link\` empty until the group has a build.`,
    );
    expect(s.changingRequests()).toEqual([]);
  });

  it('on a new group with a public link fails before any change too', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const error = await s
      .run({
        groups: [
          desiredGroup('Friends', {
            createAs: 'external',
            receivesBuild: false,
            publicLink: 'enabled',
          }),
        ],
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^Group Friends would be created without a build and this run gives it none, so App Store Connect will not enable its public link/,
    );
    expect(s.changingRequests()).toEqual([]);
  });
});
