// The client's calls for a first external release against the fake: the app with its groups, Test Information
// and declarations in one request (and the lists past the include's cap read in full), the app's builds, the
// Test Information writes, declaration assignment, expiry, the team and the tester count.
import { describe, expect } from 'vitest';
import { integrationTest as it, type StartWithApp } from '../helpers/integration.js';

const GET = (path: string) => (r: { method: string; path: string }) =>
  r.method === 'GET' && r.path === path;

async function seeded(startWithApp: StartWithApp, ...args: Parameters<StartWithApp>) {
  const setup = await startWithApp(...args);
  const st = setup.fake.state;
  st.addGroup({ appId: setup.app.id, name: 'Beta' });
  st.addGroup({ appId: setup.app.id, name: 'Team', isInternal: true });
  const declaration = st.addEncryptionDeclaration({ appId: setup.app.id });
  return { ...setup, st, declaration };
}

describe('readApp', () => {
  it('reads the app, its groups, Test Information and declarations in one request, by ID or bundle ID', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    const byId = await s.api.readApp({ appId: s.app.id });
    expect(s.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/apps/${s.app.id}`,
    ]);
    expect(s.fake.requests[0]!.query).toMatchObject({
      include:
        'betaGroups,betaAppLocalizations,appEncryptionDeclarations,betaAppReviewDetail,betaLicenseAgreement',
      'limit[betaGroups]': '50',
    });
    const detail = s.st.reviewDetails.get(s.app.id)!;
    expect(byId).toEqual({
      app: { id: s.app.id, bundleId: 'com.example.app', name: 'Example' },
      primaryLocale: 'en-US',
      groups: [
        expect.objectContaining({ name: 'Beta', isInternal: false }),
        expect.objectContaining({ name: 'Team', isInternal: true }),
      ],
      betaAppLocalizations: [
        {
          id: expect.any(String) as string,
          locale: 'en-US',
          description: 'A beta of the app, for testers outside the team.',
          feedbackEmail: 'beta-feedback@example.com',
          marketingUrl: 'https://example.com',
          privacyPolicyUrl: 'https://example.com/privacy',
        },
      ],
      reviewDetail: {
        id: detail.id,
        contactFirstName: 'Jane',
        contactLastName: 'Appleseed',
        contactEmail: 'jane@example.com',
        contactPhone: '+1 555 0100',
        demoAccountName: null,
        demoAccountPassword: null,
        demoAccountRequired: false,
        notes: null,
      },
      licenseAgreement: { id: s.st.licenseAgreements.get(s.app.id)!.id, agreementText: null },
      encryptionDeclarations: [
        {
          id: s.declaration.id,
          platform: 'IOS',
          state: 'APPROVED',
          usesEncryption: true,
          exempt: true,
        },
      ],
    });
    const before = s.fake.requests.length;
    expect(await s.api.readApp({ bundleId: 'com.example.app' })).toEqual(byId);
    expect(s.fake.requests.slice(before).map((r) => r.path)).toEqual(['/v1/apps']);
    expect(await s.api.readApp({ bundleId: 'com.example' })).toBeNull();
    expect(await s.api.readApp({ appId: '999' })).toBeNull();
  });

  it('reads groups and localizations past the include cap of 50 from their own lists', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    for (let i = 0; i < 60; i++) s.st.addGroup({ appId: s.app.id, name: `Group ${i}` });
    const locales = Array.from(
      { length: 50 },
      (_, i) => `x${String.fromCharCode(97 + (i % 26))}-${i}`,
    );
    s.st.setTestInformation(s.app.id, {
      locales: Object.fromEntries(locales.map((l) => [l, { description: l }])),
    });
    const app = await s.api.readApp({ appId: s.app.id });
    expect(app?.groups).toHaveLength(62);
    expect(app?.betaAppLocalizations).toHaveLength(51);
    expect(s.fake.requests.filter(GET('/v1/betaGroups'))).toHaveLength(1);
    expect(s.fake.requests.filter(GET('/v1/betaAppLocalizations'))).toHaveLength(1);
    // The declarations fit: no second request for them.
    expect(s.fake.requests.filter(GET('/v1/appEncryptionDeclarations'))).toHaveLength(0);
  });
});

describe('builds of the app, review polls and expiry', () => {
  it('lists unexpired builds of the platform, newest first, with their groups and latest review', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    const now = s.clock.now();
    const group = [...s.st.groups.values()].find((g) => g.name === 'Beta')!;
    const old = s.st.addBuild({ appId: s.app.id, version: '40', uploadedAt: now - 3 * 86400_000 });
    const newer = s.st.addBuild({
      appId: s.app.id,
      version: '41',
      marketingVersion: '1.1.0',
      uploadedAt: now - 86400_000,
    });
    s.st.addBuild({ appId: s.app.id, version: '39', uploadedAt: now - 91 * 86400_000 });
    s.st.addBuild({ appId: s.app.id, version: '9', platform: 'MAC_OS', uploadedAt: now });
    group.buildIds.add(old.id);
    s.st.addReviewSubmission({ buildId: newer.id, state: 'IN_REVIEW' });
    const builds = await s.api.listAppBuilds(s.app.id, 'IOS');
    expect(builds.map((b) => [b.number, b.marketingVersion, b.groupIds, b.reviewState])).toEqual([
      ['41', '1.1.0', [], 'IN_REVIEW'],
      ['40', expect.any(String), [group.id], null],
    ]);
    expect(builds[1]!.expirationDate).toBe(new Date(old.uploadedAt + 90 * 86400_000).toISOString());

    expect(await s.api.getBuildReview(newer.id)).toMatchObject({
      reviewState: 'IN_REVIEW',
      build: { id: newer.id, number: '41', betaDetail: { externalBuildState: 'IN_BETA_REVIEW' } },
    });
    await s.api.expireBuild(old.id);
    expect(s.st.builds.get(old.id)?.expired).toBe(true);
    expect((await s.api.listAppBuilds(s.app.id, 'IOS')).map((b) => b.number)).toEqual(['41']);
  });

  it('answers export compliance by assigning an approved declaration', async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    const build = s.st.addBuild({ appId: s.app.id, version: '42', usesNonExemptEncryption: null });
    await s.api.assignEncryptionDeclaration(s.declaration.id, build.id);
    expect(s.st.builds.get(build.id)).toMatchObject({
      encryptionDeclarationId: s.declaration.id,
      usesNonExemptEncryption: false,
    });
    expect((await s.api.getBuild(build.id)).usesNonExemptEncryption).toBe(false);
  });
});

describe('Test Information writes', () => {
  it('creates and updates a localization, patches the review detail and the license agreement', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    const created = await s.api.createBetaAppLocalization(s.app.id, 'fr-FR', {
      description: 'Une bêta.',
      feedbackEmail: 'beta@example.com',
    });
    expect(created).toMatchObject({ locale: 'fr-FR', description: 'Une bêta.' });
    await s.api.updateBetaAppLocalization(created.id, { marketingUrl: 'https://example.com/fr' });
    expect(s.st.betaAppLocalizations.get(created.id)).toMatchObject({
      description: 'Une bêta.',
      marketingUrl: 'https://example.com/fr',
    });
    const detail = s.st.reviewDetails.get(s.app.id)!;
    await s.api.updateReviewDetail(detail.id, {
      demoAccountName: 'reviewer',
      demoAccountPassword: 'pw',
      demoAccountRequired: true,
      notes: 'Hello',
    });
    expect(s.st.reviewDetails.get(s.app.id)).toMatchObject({
      demoAccountName: 'reviewer',
      demoAccountPassword: 'pw',
      demoAccountRequired: true,
      notes: 'Hello',
      contactFirstName: 'Jane',
    });
    await s.api.updateLicenseAgreement(s.st.licenseAgreements.get(s.app.id)!.id, 'Terms.');
    expect(s.st.licenseAgreements.get(s.app.id)?.agreementText).toBe('Terms.');
    expect(s.api.changingCalls).toBe(4);
  });

  it('reads a localization back instead of creating a twin when the answer was lost', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    s.fake.faults.add({ kind: 'reset-after', method: 'POST', path: '/v1/betaAppLocalizations' });
    const created = await s.api.createBetaAppLocalization(s.app.id, 'de-DE', {
      description: 'Beta.',
    });
    expect(created.locale).toBe('de-DE');
    expect(
      [...s.st.betaAppLocalizations.values()].filter((l) => l.locale === 'de-DE'),
    ).toHaveLength(1);
  });
});

describe('the team and the app testers', () => {
  it('finds team members among emails in batches, without regard to case', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    s.st.addTeamMember('Jane@Example.com');
    s.st.addTeamMember('member70@example.com');
    const emails = [
      'jane@example.com',
      ...Array.from({ length: 119 }, (_, i) => `member${i}@example.com`),
    ];
    expect((await s.api.findTeamMembers(emails))?.sort()).toEqual([
      'jane@example.com',
      'member70@example.com',
    ]);
    expect(s.fake.requests.filter(GET('/v1/users'))).toHaveLength(3);
  });

  it('answers null when the key may not list the team', async ({ startWithApp }) => {
    const s = await seeded(startWithApp, {}, { keyRole: { canListUsers: false } });
    expect(await s.api.findTeamMembers(['jane@example.com'])).toBeNull();
    expect(await s.api.findTeamMembers([])).toEqual([]);
  });

  it("counts the app's testers in one request", async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    for (let i = 0; i < 3; i++) s.st.addTester({ email: `t${i}@example.com`, appIds: [s.app.id] });
    expect(await s.api.countAppTesters(s.app.id)).toBe(3);
    expect(s.fake.requests.filter(GET('/v1/betaTesters'))).toHaveLength(1);
  });
});
