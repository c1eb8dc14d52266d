// Test Information as Apple serves it: beta app localizations (one per app and locale), the one review
// detail and license agreement of each app, and the app read with all of them folded in.
import { describe, expect, it } from 'vitest';
import { harnessPerTest, type Harness } from './fake-harness.js';
import type { FakeApp, FakeState } from './types.js';

let h: Harness;
const { withApp } = harnessPerTest((started) => (h = started));

const createLocalization = (appId: string, attributes: Record<string, unknown>) =>
  h.call('POST', '/v1/betaAppLocalizations', {
    data: {
      type: 'betaAppLocalizations',
      attributes,
      relationships: { app: { data: { type: 'apps', id: appId } } },
    },
  });

const ids = (body: { data: { id: string }[] }) => body.data.map((r) => r.id);

describe('beta app localizations', () => {
  it('creates, lists by app and locale, reads, updates and deletes; one per app and locale', async () => {
    const { st, app } = await withApp();
    const other = st.addApp({ bundleId: 'com.example.other' });
    const created = await createLocalization(app.id, { locale: 'en-US', description: 'Beta' });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    // Unset fields are null, keys kept (Apple's habit; the fake's null list allows them).
    expect(created.body.data.attributes).toEqual({
      locale: 'en-US',
      description: 'Beta',
      feedbackEmail: null,
      marketingUrl: null,
      privacyPolicyUrl: null,
      tvOsPrivacyPolicy: null,
    });
    const duplicate = await createLocalization(app.id, { locale: 'en-US' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0]).toMatchObject({
      code: 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      source: { pointer: '/data/attributes/locale' },
    });
    expect((await createLocalization(other.id, { locale: 'en-US' })).status).toBe(201);
    const de = (await createLocalization(app.id, { locale: 'de-DE' })).body.data.id;
    expect(ids((await h.get(`/v1/betaAppLocalizations?filter[app]=${app.id}`)).body)).toEqual([
      id,
      de,
    ]);
    expect(
      ids(
        (await h.get(`/v1/betaAppLocalizations?filter[app]=${app.id}&filter[locale]=de-DE`)).body,
      ),
    ).toEqual([de]);
    expect(ids((await h.get(`/v1/apps/${app.id}/betaAppLocalizations`)).body)).toEqual([id, de]);
    const patched = await h.call('PATCH', `/v1/betaAppLocalizations/${id}`, {
      data: {
        type: 'betaAppLocalizations',
        id,
        attributes: { feedbackEmail: 'qa@example.com', description: null },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.attributes).toMatchObject({
      feedbackEmail: 'qa@example.com',
      description: null,
    });
    const read = await h.get(`/v1/betaAppLocalizations/${id}?include=app`);
    expect(read.body.data.relationships.app.data).toEqual({ type: 'apps', id: app.id });
    expect(read.body.included.map((r: { id: string }) => r.id)).toEqual([app.id]);
    expect((await h.call('DELETE', `/v1/betaAppLocalizations/${de}`)).status).toBe(204);
    expect((await h.get(`/v1/betaAppLocalizations/${de}`)).status).toBe(404);
    expect(h.fake.violations).toEqual([]);
  });

  it('refuses an unknown app, a bad locale, and a locale changed by PATCH', async () => {
    const { app } = await withApp();
    const unknown = await createLocalization('9999999999', { locale: 'en-US' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.errors[0].code).toBe('ENTITY_ERROR.RELATIONSHIP.INVALID');
    expect((await createLocalization(app.id, { locale: 'English' })).status).toBe(409);
    const id = (await createLocalization(app.id, { locale: 'en-US' })).body.data.id;
    const relocate = await h.call('PATCH', `/v1/betaAppLocalizations/${id}`, {
      data: { type: 'betaAppLocalizations', id, attributes: { locale: 'fr-FR' } },
    });
    expect(relocate.status).toBe(409);
    expect(relocate.body.errors[0].code).toBe('ENTITY_ERROR.ATTRIBUTE.UNKNOWN');
  });
});

describe('beta app review details and license agreements', () => {
  it('has one review detail per app, read through the app or filter[app], changed only by PATCH', async () => {
    const { st, app } = await withApp();
    const other = st.addApp({ bundleId: 'com.example.other' });
    const viaApp = await h.get(`/v1/apps/${app.id}/betaAppReviewDetail`);
    expect(viaApp.status).toBe(200);
    const id = viaApp.body.data.id;
    expect(viaApp.body.data.attributes).toEqual({
      contactFirstName: null,
      contactLastName: null,
      contactPhone: null,
      contactEmail: null,
      demoAccountName: null,
      demoAccountPassword: null,
      demoAccountRequired: false,
      notes: null,
    });
    expect(ids((await h.get(`/v1/betaAppReviewDetails?filter[app]=${app.id}`)).body)).toEqual([id]);
    expect(
      (await h.get(`/v1/betaAppReviewDetails?filter[app]=${other.id}`)).body.data[0].id,
    ).not.toBe(id);
    // The spec makes filter[app] required, and has no POST or DELETE.
    expect((await h.get('/v1/betaAppReviewDetails')).status).toBe(400);
    expect((await h.call('DELETE', `/v1/betaAppReviewDetails/${id}`)).status).toBe(405);
    const patched = await h.call('PATCH', `/v1/betaAppReviewDetails/${id}`, {
      data: {
        type: 'betaAppReviewDetails',
        id,
        attributes: { contactFirstName: 'Jane', demoAccountRequired: true, notes: 'Tap Start' },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.attributes).toMatchObject({
      contactFirstName: 'Jane',
      demoAccountRequired: true,
      notes: 'Tap Start',
    });
    const read = await h.get(`/v1/betaAppReviewDetails/${id}?include=app`);
    expect(read.body.data.relationships.app.data).toEqual({ type: 'apps', id: app.id });
    // The two refused requests above are the only violations: the fake's answers all fit the spec.
    expect(h.fake.violations.map((v) => `${v.direction} ${v.method}`)).toEqual([
      'request GET',
      'request DELETE',
    ]);
  });

  it('has one license agreement per app; PATCH sets and clears agreementText', async () => {
    const { app } = await withApp();
    const viaApp = await h.get(`/v1/apps/${app.id}/betaLicenseAgreement`);
    const id = viaApp.body.data.id;
    expect(viaApp.body.data.attributes).toEqual({ agreementText: null });
    expect(ids((await h.get(`/v1/betaLicenseAgreements?filter[app]=${app.id}`)).body)).toEqual([
      id,
    ]);
    const patch = (agreementText: string | null) =>
      h.call('PATCH', `/v1/betaLicenseAgreements/${id}`, {
        data: { type: 'betaLicenseAgreements', id, attributes: { agreementText } },
      });
    expect((await patch('Testing only.')).body.data.attributes.agreementText).toBe('Testing only.');
    expect(
      (await h.get(`/v1/betaLicenseAgreements/${id}`)).body.data.attributes.agreementText,
    ).toBe('Testing only.');
    expect((await patch(null)).body.data.attributes.agreementText).toBeNull();
    const wrongId = await h.call('PATCH', `/v1/betaLicenseAgreements/${id}`, {
      data: { type: 'betaLicenseAgreements', id: app.id, attributes: { agreementText: 'x' } },
    });
    expect(wrongId.status).toBe(409);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('the app with its TestFlight information folded in', () => {
  it('includes groups, localizations, review detail, declarations and license agreement, with limit[…] caps', async () => {
    const { st, app } = await withApp();
    for (let i = 0; i < 12; i++) st.addGroup({ appId: app.id, name: `Group ${i}` });
    st.setTestInformation(app.id, {
      locales: { 'en-US': { description: 'Beta' }, 'de-DE': { description: 'Beta (de)' } },
      licenseAgreement: 'Testing only.',
    });
    const declaration = st.addEncryptionDeclaration({ appId: app.id });
    const include =
      'betaGroups,betaAppLocalizations,betaAppReviewDetail,appEncryptionDeclarations,betaLicenseAgreement';
    const r = await h.get(`/v1/apps/${app.id}?include=${include}&limit[betaAppLocalizations]=1`);
    expect(r.status).toBe(200);
    const rel = r.body.data.relationships;
    // An included to-many relationship carries 10 linkages unless limit[…] says otherwise.
    expect(rel.betaGroups.data).toHaveLength(10);
    expect(rel.betaGroups.meta.paging).toEqual({ total: 12, limit: 10 });
    expect(rel.betaAppLocalizations.data).toHaveLength(1);
    expect(rel.betaAppLocalizations.meta.paging).toEqual({ total: 2, limit: 1 });
    expect(rel.appEncryptionDeclarations.data).toEqual([
      { type: 'appEncryptionDeclarations', id: declaration.id },
    ]);
    expect(rel.betaAppReviewDetail.data.id).toBe(st.reviewDetails.get(app.id)!.id);
    expect(rel.betaLicenseAgreement.data.id).toBe(st.licenseAgreements.get(app.id)!.id);
    const types = r.body.included.map((x: { type: string }) => x.type);
    expect(new Set(types)).toEqual(
      new Set([
        'betaGroups',
        'betaAppLocalizations',
        'betaAppReviewDetails',
        'appEncryptionDeclarations',
        'betaLicenseAgreements',
      ]),
    );
    expect(types.filter((t: string) => t === 'betaGroups')).toHaveLength(10);
    // Apple caps limit[…] of an included relationship at 50.
    const over = await h.get(`/v1/apps/${app.id}?include=betaGroups&limit[betaGroups]=51`);
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({
      code: 'PARAMETER_ERROR.INVALID',
      source: { parameter: 'limit[betaGroups]' },
    });
    expect(h.fake.violations.filter((v) => v.direction === 'response')).toEqual([]);
  });
});
