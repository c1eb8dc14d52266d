// Scenarios through the contract: a dry run, the real run and a re-run in varied states of App Store Connect,
// and the review-state each reports.
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { scenarioTest as it, expectOk, planOf, json } from './scenario-test.js';

// Apple has answered a re-link of an existing member with 409 and with 204 (test/fake-asc README, "Evidence"):
// every scenario must converge under both.
describe.each([
  ['409, as by default', true],
  ['204', false],
])('idempotency in varied states, a re-link answered %s', (_, conflictOnRelink) => {
  it.override({ fakeOptions: { conflictOnRelink } });

  it('internal manual group with team-member testers', async ({ scenario }) => {
    const { fake, app, build, rerun, inputs, dryThenReal, addGroup, groupNamed } = scenario;
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: false });
    fake.state.addTeamMember('dev@example.com');
    fake.state.addTeamMember('QA@example.com');
    fake.state.addTester({ email: 'qa@example.com', appIds: [app.id] });
    const given = inputs({ groups: 'Team', testers: 'dev@example.com\nqa@example.com' });
    const { real } = await dryThenReal(given);
    expect(real.outputs['review-state']).toBe('not-needed');
    expect(groupNamed('Team').buildIds.has(build.id)).toBe(true);
    await rerun(given);
  });

  it('internal all-builds group: no add-build, nothing to review', async ({ scenario }) => {
    const { fake, inputs, twice, addGroup } = scenario;
    addGroup('Everyone', { isInternal: true, hasAccessToAllBuilds: true });
    fake.state.addTeamMember('dev@example.com');
    const { first } = await twice(inputs({ groups: 'Everyone', testers: 'dev@example.com' }));
    expect(planOf(first).map((o) => o.op)).toEqual(['create-tester']);
    expect(first.outputs['review-state']).toBe('not-needed');
    expect(first.summary).toContain('gets every build');
  });

  it('external groups with public link, limit and feedback off', async ({ scenario }) => {
    const { build, rerun, inputs, dryThenReal, addGroup, groupNamed } = scenario;
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
    const again = await rerun(given);
    expect(json(again, 'public-links')).toEqual(links);
  });

  it('remove-unlisted-testers', async ({ scenario }) => {
    const { fake, rerun, inputs, dryThenReal, addGroup, memberEmails, testerByEmail } = scenario;
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
    await rerun(given);
  });

  it('What to Test updated text', async ({ scenario }) => {
    const { fake, build, inputs, twice, addGroup } = scenario;
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

  it('What to Test in another locale adds one localization', async ({ scenario }) => {
    const { fake, build, inputs, twice, addGroup } = scenario;
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

  it('notify-testers with auto-notify off on the build', async ({ scenario }) => {
    const { fake, app, rerun, inputs, dryThenReal, addGroup } = scenario;
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
    await rerun(given);
  });

  const reviewCases: [string, string, string][] = [
    ['auto', 'WAITING_FOR_REVIEW', 'WAITING_FOR_REVIEW'],
    ['true', 'WAITING_FOR_REVIEW', 'WAITING_FOR_REVIEW'],
    ['false', 'skipped', 'skipped'],
  ];
  it.for(reviewCases)(
    'submit-for-review %s on an external group',
    async ([mode, first, again], { scenario }) => {
      const { fake, mutationsSince, inputs, dryThenReal, addGroup } = scenario;
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
    },
  );

  it('submit-for-review true with only an internal group submits once', async ({ scenario }) => {
    const { inputs, twice, addGroup } = scenario;
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: true });
    const { first, second } = await twice(inputs({ groups: 'Team', 'submit-for-review': 'true' }));
    expect(first.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
    expect(second.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
  });

  it('approved review is reported, not re-sent', async ({ scenario }) => {
    const { fake, build, mutationsSince, inputs, addGroup } = scenario;
    addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'APPROVED' });
    const run = await runAction(inputs({ groups: 'Beta' }));
    expectOk(run);
    expect(run.outputs['review-state']).toBe('APPROVED');
    expect(run.outputs.changes).toBe('0');
    expect(mutationsSince(0)).toEqual([]);
  });

  it('no build-number: groups and testers only', async ({ scenario }) => {
    const { rerun, inputs, dryThenReal, addGroup, memberEmails } = scenario;
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
    await rerun(given);
  });

  it('create-missing-groups with group-type internal', async ({ scenario }) => {
    const { fake, build, rerun, inputs, dryThenReal, groupNamed } = scenario;
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
    await rerun(given);
  });

  it('a mixed full scenario: dry run, real run, re-run', async ({ scenario }) => {
    const { fake, app, rerun, inputs, dryThenReal, addGroup } = scenario;
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
    await rerun(given);
  });
});

describe('review-state', () => {
  it('never submitted and external: WAITING_FOR_REVIEW; internal only: not-needed', async ({
    scenario,
  }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Beta');
    addGroup('Team', { isInternal: true, hasAccessToAllBuilds: true });
    const internal = await runAction(inputs({ groups: 'Team' }));
    expectOk(internal);
    expect(internal.outputs['review-state']).toBe('not-needed');
    const external = await runAction(inputs({ groups: 'Beta' }));
    expectOk(external);
    expect(external.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
  });

  it('submit-for-review false without a build is skipped', async ({ scenario }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Beta');
    const run = await runAction(
      inputs({ groups: 'Beta', 'build-number': '', 'submit-for-review': 'false' }),
    );
    expectOk(run);
    expect(run.outputs['review-state']).toBe('skipped');
  });
});
