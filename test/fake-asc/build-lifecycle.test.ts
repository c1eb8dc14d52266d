// Build processing, TestFlight states and expiry on the injected clock, the build and beta-detail writes, What to Test.
import { describe, expect, it } from 'vitest';
import { addReviewableApp, linkages, harnessPerTest, type Harness } from './fake-harness.js';
import type { FakeState } from './types.js';

let h: Harness;
const { start } = harnessPerTest((started) => (h = started));

const MINUTE = 60_000;

async function withApp() {
  h = await start();
  const st = h.fake.state;
  return { st, app: addReviewableApp(st, 'com.example.app') };
}

function submissionOf(st: FakeState, buildId: string) {
  const found = [...st.reviewSubmissions.values()].find((s) => s.buildId === buildId);
  if (!found) throw new Error(`no submission for ${buildId}`);
  return found;
}

async function detail(buildId: string) {
  const r = await h.get(`/v1/builds/${buildId}/buildBetaDetail`);
  return r.body.data.attributes as {
    internalBuildState: string;
    externalBuildState: string;
    autoNotifyEnabled: boolean;
  };
}

describe('processing', () => {
  it('hides a build until it appears, keeps it PROCESSING, then gives its final state', async () => {
    const { st, app } = await withApp();
    const b = st.addBuild({
      appId: app.id,
      version: '1',
      appearsAfterMs: 2 * MINUTE,
      processingMs: 10 * MINUTE,
    });
    expect((await h.get(`/v1/builds?filter[app]=${app.id}`)).body.data).toEqual([]);
    expect((await h.get(`/v1/builds/${b.id}`)).status).toBe(404);
    expect((await h.get(`/v1/preReleaseVersions?filter[app]=${app.id}`)).body.data).toEqual([]);
    h.advance(2 * MINUTE);
    const listed = await h.get(`/v1/builds?filter[app]=${app.id}`);
    expect(listed.body.data[0].attributes.processingState).toBe('PROCESSING');
    expect(await detail(b.id)).toMatchObject({
      internalBuildState: 'PROCESSING',
      externalBuildState: 'PROCESSING',
    });
    expect(st.processingState(b.id)).toBe('PROCESSING');
    h.advance(8 * MINUTE);
    expect((await h.get(`/v1/builds/${b.id}`)).body.data.attributes.processingState).toBe('VALID');
    expect((await h.get(`/v1/preReleaseVersions?filter[app]=${app.id}`)).body.data).toHaveLength(1);
  });

  it('ends FAILED or INVALID with PROCESSING_EXCEPTION beta states', async () => {
    const { st, app } = await withApp();
    for (const finalState of ['FAILED', 'INVALID'] as const) {
      const b = st.addBuild({ appId: app.id, version: finalState, finalState });
      expect((await h.get(`/v1/builds/${b.id}`)).body.data.attributes.processingState).toBe(
        finalState,
      );
      expect(await detail(b.id)).toMatchObject({
        internalBuildState: 'PROCESSING_EXCEPTION',
        externalBuildState: 'PROCESSING_EXCEPTION',
      });
    }
  });
});

describe('beta states', () => {
  it('walks MISSING_EXPORT_COMPLIANCE → READY → IN_BETA_TESTING internally', async () => {
    const { st, app } = await withApp();
    const b = st.addBuild({ appId: app.id, version: '1', usesNonExemptEncryption: null });
    expect(await detail(b.id)).toMatchObject({
      internalBuildState: 'MISSING_EXPORT_COMPLIANCE',
      externalBuildState: 'MISSING_EXPORT_COMPLIANCE',
    });
    const patched = await h.call('PATCH', `/v1/builds/${b.id}`, {
      data: { type: 'builds', id: b.id, attributes: { usesNonExemptEncryption: false } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.attributes.usesNonExemptEncryption).toBe(false);
    expect(await detail(b.id)).toMatchObject({
      internalBuildState: 'READY_FOR_BETA_TESTING',
      externalBuildState: 'READY_FOR_BETA_SUBMISSION',
    });
    const g = st.addGroup({ appId: app.id, name: 'QA', isInternal: true });
    await h.call('POST', `/v1/betaGroups/${g.id}/relationships/builds`, linkages('builds', b.id));
    expect((await detail(b.id)).internalBuildState).toBe('IN_BETA_TESTING');
  });

  it('follows the review submission externally, and tests can move the review', async () => {
    const { st, app } = await withApp();
    const b = st.addBuild({ appId: app.id, version: '1' });
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const sub = await h.call('POST', '/v1/betaAppReviewSubmissions', {
      data: {
        type: 'betaAppReviewSubmissions',
        relationships: { build: { data: { type: 'builds', id: b.id } } },
      },
    });
    expect(sub.status).toBe(201);
    expect(sub.body.data.attributes.betaReviewState).toBe('WAITING_FOR_REVIEW');
    expect((await detail(b.id)).externalBuildState).toBe('WAITING_FOR_BETA_REVIEW');
    const record = st.reviewSubmissions.get(sub.body.data.id)!;
    record.state = 'IN_REVIEW';
    expect((await detail(b.id)).externalBuildState).toBe('IN_BETA_REVIEW');
    record.state = 'REJECTED';
    expect((await detail(b.id)).externalBuildState).toBe('BETA_REJECTED');
    record.state = 'APPROVED';
    expect((await detail(b.id)).externalBuildState).toBe('BETA_APPROVED');
    g.buildIds.add(b.id);
    expect((await detail(b.id)).externalBuildState).toBe('IN_BETA_TESTING');
    expect(
      (await h.get(`/v1/builds?filter[betaAppReviewSubmission.betaReviewState]=APPROVED`)).body
        .data,
    ).toHaveLength(1);
  });

  it('expires a build by PATCH and never un-expires it', async () => {
    const { st, app } = await withApp();
    const b = st.addBuild({ appId: app.id, version: '1' });
    const body = (expired: boolean) => ({
      data: { type: 'builds', id: b.id, attributes: { expired } },
    });
    expect(
      (await h.call('PATCH', `/v1/builds/${b.id}`, body(true))).body.data.attributes.expired,
    ).toBe(true);
    expect(await detail(b.id)).toMatchObject({
      internalBuildState: 'EXPIRED',
      externalBuildState: 'EXPIRED',
    });
    expect((await h.call('PATCH', `/v1/builds/${b.id}`, body(false))).status).toBe(409);
    expect((await h.get(`/v1/builds?filter[expired]=true`)).body.data).toHaveLength(1);
  });

  it('dates expiry 90 days after upload; once the clock passes it, groups and review refuse the build', async () => {
    const { st, app } = await withApp();
    const uploadedAt = h.now() - 10 * MINUTE;
    const b = st.addBuild({ appId: app.id, version: '1', uploadedAt });
    const internal = st.addGroup({ appId: app.id, name: 'QA', isInternal: true });
    const external = st.addGroup({ appId: app.id, name: 'External' });
    const attributes = (await h.get(`/v1/builds/${b.id}`)).body.data.attributes;
    expect(Date.parse(attributes.expirationDate) - Date.parse(attributes.uploadedDate)).toBe(
      90 * 24 * 60 * MINUTE,
    );
    expect(Date.parse(attributes.uploadedDate)).toBe(uploadedAt);
    expect(attributes.expired).toBe(false);
    h.advance(90 * 24 * 60 * MINUTE - 10 * MINUTE - 1000);
    expect((await h.get(`/v1/builds/${b.id}`)).body.data.attributes.expired).toBe(false);
    h.advance(1000);
    expect((await h.get(`/v1/builds/${b.id}`)).body.data.attributes.expired).toBe(true);
    expect((await h.get(`/v1/builds?filter[expired]=true`)).body.data).toHaveLength(1);
    expect(await detail(b.id)).toMatchObject({ internalBuildState: 'EXPIRED' });
    for (const g of [internal, external]) {
      const r = await h.call(
        'POST',
        `/v1/betaGroups/${g.id}/relationships/builds`,
        linkages('builds', b.id),
      );
      expect(r.status).toBe(422);
      expect(r.body.errors[0].title).toBe('Build is not assignable.');
    }
    const review = await h.call('POST', '/v1/betaAppReviewSubmissions', {
      data: {
        type: 'betaAppReviewSubmissions',
        relationships: { build: { data: { type: 'builds', id: b.id } } },
      },
    });
    expect(review.status).toBe(422);
    expect(review.body.errors[0].detail).toBe('Build is not in an externally assignable state.');
    expect(h.fake.violations).toEqual([]);
  });

  it('refuses to expire a build Apple is reviewing (409 STATE_ERROR), and expires one still waiting', async () => {
    const { st, app } = await withApp();
    const reviewing = st.addBuild({ appId: app.id, version: '1', marketingVersion: '1.0' });
    const waiting = st.addBuild({ appId: app.id, version: '2', marketingVersion: '2.0' });
    st.addReviewSubmission({ buildId: reviewing.id, state: 'IN_REVIEW' });
    st.addReviewSubmission({ buildId: waiting.id, state: 'WAITING_FOR_REVIEW' });
    const expire = (id: string) =>
      h.call('PATCH', `/v1/builds/${id}`, {
        data: { type: 'builds', id, attributes: { expired: true } },
      });
    const refused = await expire(reviewing.id);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject({ code: 'STATE_ERROR' });
    expect(reviewing.expired).toBe(false);
    const expired = await expire(waiting.id);
    expect(expired.status).toBe(200);
    expect(expired.body.data.attributes.expired).toBe(true);
    submissionOf(st, reviewing.id).state = 'APPROVED';
    expect((await expire(reviewing.id)).status).toBe(200);
    expect(h.fake.violations).toEqual([]);
  });

  it('toggles autoNotifyEnabled through buildBetaDetails, and reads it by filter[build]', async () => {
    const { st, app } = await withApp();
    const b = st.addBuild({ appId: app.id, version: '1' });
    const id = b.buildBetaDetailId;
    const r = await h.call('PATCH', `/v1/buildBetaDetails/${id}`, {
      data: { type: 'buildBetaDetails', id, attributes: { autoNotifyEnabled: false } },
    });
    expect(r.body.data.attributes.autoNotifyEnabled).toBe(false);
    expect((await h.get(`/v1/buildBetaDetails?filter[build]=${b.id}`)).body.data[0].id).toBe(id);
    const refused = await h.call('PATCH', `/v1/buildBetaDetails/${id}`, {
      data: { type: 'buildBetaDetails', id, attributes: { internalBuildState: 'IN_BETA_TESTING' } },
    });
    expect(refused.status).toBe(409);
    expect(h.fake.violations.filter((v) => v.direction === 'response')).toEqual([]);
  });
});

describe('What to Test', () => {
  const create = (buildId: string, locale: string, whatsNew: string) =>
    h.call('POST', '/v1/betaBuildLocalizations', {
      data: {
        type: 'betaBuildLocalizations',
        attributes: { locale, whatsNew },
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    });

  it('creates, lists, updates and deletes localizations; refuses a second one for the locale', async () => {
    const { st, app } = await withApp();
    const b = st.addBuild({ appId: app.id, version: '1' });
    const r = await create(b.id, 'en-US', 'Try it');
    expect(r.status).toBe(201);
    const id = r.body.data.id;
    const dup = await create(b.id, 'en-US', 'Again');
    expect(dup.status).toBe(409);
    expect(
      (await h.get(`/v1/betaBuildLocalizations?filter[build]=${b.id}&filter[locale]=en-US`)).body
        .data,
    ).toHaveLength(1);
    expect((await h.get(`/v1/builds/${b.id}/betaBuildLocalizations`)).body.data).toHaveLength(1);
    const upd = await h.call('PATCH', `/v1/betaBuildLocalizations/${id}`, {
      data: { type: 'betaBuildLocalizations', id, attributes: { whatsNew: 'New text' } },
    });
    expect(upd.body.data.attributes.whatsNew).toBe('New text');
    const noLocaleChange = await h.call('PATCH', `/v1/betaBuildLocalizations/${id}`, {
      data: { type: 'betaBuildLocalizations', id, attributes: { locale: 'de-DE' } },
    });
    expect(noLocaleChange.status).toBe(409);
    expect((await h.call('DELETE', `/v1/betaBuildLocalizations/${id}`)).status).toBe(204);
    expect(st.localizations.size).toBe(0);
  });

  it('refuses whatsNew over 4000 characters with ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG', async () => {
    const { st, app } = await withApp();
    const b = st.addBuild({ appId: app.id, version: '1' });
    expect((await create(b.id, 'en-US', 'x'.repeat(4000))).status).toBe(201);
    const r = await create(b.id, 'de-DE', 'x'.repeat(4001));
    expect(r.status).toBe(409);
    expect(r.body.errors[0]).toMatchObject({
      code: 'ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG',
      source: { pointer: '/data/attributes/whatsNew' },
    });
  });
});
