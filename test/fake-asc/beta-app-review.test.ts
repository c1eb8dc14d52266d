// Beta App Review: it refuses a submission, with Apple's texts, until the build may go outside the team and
// the app's Test Information is complete; one build per train at a time; manual notifications.
import { describe, expect, it } from 'vitest';
import { completeTestInformation } from './app-information.js';
import { DEMO_APP_ID, DEMO_NEW_APP_ID } from './demo.js';
import { addReviewableApp, harnessPerTest, type Harness } from './fake-harness.js';
import type { FakeApp, FakeState } from './types.js';

let h: Harness;
const { start } = harnessPerTest((started) => (h = started));

async function withApp(): Promise<{ st: FakeState; app: FakeApp; buildId: string }> {
  h = await start();
  const st = h.fake.state;
  const app = st.addApp({ bundleId: 'com.example.app' });
  const build = st.addBuild({ appId: app.id, version: '1' });
  return { st, app, buildId: build.id };
}

async function withReviewableApp() {
  h = await start();
  const st = h.fake.state;
  return { st, app: addReviewableApp(st, 'com.example.app') };
}

function submissionOf(st: FakeState, buildId: string) {
  const found = [...st.reviewSubmissions.values()].find((s) => s.buildId === buildId);
  if (!found) throw new Error(`no submission for ${buildId}`);
  return found;
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
    h = await start({ seedDemo: true });
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

describe('review rules', () => {
  it('refuses a second build of the same train while one waits or is in review: 422 …ANOTHER_BUILD_IN_REVIEW', async () => {
    const { st, app } = await withReviewableApp();
    const first = st.addBuild({ appId: app.id, version: '1', marketingVersion: '1.0' });
    const second = st.addBuild({ appId: app.id, version: '2', marketingVersion: '1.0' });
    expect((await submit(first.id)).status).toBe(201);
    const r = await submit(second.id);
    expect(r.status).toBe(422);
    // Apple's answer verbatim (README "Evidence").
    expect(r.body.errors[0]).toMatchObject({
      status: '422',
      code: 'ENTITY_UNPROCESSABLE.ANOTHER_BUILD_IN_REVIEW',
      title: 'Another build is in review.',
      detail:
        'Another build in the same train is already in beta review. Please submit it again once it gets completed.',
    });
    // Another train (marketing version) of the same app, or the same version on another platform, is reviewed
    // side by side (tramlinehq/store-quirks#5).
    const nextTrain = st.addBuild({ appId: app.id, version: '3', marketingVersion: '1.1' });
    expect((await submit(nextTrain.id)).status).toBe(201);
    const mac = st.addBuild({
      appId: app.id,
      version: '4',
      marketingVersion: '1.0',
      platform: 'MAC_OS',
    });
    expect((await submit(mac.id)).status).toBe(201);
    const otherApp = addReviewableApp(st, 'com.example.other');
    expect((await submit(st.addBuild({ appId: otherApp.id, version: '1' }).id)).status).toBe(201);
    submissionOf(st, first.id).state = 'APPROVED';
    expect((await submit(second.id)).status).toBe(201);
  });

  it('refuses a second submission of the same build, and one without export compliance', async () => {
    const { st, app } = await withReviewableApp();
    const b = st.addBuild({ appId: app.id, version: '1' });
    expect((await submit(b.id)).status).toBe(201);
    const again = await submit(b.id);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].code).toMatch(/^STATE_ERROR/);
    const noCompliance = st.addBuild({
      appId: app.id,
      version: '2',
      usesNonExemptEncryption: null,
    });
    submissionOf(st, b.id).state = 'APPROVED';
    expect((await submit(noCompliance.id)).status).toBe(422);
    expect(
      (await h.get(`/v1/betaAppReviewSubmissions?filter[build]=${b.id}`)).body.data,
    ).toHaveLength(1);
  });

  it('refuses a manual notification while auto-notify is on (409), sends one when off (201)', async () => {
    const { st, app } = await withReviewableApp();
    const b = st.addBuild({ appId: app.id, version: '1' });
    const notify = () =>
      h.call('POST', '/v1/buildBetaNotifications', {
        data: {
          type: 'buildBetaNotifications',
          relationships: { build: { data: { type: 'builds', id: b.id } } },
        },
      });
    const refused = await notify();
    expect(refused.status).toBe(409);
    // Apple's answer verbatim (README "Evidence": rorkai/App-Store-Connect-CLI#2044).
    expect(refused.body.errors[0]).toMatchObject({
      code: 'STATE_ERROR.ENTITY_STATE_INVALID',
      title: 'There is a problem with the request entity',
      detail: 'Auto-notify already enabled',
      source: { pointer: '/data' },
    });
    b.autoNotifyEnabled = false;
    const sent = await notify();
    expect(sent.status).toBe(201);
    expect(sent.body.data.type).toBe('buildBetaNotifications');
  });
});
