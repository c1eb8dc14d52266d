// Scenarios through the contract: waiting for Beta App Review (approved, rejected, out of time, a hotfix of a
// version in review) and build expiry (keep-builds, the per-group report, a scheduled run without a build).
// The fake's reviewer acts on the submission as soon as it arrives; the waits are seconds, in real time.
import { describe, expect } from 'vitest';
import type { FakeReviewState } from '../../fake-asc/index.js';
import { expectOneErrorSentence } from '../fixtures.js';
import { runAction } from '../run-action.js';
import {
  expectOk,
  json,
  planOf,
  scenarioTest as it,
  soloKey,
  teamKey,
  type Inputs,
  type ScenarioWorld,
} from './scenario-test.js';

/** Three seconds: one poll of the review, at the end of the wait. */
const SHORT_WAIT = '0.05';
const DAY = 86400_000;

describe('wait-for-review', () => {
  /** The reviewer decides as soon as the submission arrives. */
  const decides = ({ fake, afterEachAnswer }: ScenarioWorld, state: FakeReviewState) =>
    afterEachAnswer((entry) => {
      if (entry.method !== 'POST' || entry.path !== '/v1/betaAppReviewSubmissions') return;
      for (const s of fake.state.reviewSubmissions.values()) s.state = state;
    });
  /** Build 100 (auto-notify off) for Public Beta, approved on submission: inputs that wait and notify. */
  const approvedWithNotification = (scenario: ScenarioWorld): Inputs => {
    scenario.build.autoNotifyEnabled = false;
    scenario.addGroup('Public Beta');
    decides(scenario, 'APPROVED');
    return scenario.inputs({
      groups: 'Public Beta',
      'wait-for-review': SHORT_WAIT,
      'notify-testers': 'true',
    });
  };

  it('approved: review-state APPROVED, the testers notified after it; the re-run changes nothing', async ({
    scenario,
  }) => {
    const { fake, build, twice } = scenario;
    const { first } = await twice(approvedWithNotification(scenario));
    expect(first.outputs['review-state']).toBe('APPROVED');
    expect(first.outputs.changes).toBe('3');
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    const submitted = paths.indexOf('POST /v1/betaAppReviewSubmissions');
    const polled = paths.indexOf(`GET /v1/builds/${build.id}`, submitted);
    expect(submitted).toBeGreaterThan(0);
    expect(polled).toBeGreaterThan(submitted);
    expect(paths.indexOf('POST /v1/buildBetaNotifications')).toBeGreaterThan(polled);
    expect(first.stdout).toContain('::group::Waiting for Beta App Review');
  }, 30_000);

  it('a dry run plans the notification the approval sends, and does not wait', async ({
    scenario,
  }) => {
    const { mutationsSince } = scenario;
    const given = approvedWithNotification(scenario);
    const dry = await runAction({ ...given, 'dry-run': 'true' });
    expectOk(dry);
    expect(mutationsSince(0)).toEqual([]);
    expect(dry.stdout).not.toContain('Waiting for Beta App Review');
    const real = await runAction(given);
    expectOk(real);
    expect(planOf(dry)).toEqual(planOf(real));
    expect(dry.outputs.changes).toBe(real.outputs.changes);
  }, 30_000);

  it('rejected: exit 1 with a sentence that says where to read why', async ({ scenario }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Public Beta');
    decides(scenario, 'REJECTED');
    const run = await runAction(inputs({ groups: 'Public Beta', 'wait-for-review': SHORT_WAIT }));
    expectOneErrorSentence(
      run,
      /^::error::Beta App Review rejected build 100 \(3\.1\.0\) of Scenario App \(com\.example\.scenarios\): read Apple's reasons in App Store Connect/,
      [teamKey, soloKey],
    );
    // The build went to the group and was submitted before the outcome: the summary says so.
    expect(run.outputs.changes).toBe('2');
  }, 30_000);

  it('out of time: a warning, the state last seen, no failure', async ({ scenario }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Public Beta');
    decides(scenario, 'IN_REVIEW');
    const run = await runAction(inputs({ groups: 'Public Beta', 'wait-for-review': SHORT_WAIT }));
    expectOk(run);
    expect(run.outputs['review-state']).toBe('IN_REVIEW');
    expect(run.stdout).toMatch(
      /::warning::Beta App Review of build 100 \(3\.1\.0\) of Scenario App \(com\.example\.scenarios\) is still IN_REVIEW after waiting 0\.05 minutes/,
    );
  }, 30_000);

  it('a hotfix whose version has a build in review: a warning and review-state skipped', async ({
    scenario,
  }) => {
    const { fake, app, inputs, twice, addGroup } = scenario;
    const inReview = fake.state.addBuild({
      appId: app.id,
      version: '99',
      marketingVersion: '3.1.0',
      uploadedAt: Date.now() - DAY,
    });
    fake.state.addReviewSubmission({ buildId: inReview.id, state: 'WAITING_FOR_REVIEW' });
    addGroup('Public Beta');
    const { first } = await twice(inputs({ groups: 'Public Beta', 'wait-for-review': SHORT_WAIT }));
    expect(first.outputs['review-state']).toBe('skipped');
    expect(first.stdout).toContain(
      '::warning::Build 100 (3.1.0) was not submitted for Beta App Review because build 99 (3.1.0) of the same version is already waiting for review',
    );
    expect(
      fake.requests.filter((r) => r.path === '/v1/betaAppReviewSubmissions' && r.method === 'POST'),
    ).toEqual([]);
  }, 30_000);
});

describe('expiry', () => {
  it('keep-builds expires all but the newest, this run counted; the re-run and dry run agree', async ({
    scenario,
  }) => {
    const { fake, app, build, inputs, rerun, dryThenReal, addGroup } = scenario;
    // Apple's dates have whole seconds.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const old = [1, 2, 3].map((days, i) =>
      fake.state.addBuild({
        appId: app.id,
        version: String(99 - i),
        marketingVersion: i === 1 ? '3.0.0' : '3.1.0',
        uploadedAt: now - days * DAY,
      }),
    );
    build.uploadedAt = now - 3600_000;
    fake.state.addReviewSubmission({ buildId: old[0]!.id, state: 'APPROVED' });
    addGroup('Beta', { buildIds: [old[0]!.id] });
    const given = inputs({ groups: 'Beta', 'keep-builds': '2', 'submit-for-review': 'false' });
    const { real } = await dryThenReal(given);
    expect(json(real, 'expired-builds')).toEqual(['98', '97']);
    expect(old.map((b) => fake.state.builds.get(b.id)!.expired)).toEqual([false, true, true]);
    expect(real.outputs['expires-at']).toBe(new Date(build.uploadedAt + 90 * DAY).toISOString());
    expect(real.summary).toContain(
      '<p>Expired (<code>keep-builds</code>): build 98, build 97.</p>',
    );
    const second = await rerun(given);
    expect(json(second, 'expired-builds')).toEqual([]);
  });

  it('a scheduled run without build-number reports each group and warns before expiry', async ({
    scenario,
  }) => {
    const { fake, app, build, inputs, rerun, addGroup } = scenario;
    const now = Date.now();
    build.uploadedAt = now - 80 * DAY;
    const newer = fake.state.addBuild({ appId: app.id, version: '101', uploadedAt: now - 5 * DAY });
    addGroup('Beta', { buildIds: [build.id] });
    addGroup('Public', { buildIds: [newer.id] });
    addGroup('Empty');
    const run = await rerun(inputs({ 'build-number': '', groups: 'Beta, Public, Empty' }));
    expect(run.outputs['expires-at']).toBe('');
    expect(run.summary).toContain('<h3>Build expiry</h3>');
    expect(run.summary).toMatch(
      /<tr><td>Beta<\/td><td>100 \(3\.1\.0\)<\/td><td>[\d-]+<\/td><td>9<\/td><\/tr>/,
    );
    expect(run.summary).toMatch(
      /<tr><td>Public<\/td><td>101 \([\d.]+\)<\/td><td>[\d-]+<\/td><td>84<\/td><\/tr>/,
    );
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning::The newest build of group Beta, 100 \(3\.1\.0\), expires in 9 days \([\d-]+\), within `expiry-warning-days` \(14\)/,
      ),
      '::warning::Group Empty holds no unexpired build, so its testers have nothing to test and its public link admits no one: distribute a new build to it.',
    ]);
    const quiet = await rerun(
      inputs({ 'build-number': '', groups: 'Beta, Public', 'expiry-warning-days': '5' }),
    );
    expect(quiet.stdout).not.toContain('::warning::');
  });
});
