// Beta App Review refuses a submission, with Apple's texts, until the build may go outside the team and the
// app's Test Information is complete.
import { afterEach, describe, expect, it } from 'vitest';
import { completeTestInformation } from './app-information.js';
import { DEMO_APP_ID, DEMO_NEW_APP_ID } from './demo.js';
import { startHarness, type Harness } from './fake-harness.js';
import type { FakeApp, FakeState } from './types.js';

let h: Harness;
afterEach(async () => {
  await h.fake.close();
});

async function withApp(): Promise<{ st: FakeState; app: FakeApp; buildId: string }> {
  h = await startHarness();
  const st = h.fake.state;
  const app = st.addApp({ bundleId: 'com.example.app' });
  const build = st.addBuild({ appId: app.id, version: '1' });
  return { st, app, buildId: build.id };
}

const submit = (buildId: string) =>
  h.call('POST', '/v1/betaAppReviewSubmissions', {
    data: {
      type: 'betaAppReviewSubmissions',
      relationships: { build: { data: { type: 'builds', id: buildId } } },
    },
  });

type ErrorBody = { errors: { status: string; code: string; title: string; detail: string }[] };
const texts = (body: ErrorBody) => body.errors.map((e) => `${e.title} / ${e.detail}`);

const NO_LOCALIZATION =
  'betaAppLocalizations not found for this app. / betaAppLocalization must exist for an app';
const NO_DESCRIPTION =
  'Beta App Description is missing. / Beta App Description is required to submit a build for external testing.';
const MISSING_INFORMATION =
  'Missing required information to submit for external testing / Missing requied data.';

describe('Test Information Beta App Review needs', () => {
  it('refuses an app without any beta app localization (422)', async () => {
    const { buildId } = await withApp();
    const r = await submit(buildId);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ status: '422', code: 'ENTITY_UNPROCESSABLE' });
    expect(texts(r.body)).toEqual([NO_LOCALIZATION]);
    expect(h.fake.state.reviewSubmissions.size).toBe(0);
    expect(h.fake.violations).toEqual([]);
  });

  it('refuses a primary-locale localization without description, and one only in another locale', async () => {
    const { st, app, buildId } = await withApp();
    const complete = completeTestInformation('en-US');
    st.setTestInformation(app.id, {
      ...complete,
      locales: { 'en-US': { ...complete.locales!['en-US'], description: null } },
    });
    expect(texts((await submit(buildId)).body)).toEqual([NO_DESCRIPTION]);
    st.setTestInformation(app.id, { locales: { 'en-US': { description: '   ' } } });
    expect(texts((await submit(buildId)).body)).toEqual([NO_DESCRIPTION]);
    app.primaryLocale = 'de-DE';
    st.setTestInformation(app.id, { locales: { 'en-US': { description: 'Described' } } });
    // de-DE, the primary locale, has no localization at all: neither description nor feedback email.
    expect(texts((await submit(buildId)).body)).toEqual([NO_DESCRIPTION, MISSING_INFORMATION]);
    expect(h.fake.violations).toEqual([]);
  });

  it.each([
    ['feedbackEmail of the primary locale', 'feedbackEmail'],
    ['contactFirstName', 'contactFirstName'],
    ['contactLastName', 'contactLastName'],
    ['contactEmail', 'contactEmail'],
    ['contactPhone', 'contactPhone'],
  ])('refuses a submission without %s: "Missing required information…"', async (_, field) => {
    const { st, app, buildId } = await withApp();
    st.setTestInformation(app.id, completeTestInformation());
    if (field === 'feedbackEmail') {
      st.setTestInformation(app.id, { locales: { 'en-US': { feedbackEmail: null } } });
    } else {
      st.setTestInformation(app.id, { review: { [field]: '' } });
    }
    const r = await submit(buildId);
    expect(r.status).toBe(422);
    expect(texts(r.body)).toEqual([MISSING_INFORMATION]);
  });

  it('refuses a required demo account without name or password, and takes one with both', async () => {
    const { st, app, buildId } = await withApp();
    st.setTestInformation(app.id, completeTestInformation());
    st.setTestInformation(app.id, { review: { demoAccountRequired: true } });
    expect(texts((await submit(buildId)).body)).toEqual([
      'The request entity is not processable. / A demo account user name is required.',
      'The request entity is not processable. / A demo account password is required.',
    ]);
    st.setTestInformation(app.id, { review: { demoAccountName: 'reviewer' } });
    expect(texts((await submit(buildId)).body)).toEqual([
      'The request entity is not processable. / A demo account password is required.',
    ]);
    st.setTestInformation(app.id, { review: { demoAccountPassword: 'secret' } });
    expect((await submit(buildId)).status).toBe(201);
  });

  it('takes the submission once Test Information is written through the API', async () => {
    const { st, app, buildId } = await withApp();
    const localization = await h.call('POST', '/v1/betaAppLocalizations', {
      data: {
        type: 'betaAppLocalizations',
        attributes: { locale: 'en-US', description: 'Try it', feedbackEmail: 'qa@example.com' },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    });
    expect(localization.status).toBe(201);
    expect(texts((await submit(buildId)).body)).toEqual([MISSING_INFORMATION]);
    const detail = (await h.get(`/v1/apps/${app.id}/betaAppReviewDetail`)).body.data;
    const patched = await h.call('PATCH', `/v1/betaAppReviewDetails/${detail.id}`, {
      data: {
        type: 'betaAppReviewDetails',
        id: detail.id,
        attributes: {
          contactFirstName: 'Jane',
          contactLastName: 'Appleseed',
          contactEmail: 'jane@example.com',
          contactPhone: '+1 555 0100',
        },
      },
    });
    expect(patched.status).toBe(200);
    const r = await submit(buildId);
    expect(r.status).toBe(201);
    expect(r.body.data.attributes.betaReviewState).toBe('WAITING_FOR_REVIEW');
    expect([...st.reviewSubmissions.values()].map((s) => s.buildId)).toEqual([buildId]);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('builds Beta App Review takes', () => {
  it('refuses an INTERNAL_ONLY build, one without export compliance, and a processing one (422)', async () => {
    const { st, app } = await withApp();
    st.setTestInformation(app.id, completeTestInformation());
    const builds = [
      st.addBuild({ appId: app.id, version: '2', audience: 'INTERNAL_ONLY' }),
      st.addBuild({ appId: app.id, version: '3', usesNonExemptEncryption: null }),
      st.addBuild({ appId: app.id, version: '4', processingMs: 60_000 }),
    ];
    for (const b of builds) {
      const r = await submit(b.id);
      expect(r.status).toBe(422);
      expect(r.body.errors[0]).toMatchObject({
        code: 'ENTITY_UNPROCESSABLE',
        title: 'Build is not assignable.',
        detail: 'Build is not in an externally assignable state.',
      });
    }
    const internalOnly = (await h.get(`/v1/builds/${builds[0]!.id}/buildBetaDetail`)).body.data;
    expect(internalOnly.attributes.externalBuildState).toBe('NOT_APPLICABLE');
    expect(st.reviewSubmissions.size).toBe(0);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('the demo data', () => {
  it('has one app whose Test Information is complete and one whose is not', async () => {
    h = await startHarness({ seedDemo: true });
    const st = h.fake.state;
    const demo = st.apps.get(DEMO_APP_ID)!;
    const ready = [...st.builds.values()].find((b) => b.appId === demo.id && b.version === '3')!;
    expect((await submit(ready.id)).status).toBe(201);
    const fresh = [...st.builds.values()].find((b) => b.appId === DEMO_NEW_APP_ID)!;
    const refused = await submit(fresh.id);
    expect(refused.status).toBe(422);
    expect(texts(refused.body)).toEqual([NO_LOCALIZATION]);
    expect(h.fake.violations).toEqual([]);
  });
});
