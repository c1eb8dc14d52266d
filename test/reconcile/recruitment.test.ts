// Recruitment criteria through the fake over loopback: created, changed and removed to match the declared
// ones, nothing on a re-run, and Apple's compatible-build check reported with a warning when no build fits.
import { describe, expect } from 'vitest';
import { renderSummary } from '../../src/report/summary-document.js';
import { resultSummary } from '../../src/report/summary.js';
import { desiredGroup } from '../helpers/factories.js';
import { integrationTest as it } from '../helpers/integration.js';
import { ops, reconcileOn } from './fake-reconcile.js';

const IPHONE_17 = [{ deviceFamily: 'IPHONE' as const, minimumOs: '17.0', maximumOs: null }];

describe('recruitment criteria', () => {
  it('are created on a group that has none, reported as compatible, and a re-run plans nothing', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const beta = s.fake.state.addGroup({ appId: s.app.id, name: 'Beta', buildIds: [s.build.id] });
    const desired = { groups: [desiredGroup('Beta', { recruitment: IPHONE_17 })] };
    const first = await s.run(desired);
    expect(ops(first)).toEqual([['create-recruitment-criteria', 'Beta']]);
    expect(first.plan[0]).toMatchObject({
      detail: 'set the recruitment criteria of Beta: iPhone 17.0 or later',
      change: 'iPhone 17.0 or later',
    });
    expect(s.criteriaOf(beta.id)?.deviceFamilyOsVersionFilters).toEqual([
      { deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' },
    ]);
    expect(first.groups[0]!.recruitment).toEqual({
      filters: IPHONE_17,
      description: 'iPhone 17.0 or later',
      changed: true,
      compatibleBuild: true,
    });
    expect(s.warnings).toEqual([]);
    const again = await s.rerun(desired);
    expect(again.groups[0]!.recruitment).toMatchObject({ changed: false, compatibleBuild: true });
  });

  it('are changed when they differ, and "17" is "17.0" (no change)', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const beta = s.betaWithCriteria([{ deviceFamily: 'IPAD', minimumOsInclusive: '16.0' }]);
    const desired = { groups: [desiredGroup('Beta', { recruitment: IPHONE_17 })] };
    const first = await s.run(desired);
    expect(ops(first)).toEqual([['update-recruitment-criteria', 'Beta']]);
    expect(first.plan[0]!.change).toBe('iPad 16.0 or later → iPhone 17.0 or later');
    expect(s.criteriaOf(beta.id)).toMatchObject({
      id: 'c1',
      deviceFamilyOsVersionFilters: [{ deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' }],
    });
    await s.rerun(desired);
    await s.rerun({
      groups: [
        desiredGroup('Beta', {
          recruitment: [{ deviceFamily: 'IPHONE', minimumOs: '17', maximumOs: null }],
        }),
      ],
    });
  });

  it('are removed when declared empty, and nothing happens when there are none', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const beta = s.betaWithCriteria([{ deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' }]);
    const desired = { groups: [desiredGroup('Beta', { recruitment: [] })] };
    const first = await s.run(desired);
    expect(ops(first)).toEqual([['delete-recruitment-criteria', 'Beta']]);
    expect(first.plan[0]!.change).toBe('iPhone 17.0 or later → none');
    expect(s.criteriaOf(beta.id)).toBeUndefined();
    const again = await s.rerun(desired);
    expect(again.groups[0]!.recruitment).toBeNull();
  });

  it('are left alone when the group declares none', async ({ startClientAndFake }) => {
    const s = await reconcileOn(await startClientAndFake());
    const beta = s.betaWithCriteria([{ deviceFamily: 'IPAD' }]);
    await s.rerun({ groups: [desiredGroup('Beta')] });
    expect(s.criteriaOf(beta.id)).toBeDefined();
    // Nothing declared, nothing read: the criteria are not even looked at.
    expect(s.fake.requests.some((r) => r.query.include === 'betaRecruitmentCriteria')).toBe(false);
  });

  it('go on a group this run creates, once create-group has given it an ID', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const desired = {
      groups: [desiredGroup('Public', { createAs: 'external', recruitment: IPHONE_17 })],
    };
    const first = await s.run(desired);
    expect(ops(first)).toEqual([
      ['create-group', 'Public'],
      ['create-recruitment-criteria', 'Public'],
    ]);
    const created = s.groupNamed('Public')!;
    expect(s.criteriaOf(created.id)).toBeDefined();
    expect(first.groups[0]!.recruitment?.compatibleBuild).toBe(true);
    await s.rerun(desired);
  });

  it('are read only once a group they are declared for exists (the app named by bundle ID)', async ({
    startClientAndFake,
  }) => {
    const started = await startClientAndFake();
    const s = await reconcileOn(started);
    const desired = {
      groups: [desiredGroup('Public', { createAs: 'external', recruitment: IPHONE_17 })],
    };
    const criteriaReads = (from: number) =>
      started.fake.requests
        .slice(from)
        .filter((r) => r.method === 'GET' && r.query.include === 'betaRecruitmentCriteria');
    await s.run(desired);
    expect(criteriaReads(0)).toEqual([]);
    const mark = started.fake.requests.length;
    const again = await s.rerun(desired);
    expect(criteriaReads(mark)).toHaveLength(1);
    expect(again.groups[0]!.recruitment).toMatchObject({ changed: false, compatibleBuild: true });
  });

  it('warn when no build of the group fits them, in a dry run too, and the summary says so', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({ appId: s.app.id, name: 'Beta', buildIds: [s.build.id] });
    // The build needs iOS 17.0; the criteria admit iPhones up to 16.4.
    const old = [{ deviceFamily: 'IPHONE' as const, minimumOs: null, maximumOs: '16.4' }];
    const desired = { groups: [desiredGroup('Beta', { recruitment: old })] };
    const dry = await s.run(desired, { dryRun: true });
    expect(s.changingRequests()).toEqual([]);
    // Before the planned change the group has no criteria: any build is compatible.
    expect(dry.groups[0]!.recruitment).toMatchObject({ changed: true, compatibleBuild: true });

    const real = await s.run(desired);
    const warning =
      "Group Beta holds no build that meets its recruitment criteria (iPhone up to 16.4) by App Store Connect's compatible-build check, this run's build 42 (1.2.0) among them, so testers who join through its public link have nothing they can install: widen the criteria, or give the group a build whose minimum OS version and platform they admit.";
    expect(real.groups[0]!.recruitment).toMatchObject({ compatibleBuild: false });
    expect(real.warnings).toContain(warning);
    expect(s.warnings).toContain(warning);
    const html = renderSummary(resultSummary(real));
    expect(html).toContain('<h3>Recruitment criteria</h3>');
    expect(html).toContain(
      '<td>Beta</td><td>iPhone up to 16.4</td><td>set</td><td><strong>none</strong></td>',
    );

    const rerunDry = await s.run(desired, { dryRun: true });
    expect(rerunDry.plan).toEqual([]);
    // Nothing planned: what Apple checked is what the group holds.
    expect(rerunDry.warnings).toEqual([warning]);
  });

  it('checked after every change: a check Apple does not answer is "not said" with one warning, the run succeeds', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake({}, { maxRetries: 1 }));
    s.fake.state.addGroup({ appId: s.app.id, name: 'Beta', buildIds: [s.build.id] });
    const desired = { groups: [desiredGroup('Beta', { recruitment: IPHONE_17 })] };
    s.fake.faults.add({
      kind: 'status',
      status: 503,
      body: 'json',
      method: 'GET',
      path: /\/betaRecruitmentCriterionCompatibleBuildCheck$/,
      times: Infinity,
    });
    const real = await s.run(desired);
    expect(ops(real)).toEqual([['create-recruitment-criteria', 'Beta']]);
    expect(real.groups[0]!.recruitment).toMatchObject({ changed: true, compatibleBuild: null });
    expect(real.warnings).toHaveLength(1);
    expect(real.warnings[0]).toMatch(
      /^Could not run App Store Connect's compatible-build check of group Beta \(.*\b503\b.*\), so the summary does not say whether it holds a build its recruitment criteria admit; the run itself is not affected\.$/,
    );
    expect(renderSummary(resultSummary(real))).toContain(
      '<td>Beta</td><td>iPhone 17.0 or later</td><td>set</td><td>not said</td>',
    );
  });

  it('on an internal group are left alone, with the warning for external-only settings', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({
      appId: s.app.id,
      name: 'Team',
      isInternal: true,
      buildIds: [s.build.id],
    });
    const result = await s.rerun({ groups: [desiredGroup('Team', { recruitment: IPHONE_17 })] });
    expect(result.groups[0]!.recruitment).toBeNull();
    expect(result.warnings).toEqual([
      'Group Team is internal, and public-link, public-link-limit and feedback-enabled apply only to external groups, so they were left alone for it.',
    ]);
  });
});
