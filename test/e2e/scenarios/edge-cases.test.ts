// Scenarios through the contract: names, emails, paging, ambiguous and late builds, links and reviews.
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { scenarioTest as it, expectOk, json } from './scenario-test.js';

describe('edge cases', () => {
  it('group names with special characters', async ({ scenario }) => {
    const { build, inputs, twice, addGroup, groupNamed } = scenario;
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

  it('a tester already in the group under another email case', async ({ scenario }) => {
    const { fake, build, mutationsSince, inputs, addGroup } = scenario;
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

  it('260 testers: paging, invites, re-run', async ({ scenario }) => {
    const { fake, app, build, mutationsSince, inputs, addGroup, groupNamed } = scenario;
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

  it('the same build number under two versions: asks for app-version, then works', async ({
    scenario,
  }) => {
    const { fake, app, build, inputs, expectFailure, addGroup, groupNamed } = scenario;
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

  it('the same build number on another platform is not ambiguous', async ({ scenario }) => {
    const { fake, app, build, inputs, addGroup } = scenario;
    addGroup('Beta');
    fake.state.addBuild({ appId: app.id, version: '100', platform: 'TV_OS' });
    const run = await runAction(inputs({ groups: 'Beta' }));
    expectOk(run);
    expect(run.outputs['build-id']).toBe(build.id);
  });

  it('a build that appears late, within the wait', async ({ scenario }) => {
    const { fake, app, afterEachAnswer, inputs, addGroup } = scenario;
    addGroup('Beta');
    // The build appears, processed, right after the action's first look for it, not at a set time: however
    // slowly the action starts, that look finds nothing, and the next one (at the deadline) finds it.
    const late = fake.state.addBuild({
      appId: app.id,
      version: '200',
      appearsAfterMs: 3_600_000,
      processingMs: 3_600_000,
    });
    afterEachAnswer((entry) => {
      if (entry.path === '/v1/builds' && entry.query['filter[version]'] === '200') {
        late.appearsAfterMs = 0;
        late.processingMs = 0;
      }
    });
    const run = await runAction(
      inputs({ groups: 'Beta', 'build-number': '200', 'wait-for-processing': '0.05' }),
    );
    expectOk(run);
    expect(run.stdout).toMatch(/Build 200 is not in App Store Connect yet/);
    // The polls filter on the platform; the first empty look also asked where build 200 is (any platform).
    const looks = fake.requests.filter(
      (r) =>
        r.path === '/v1/builds' &&
        r.query['filter[version]'] === '200' &&
        r.query['filter[preReleaseVersion.platform]'] === 'IOS',
    );
    expect(looks.map((r) => r.status)).toEqual([200, 200]);
    expect(run.outputs['build-id']).toBe(late.id);
    expect(run.outputs['build-state']).toMatch(/^VALID/);
  }, 20_000);
});

describe('more edge cases', () => {
  it('a group name off only in letter case fails, even with create-missing-groups', async ({
    scenario,
  }) => {
    const { fake, inputs, expectFailure, addGroup } = scenario;
    addGroup('Beta');
    const run = await runAction(inputs({ groups: 'beta', 'create-missing-groups': 'true' }));
    expectFailure(run, /"beta" \(App Store Connect has "Beta"\).*letter case/);
    expect([...fake.state.groups.values()].map((g) => g.name)).toEqual(['Beta']);
  });

  it('app-version from a v-prefixed release tag, platform as macOS, the app by app-id', async ({
    scenario,
  }) => {
    const { fake, app, inputs, twice, addGroup } = scenario;
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

  it('public-links: only external groups with a link, none after disabling', async ({
    scenario,
  }) => {
    const { fake, build, inputs, twice, addGroup, groupNamed } = scenario;
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

  it('a rejected review is reported and not re-sent under auto', async ({ scenario }) => {
    const { fake, build, mutationsSince, inputs, addGroup } = scenario;
    addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'REJECTED' });
    const run = await runAction(inputs({ groups: 'Beta' }));
    expectOk(run);
    expect(run.outputs['review-state']).toBe('REJECTED');
    expect(mutationsSince(0)).toEqual([]);
    expect(run.stdout).toMatch(/::warning::Beta App Review rejected/);
  });

  it('a build still processing with wait-for-processing 0 fails without a change', async ({
    scenario,
  }) => {
    const { fake, app, inputs, expectFailure, addGroup } = scenario;
    addGroup('Beta');
    fake.state.addBuild({ appId: app.id, version: '300', processingMs: 60_000 });
    const run = await runAction(inputs({ groups: 'Beta', 'build-number': '300' }));
    expectFailure(run, /still PROCESSING.*wait-for-processing/);
  });
});
