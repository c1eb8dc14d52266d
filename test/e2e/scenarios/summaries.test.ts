// What a release engineer reads: the job summary file and the outputs of dist/index.js in each way a run ends
// (a dry run, the real run, nothing to change, a failure before and after changes, a wait that finds the build
// under another version). Every summary must also be valid HTML (expectOk and expectFailure check it).
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { scenarioTest as it, expectOk, json, planOf } from './scenario-test.js';

const groupPage = (appId: string, groupId: string) =>
  `https://appstoreconnect.apple.com/apps/${appId}/testflight/groups/${groupId}`;

describe('the job summary and the outputs', () => {
  it('a dry run tells the truth, the real run does it, a re-run has nothing to change', async ({
    scenario,
  }) => {
    const { fake, app, inputs, addGroup, groupNamed, mutationsSince, dryThenReal, rerun } =
      scenario;
    const build = fake.state.addBuild({
      appId: app.id,
      version: '101',
      marketingVersion: '3.1.0',
      usesNonExemptEncryption: null,
    });
    const beta = addGroup('Beta');
    const given = inputs({
      'build-number': '101',
      'uses-non-exempt-encryption': 'false',
      groups: 'Beta\nPublic Testers',
      'create-missing-groups': 'true',
      'public-link': 'enabled',
      testers: 'Ann Lee <ann@example.com>',
    });

    const { dry, real } = await dryThenReal(given);
    // The dry run: its outputs say what the real run then did.
    expect(dry.outputs['review-state']).toBe('would-submit');
    expect(real.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
    expect(json(dry, 'created-groups')).toEqual(['Public Testers']);
    expect(json(dry, 'group-ids')).toEqual({ Beta: beta.id, 'Public Testers': null });
    expect(dry.summary).toContain(
      '<h2>📝 TestFlight: Scenario App build 101 (3.1.0) — dry run</h2>',
    );
    expect(dry.summary).toContain(
      `<p>Dry run: ${dry.outputs.changes} changes planned, none made.</p>`,
    );
    expect(dry.summary).toContain('<td>not set → false</td>');
    expect(dry.summary).toContain('Beta App Review: <strong>would be submitted</strong>');
    expect(dry.summary).toContain('<td>Public Testers (to create)</td>');
    expect(dry.summary).toContain('<h3>Planned changes</h3>');
    expect(dry.summary).toContain(
      '<tr><td>Create group</td><td>Public Testers</td><td>external, with build 101 (3.1.0), public link enabled</td></tr>',
    );
    expect(dry.summary).toContain('<td>Invite tester</td><td>ann@example.com</td>');
    expect(dry.summary).toContain(`<a href="${groupPage(app.id, beta.id)}">App Store Connect</a>`);
    expect(dry.summary.trimEnd()).toMatch(
      /<h3>Next<\/h3>\n\n<p>Apply with <code>dry-run: false<\/code>: the real run makes the \d+ changes above\.<\/p>$/,
    );

    // The real run: the new group was created with its build and its link on, in one request.
    const created = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/betaGroups');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({
      data: {
        attributes: { name: 'Public Testers', publicLinkEnabled: true },
        relationships: { builds: { data: [{ type: 'builds', id: build.id }] } },
      },
    });
    const fresh = groupNamed('Public Testers');
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(fresh.id))).toBe(
      false,
    );
    expect(
      planOf(real)
        .filter((op) => op.target === 'Public Testers')
        .map((op) => op.op),
    ).toEqual(['create-group']);
    expect(fresh.buildIds.has(build.id) && fresh.publicLinkEnabled).toBe(true);
    const links = json<Record<string, string>>(real, 'public-links');
    expect(real.summary).toContain(
      '<h2>✅ TestFlight: Scenario App build 101 (3.1.0) — applied</h2>',
    );
    expect(real.summary).toContain(`<p>${real.outputs.changes} changes made.</p>`);
    expect(real.summary).toContain('<td>false (set by this run)</td>');
    expect(real.summary).toContain('<td>Public Testers (created)</td>');
    expect(real.summary).toContain(
      `<a href="${links['Public Testers']}">${links['Public Testers']}</a> · <a href="${groupPage(app.id, fresh.id)}">App Store Connect</a>`,
    );
    expect(real.summary).toContain(
      'Beta App Review: <strong>WAITING_FOR_REVIEW</strong> (submitted by this run)',
    );
    expect(real.summary).toContain(
      '<h3>What happens next</h3>\n\n<p>Beta App Review now has build 101 (3.1.0): the testers of Beta, Public Testers get it once Apple approves it, with no further run needed.</p>',
    );

    // Nothing to change.
    const mark = fake.requests.length;
    const again = await rerun(given);
    expect(mutationsSince(mark)).toEqual([]);
    expect(again.summary).toContain(
      '<h2>☑️ TestFlight: Scenario App build 101 (3.1.0) — nothing to change</h2>',
    );
    expect(again.summary).toContain('Nothing to change: TestFlight already matches the workflow.');
    expect(again.summary).not.toContain('<h3>Changes</h3>');
    expect(again.summary).toContain('Build 101 (3.1.0) is still in Beta App Review');
  });

  it('a failure before any change keeps the build and groups as read, with input names as code', async ({
    scenario,
  }) => {
    const { fake, app, inputs, addGroup, expectFailure } = scenario;
    fake.state.addBuild({ appId: app.id, version: '102', usesNonExemptEncryption: null });
    const beta = addGroup('Beta', { publicLinkEnabled: true });
    const link = `https://testflight.apple.com/join/${beta.publicLinkId}`;
    const run = await runAction(inputs({ 'build-number': '102', groups: 'Beta' }));
    expectFailure(run, /no export compliance answer/);
    expect(run.outputs.changes).toBe('0');
    expect(run.summary).toContain(
      '<h2>❌ TestFlight: Scenario App build 102 (1.0.0) — failed</h2>',
    );
    expect(run.summary).toContain(
      'set <code>uses-non-exempt-encryption</code> to <code>true</code>',
    );
    expect(run.summary).not.toContain('`');
    expect(run.summary).toContain('<p>Nothing was changed.</p>');
    expect(run.summary).toContain('<h3>Build as read</h3>');
    expect(run.summary).toContain('<td>102</td><td>1.0.0</td><td>IOS</td>');
    expect(run.summary).toContain('<h3>Groups as read</h3>');
    expect(run.summary).toContain(
      `<tr><td>Beta</td><td>external</td><td>not in the group</td><td>—</td><td><a href="${link}">${link}</a> · <a href="${groupPage(app.id, beta.id)}">App Store Connect</a></td></tr>`,
    );
  });

  it('a failure after changes lists each change made before it', async ({ scenario }) => {
    const { fake, build, inputs, addGroup, groupNamed, mutationsSince } = scenario;
    // The agreements lapse before the submission, so it is refused after the rest (a hotfix of a version in
    // review is no failure any more: issue 9 skips its submission with a warning).
    fake.faults.add({
      kind: 'forbidden',
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      times: Infinity,
    });
    addGroup('Beta');
    const run = await runAction(
      inputs({ groups: 'Beta', testers: 'ann@example.com', 'feedback-enabled': 'false' }),
    );
    expect(run.code).toBe(1);
    const made = mutationsSince(0).filter((r) => r.status < 300).length;
    expect(made).toBe(3);
    expect(run.outputs.changes).toBe('3');
    expect(run.summary).toContain(
      '<h2>❌ TestFlight: Scenario App build 100 (3.1.0) — failed</h2>',
    );
    expect(run.summary).toContain(
      'App Store Connect refused this API key access (POST /v1/betaAppReviewSubmissions: 403',
    );
    expect(run.summary).toContain('<h3>Changes made before the failure</h3>');
    expect(run.summary).toContain(
      '<p>3 changes were made before the failure; a re-run plans only what is left.</p>',
    );
    for (const row of [
      '<tr><td>Add build</td><td>build 100</td><td>to Beta</td></tr>',
      '<tr><td>Change group settings</td><td>Beta</td><td>feedback on → off</td></tr>',
      '<tr><td>Invite tester</td><td>ann@example.com</td><td>to Beta</td></tr>',
    ]) {
      expect(run.summary).toContain(row);
    }
    expect(run.summary).not.toContain('<td>Submit for review</td>');
    expect(run.summary).toContain(
      '<td>Beta</td><td>external</td><td>not in the group</td><td>0</td>',
    );
    // As read, the build was not in Beta; the change list says it is now, and it is.
    expect(groupNamed('Beta').buildIds.has(build.id)).toBe(true);
  });

  it('a wait that finds the build number under another version fails at once, naming both', async ({
    scenario,
  }) => {
    const { fake, inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta');
    // The default wait is 30 minutes: the run must not spend it on a build that cannot become 3.0.0.
    const run = await runAction(
      inputs({ groups: 'Beta', 'app-version': '3.0.0', 'wait-for-processing': '30' }),
    );
    expectFailure(
      run,
      /Build 100 of Scenario App \(com\.example\.scenarios\) exists as 3\.1\.0 on IOS; you asked for 3\.0\.0/,
    );
    expect(run.stdout).toContain(
      'Looking for build 100 (version 3.0.0) on IOS of Scenario App (com.example.scenarios); waiting up to 30 minutes',
    );
    expect(run.stdout).not.toContain('looking again');
    // The app's builds listing (first round trip, beside the app), the build's look, and the look elsewhere.
    expect(fake.requests.filter((r) => r.path === '/v1/builds')).toHaveLength(3);
    expect(run.summary).toContain('<code>app-version</code> to 3.1.0');
    expect(run.summary).toContain('<p>Nothing was changed.</p>');
  });

  it('a wait that finds the build number on another platform warns at once and waits on', async ({
    scenario,
  }) => {
    const { inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta');
    const run = await runAction(
      inputs({ groups: 'Beta', platform: 'MAC_OS', 'wait-for-processing': '0.02' }),
    );
    expectFailure(
      run,
      /was not found on MAC_OS after waiting 1 s, and build 100 exists as 3\.1\.0 on IOS/,
    );
    const warning = run.stdout.split('\n').findIndex((l) => l.startsWith('::warning::'));
    const wait = run.stdout.split('\n').findIndex((l) => l.includes('looking again'));
    expect(run.stdout.split('\n')[warning]).toContain(
      'Build 100 of Scenario App (com.example.scenarios) exists as 3.1.0 on IOS; you asked for 100 (any version) on MAC_OS',
    );
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(wait);
  });
});

describe('a dry run without a build to submit', () => {
  it('reports the review state the real run would report, not would-submit', async ({
    scenario,
  }) => {
    const { fake, build, inputs, addGroup } = scenario;
    addGroup('Beta', { buildIds: [build.id] });
    fake.state.addReviewSubmission({ buildId: build.id, state: 'IN_REVIEW' });
    const dry = await runAction(inputs({ groups: 'Beta', 'dry-run': 'true' }));
    expectOk(dry);
    expect(dry.outputs['review-state']).toBe('IN_REVIEW');
    expect(dry.summary).toContain('Nothing to change');
    expect(dry.summary).not.toContain('Apply with');
  });
});
