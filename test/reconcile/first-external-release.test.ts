// A first external release through reconcile(), the real client and the fake over loopback: Test Information
// read with the app and written before the submission, export compliance from a declaration, old builds
// expired, and Apple's team-wide tester cap named when it refuses what this app's count allowed.
import { describe, expect } from 'vitest';
import { reconcile, ReconcileError, type DesiredState } from '../../src/reconcile/index.js';
import { TEST_START } from '../helpers/clock.js';
import {
  desiredGroup,
  desiredState,
  inputTestInformation,
  noTestInformation,
  reconcileTarget,
} from '../helpers/factories.js';
import { rejectionMessage } from '../helpers/failures.js';
import { integrationTest, reconcileDeps, type ClientAndFake } from '../helpers/integration.js';

const DAY = 86400_000;

/** Example with no Test Information at all, build 42 (1.2.0) and the external group Beta. */
async function freshApp(started: ClientAndFake) {
  const { fake, api, clock } = started;
  const app = fake.state.addApp({
    bundleId: 'com.example.app',
    name: 'Example',
    primaryLocale: 'de-DE',
  });
  const build = fake.state.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: TEST_START - DAY,
  });
  fake.state.addGroup({ appId: app.id, name: 'Beta' });
  const warnings: string[] = [];
  const run = (desired: Partial<DesiredState>) =>
    reconcile(reconcileTarget(), desiredState(desired), api, reconcileDeps(clock, { warnings }), {
      dryRun: false,
    });
  const changing = (from = 0) =>
    fake.requests
      .slice(from)
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`);
  return { ...started, app, build, warnings, run, changing };
}

const it = integrationTest.extend<{ start: () => ReturnType<typeof freshApp> }>({
  start: async ({ startClientAndFake }, use) => {
    await use(async () => freshApp(await startClientAndFake()));
  },
});

const INPUTS = inputTestInformation();

describe('a first external release', () => {
  it('writes the Test Information Apple needs, then submits; a re-run changes nothing', async ({
    start,
  }) => {
    const w = await start();
    const result = await w.run({ testInformation: INPUTS });
    expect(result.reviewState).toBe('WAITING_FOR_REVIEW');
    const detail = w.fake.state.reviewDetails.get(w.app.id)!;
    // Test Information (one stage, side by side) before the build goes to the group and to review.
    const changing = w.changing();
    expect(changing.slice(0, 2).sort()).toEqual(
      ['POST /v1/betaAppLocalizations', `PATCH /v1/betaAppReviewDetails/${detail.id}`].sort(),
    );
    expect(changing.slice(2)).toEqual([
      `POST /v1/builds/${w.build.id}/relationships/betaGroups`,
      'POST /v1/betaAppReviewSubmissions',
    ]);
    expect([...w.fake.state.betaAppLocalizations.values()]).toMatchObject([
      {
        locale: 'de-DE',
        description: 'A beta of the app.',
        feedbackEmail: 'beta@example.com',
      },
    ]);
    expect(detail).toMatchObject({
      contactPhone: '+1 555 0100',
      demoAccountName: 'reviewer',
      demoAccountPassword: 'pw-1234',
      demoAccountRequired: true,
    });
    // Test Information and the groups came with the app: no read of their own.
    const reads = w.fake.requests.filter((r) => r.method === 'GET');
    expect(reads[0]).toMatchObject({ path: '/v1/apps' });
    expect(reads.filter((r) => /betaApp(Localization|ReviewDetail)s?$/.test(r.path))).toEqual([]);
    // The groups holding the build came with the app's builds: no read of their own either.
    expect(reads.filter((r) => r.path === '/v1/betaGroups')).toEqual([]);
    expect(reads.filter((r) => r.path === '/v1/builds').map((r) => r.query.include)).toEqual([
      expect.stringContaining('betaGroups'),
    ]);

    const before = w.fake.requests.length;
    const again = await w.run({ testInformation: INPUTS });
    expect([again.changes, again.plan]).toEqual([0, []]);
    expect(w.changing(before)).toEqual([]);
    expect(again.testInformation.map((f) => [f.field, f.changed])).toEqual([
      ['Beta app description (de-DE)', false],
      ['Feedback email (de-DE)', false],
      ['Review contact', false],
      ['Review notes', false],
      ['Demo account', false],
    ]);
  });

  it('fails before any change when the review would lack Test Information', async ({ start }) => {
    const w = await start();
    expect(await rejectionMessage(w.run({}), ReconcileError)).toMatch(
      /^Build 42 \(1\.2\.0\) would be submitted for Beta App Review, but the Test Information of Example \(com\.example\.app\) lacks the beta app description \(de-DE\), /,
    );
    expect(w.changing()).toEqual([]);
  });

  it('answers export compliance with the approved declaration, before the build goes to the group', async ({
    start,
  }) => {
    const w = await start();
    const build = w.fake.state.addBuild({
      appId: w.app.id,
      version: '43',
      marketingVersion: '1.2.0',
      usesNonExemptEncryption: null,
    });
    const declaration = w.fake.state.addEncryptionDeclaration({ appId: w.app.id });
    const desired: Partial<DesiredState> = {
      testInformation: INPUTS,
      encryptionDeclaration: 'auto',
      submitForReview: 'never',
    };
    const target = { build: { number: '43', marketingVersion: null } };
    const result = await reconcile(
      reconcileTarget(target),
      desiredState(desired),
      w.api,
      {
        now: w.clock.now,
        sleep: w.clock.sleep,
        log: () => {},
        warn: () => {},
        phase: (_n, p) => p(),
      },
      { dryRun: false },
    );
    expect(result.build?.usesNonExemptEncryption).toBe(false);
    const changing = w.changing();
    expect(
      changing.indexOf(`POST /v1/appEncryptionDeclarations/${declaration.id}/relationships/builds`),
    ).toBeLessThan(changing.indexOf(`POST /v1/builds/${build.id}/relationships/betaGroups`));
  });

  it('expires all but the newest builds once the new one is distributed', async ({ start }) => {
    const w = await start();
    const older = [2, 3, 4].map((days, i) =>
      w.fake.state.addBuild({
        appId: w.app.id,
        version: String(40 - i),
        marketingVersion: i === 1 ? '1.1.0' : '1.2.0',
        uploadedAt: TEST_START - days * DAY,
      }),
    );
    const desired = {
      testInformation: INPUTS,
      expiry: { keepBuilds: 2, warningDays: 14 },
    };
    const result = await w.run(desired);
    expect(result.expiredBuilds).toEqual(['39', '38']);
    expect(older.map((b) => w.fake.state.builds.get(b.id)!.expired)).toEqual([false, true, true]);
    // Last, once the new build is distributed; the two PATCHes of that stage run side by side.
    expect(w.changing().slice(-2).sort()).toEqual(
      [`PATCH /v1/builds/${older[1]!.id}`, `PATCH /v1/builds/${older[2]!.id}`].sort(),
    );
    expect(result.groupExpiry).toEqual([
      {
        name: 'Beta',
        newestBuild: { number: '42', marketingVersion: '1.2.0' },
        expiresAt: new Date(TEST_START + 89 * DAY).toISOString(),
        daysLeft: 89,
      },
    ]);
    expect(result.expiresAt).toBe(new Date(TEST_START + 89 * DAY).toISOString());
    const again = await w.run(desired);
    expect([again.changes, again.expiredBuilds]).toEqual([0, []]);
  });
});

describe('tester caps Apple counts beyond this app', () => {
  it("names the team-wide internal cap when Apple refuses what this app's groups allowed", async ({
    start,
  }) => {
    const w = await start();
    const other = w.fake.state.addApp({ bundleId: 'com.example.other', name: 'Other' });
    const full = w.fake.state.addGroup({ appId: other.id, name: 'Other QA', isInternal: true });
    for (let i = 0; i < 100; i++) {
      const email = `member${i}@example.com`;
      w.fake.state.addTeamMember(email);
      full.testerIds.add(w.fake.state.addTester({ email, appIds: [other.id] }).id);
    }
    w.fake.state.addGroup({ appId: w.app.id, name: 'QA', isInternal: true });
    w.fake.state.addTeamMember('new@example.com');
    const message = await rejectionMessage(
      w.run({
        groups: [desiredGroup('QA', { testers: [{ email: 'new@example.com' }] })],
        testInformation: noTestInformation(),
      }),
      ReconcileError,
    );
    expect(message).toMatch(
      /^App Store Connect refused to add new@example\.com to QA because TestFlight's limit of 100 internal testers per team is reached \(.*\); the action counted only this app's groups, and Apple also counts the internal groups of the team's other apps: remove testers there, then re-run the job to finish the rest\.$/,
    );
  });

  it("counts the app's external testers from its tester read, reading no group's members", async ({
    start,
  }) => {
    const w = await start();
    w.fake.state.addGroup({ appId: w.app.id, name: 'Public' });
    const result = await w.run({
      groups: [desiredGroup('Beta', { testers: [{ email: 'new@example.com' }] })],
      testInformation: INPUTS,
    });
    expect(result.testersAdded).toBe(1);
    const testerReads = w.fake.requests.filter(
      (r) => r.method === 'GET' && /betaTesters/.test(r.path),
    );
    // The app's testers with their groups (one page, which counts them), then the listed tester the app does
    // not know, looked up team-wide: no count of its own, no group's member list.
    expect(
      testerReads.map((r) => [
        r.path,
        r.query['filter[apps]'] ?? null,
        r.query['filter[email]'] ?? null,
      ]),
    ).toEqual([
      ['/v1/betaTesters', w.app.id, null],
      ['/v1/betaTesters', null, 'new@example.com'],
    ]);
  });
});
