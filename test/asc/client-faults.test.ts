// The failures users lose runs to, injected into the fake server over real loopback HTTP.
import { decodeJwt } from 'jose';
import { describe, expect } from 'vitest';
import { AscError } from '../../src/asc/index.js';
import { integrationTest as it, type ClientAndFake } from '../helpers/integration.js';

const statuses = (s: ClientAndFake, path: string) =>
  s.fake.requests.filter((r) => r.path === path).map((r) => r.status);

describe('authentication against the fake', () => {
  it('re-mints the token during a long simulated wait instead of sending an expired one', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    expect(await s.api.findAppById(s.app.id)).toMatchObject({ bundleId: 'com.example.app' });
    s.advance(25 * 60_000); // waiting for processing outlives a 20-minute token
    expect(await s.api.findAppById(s.app.id)).toMatchObject({ bundleId: 'com.example.app' });
    expect(s.api.tokensMinted).toBe(2);
    expect(statuses(s, `/v1/apps/${s.app.id}`)).toEqual([200, 200]);
    // Both tokens were handed to the mask before use.
    expect(s.masked.filter((m) => m.split('.').length === 3)).toHaveLength(2);
  });

  it('survives a spurious 401 by minting a new token and retrying once', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    await s.api.findAppById(s.app.id); // a token is cached
    s.fake.faults.add({ kind: 'unauthorized', times: 1 });
    expect((await s.api.findAppById(s.app.id))?.id).toBe(s.app.id);
    expect(statuses(s, `/v1/apps/${s.app.id}`)).toEqual([200, 401, 200]);
    expect(s.api.tokensMinted).toBe(2);
    expect(s.slept).toEqual([]);
  });

  it('gives up after the second 401 with a readable NOT_AUTHORIZED error', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    s.fake.faults.add({ kind: 'unauthorized', times: 2 });
    const error = (await s.api.findAppById(s.app.id).catch((e: unknown) => e)) as AscError;
    expect(error).toBeInstanceOf(AscError);
    expect(error.status).toBe(401);
    expect(error.hasCode('NOT_AUTHORIZED')).toBe(true);
    expect(error.message).toMatch(new RegExp(`^GET /v1/apps/${s.app.id}: 401 NOT_AUTHORIZED: `));
  });

  it('works with an individual key (sub "user", no iss)', async ({ startClientAndFake }) => {
    const setup = await startClientAndFake({}, { individualKey: true });
    const solo = setup.fake.state.addApp({ bundleId: 'com.example.solo' });
    expect((await setup.api.findAppByBundleId('com.example.solo'))?.id).toBe(solo.id);
    const token = setup.masked.find((m) => m.split('.').length === 3)!;
    expect(decodeJwt(token)).toMatchObject({ sub: 'user', aud: 'appstoreconnect-v1' });
    expect(decodeJwt(token).iss).toBeUndefined();
  });
});

describe('retries against the fake', () => {
  it('retries a 429 without Retry-After with jittered backoff', async ({ startWithApp }) => {
    const s = await startWithApp();
    s.fake.faults.add({ kind: 'rate-limit', times: 2 });
    expect(await s.api.listGroups(s.app.id)).toEqual([]);
    expect(statuses(s, '/v1/betaGroups')).toEqual([429, 429, 200]);
    expect(s.slept).toEqual([500, 1000]); // random() = 0.5 of 1 s, then of 2 s
  });

  it('honours Retry-After on a 429', async ({ startWithApp }) => {
    const s = await startWithApp();
    s.fake.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7, times: 1 });
    await s.api.listGroups(s.app.id);
    expect(s.slept).toHaveLength(1);
    expect(s.slept[0]).toBeGreaterThanOrEqual(7000);
    expect(s.slept[0]).toBeLessThan(8000);
  });

  it('fails cleanly, without waiting, when Retry-After is longer than the bound', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    s.fake.faults.add({ kind: 'rate-limit', retryAfterSeconds: 3600, times: 1 });
    const error = (await s.api.listGroups(s.app.id).catch((e: unknown) => e)) as AscError;
    expect(error.status).toBe(429);
    expect(s.slept).toEqual([]);
  });

  it('rides out a sequence of 500, 502, 503 and 504', async ({ startWithApp }) => {
    const s = await startWithApp();
    for (const status of [500, 502, 503, 504] as const) {
      s.fake.faults.add({ kind: 'status', status, body: 'json', path: '/v1/betaGroups', times: 1 });
    }
    expect(await s.api.listGroups(s.app.id)).toEqual([]);
    expect(statuses(s, '/v1/betaGroups')).toEqual([500, 502, 503, 504, 200]);
    expect(s.slept).toEqual([500, 1000, 2000, 4000]);
  });

  it('turns an HTML 502 page into a readable error after its retries', async ({ startWithApp }) => {
    const s = await startWithApp({}, { maxRetries: 2 });
    s.fake.faults.add({ kind: 'status', status: 502, body: 'html', times: Infinity });
    const error = (await s.api.listGroups(s.app.id).catch((e: unknown) => e)) as AscError;
    expect(error).toBeInstanceOf(AscError);
    expect(error.status).toBe(502);
    expect(error.message).toMatch(
      /^GET \/v1\/betaGroups: 502 \(a text\/html response instead of JSON/,
    );
    expect(error.message).not.toMatch(/Unexpected token|JSON\.parse|SyntaxError/);
    expect(s.fake.requests).toHaveLength(3);
  });

  it('retries after a connection reset', async ({ startWithApp }) => {
    const s = await startWithApp();
    s.fake.faults.add({ kind: 'reset', times: 1 });
    expect((await s.api.findAppById(s.app.id))?.id).toBe(s.app.id);
    expect(s.slept).toHaveLength(1);
    expect(statuses(s, `/v1/apps/${s.app.id}`)).toEqual([0, 200]);
  });

  it('ends a hang with the request timeout and retries', async ({ startWithApp }) => {
    const s = await startWithApp({}, { timeoutMs: 150 });
    // A first call warms the key and the fake's validators, so the retry after the hang is quick; only what
    // follows it is counted (on a slow machine the cold call itself may take a retry).
    await s.api.findAppById(s.app.id);
    const [requestsBefore, sleptBefore] = [s.fake.requests.length, s.slept.length];
    s.fake.faults.add({ kind: 'hang', times: 1 });
    expect((await s.api.findAppById(s.app.id))?.id).toBe(s.app.id);
    expect(s.logs.some((l) => l.includes('timed out after 0.15 s'))).toBe(true);
    const answered = s.fake.requests.slice(requestsBefore).map((r) => r.status);
    expect(answered[0]).toBe(0); // the hung request was never answered
    expect(answered.at(-1)).toBe(200);
    expect(s.slept.length - sleptBefore).toBe(answered.length - 1);
  });

  it('reports a hang that never ends as a timeout once retries run out', async ({
    startWithApp,
  }) => {
    const s = await startWithApp({}, { timeoutMs: 100, maxRetries: 1 });
    s.fake.faults.add({ kind: 'hang', times: Infinity });
    const error = (await s.api.findAppById(s.app.id).catch((e: unknown) => e)) as AscError;
    expect(error.message).toBe(`GET /v1/apps/${s.app.id}: no response (timed out after 0.1 s)`);
  });
});

describe('updates and relationship changes are retried', () => {
  it('retries a PATCH after a 503 and a relationship POST and DELETE after lost responses', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    const group = s.fake.state.addGroup({ appId: s.app.id, name: 'External' });
    const tester = s.fake.state.addTester({ email: 'a@example.com', appIds: [s.app.id] });
    const path = `/v1/betaGroups/${group.id}`;
    s.fake.faults.add({
      kind: 'status',
      status: 503,
      body: 'json',
      method: 'PATCH',
      path,
      times: 1,
    });
    expect((await s.api.updateGroup(group.id, { feedbackEnabled: false })).feedbackEnabled).toBe(
      false,
    );
    const link = `${path}/relationships/betaTesters`;
    s.fake.faults.add({ kind: 'reset-after', method: 'POST', path: link, times: 1 });
    await s.api.addTestersToGroup(group.id, [tester.id]);
    expect(s.fake.state.groups.get(group.id)!.testerIds.has(tester.id)).toBe(true);
    s.fake.faults.add({ kind: 'reset-after', method: 'DELETE', path: link, times: 1 });
    await s.api.removeTestersFromGroup(group.id, [tester.id]);
    expect(s.fake.state.groups.get(group.id)!.testerIds.size).toBe(0);
    expect(s.slept).toHaveLength(3);
    expect(s.api.changingCalls).toBe(3); // one per logical call, however many attempts
  });
});

describe('creates are never duplicated', () => {
  it('reads back a group whose create response was lost, and does not re-send it', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    s.fake.faults.add({ kind: 'reset-after', method: 'POST', path: '/v1/betaGroups', times: 1 });
    const group = await s.api.createGroup(s.app.id, { name: 'Beta', publicLinkEnabled: false });
    expect(group.name).toBe('Beta');
    const groups = [...s.fake.state.groups.values()].filter((g) => g.name === 'Beta');
    expect(groups).toHaveLength(1);
    expect(group.id).toBe(groups[0]!.id);
    expect(s.fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(s.api.changingCalls).toBe(1);
  });

  it('re-sends a create that the read-back shows did not happen', async ({ startWithApp }) => {
    const s = await startWithApp();
    s.fake.faults.add({ kind: 'reset', method: 'POST', path: '/v1/betaGroups', times: 1 });
    await s.api.createGroup(s.app.id, { name: 'Beta' });
    expect([...s.fake.state.groups.values()].filter((g) => g.name === 'Beta')).toHaveLength(1);
    expect(s.api.changingCalls).toBe(1);
  });

  it('reads back a tester, a localization and a review submission after lost responses', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    const build = s.fake.state.addBuild({ appId: s.app.id, version: '42', processingMs: 0 });
    const group = s.fake.state.addGroup({ appId: s.app.id, name: 'External' });
    for (const path of [
      '/v1/betaTesters',
      '/v1/betaBuildLocalizations',
      '/v1/betaAppReviewSubmissions',
    ]) {
      s.fake.faults.add({ kind: 'reset-after', method: 'POST', path, times: 1 });
    }
    const tester = await s.api.createTester({ email: 'new@example.com', groupIds: [group.id] });
    const localization = await s.api.createLocalization(build.id, 'en-US', 'Try the new thing');
    await s.api.setUsesNonExemptEncryption(build.id, false);
    await s.api.addBuildToGroups(build.id, [group.id]);
    const submission = await s.api.createReviewSubmission(build.id);
    const st = s.fake.state;
    expect([...st.testers.values()].filter((t) => t.email === 'new@example.com')).toHaveLength(1);
    expect(st.groups.get(group.id)!.testerIds.has(tester.id)).toBe(true);
    expect([...st.localizations.values()].filter((l) => l.buildId === build.id)).toHaveLength(1);
    expect(localization.locale).toBe('en-US');
    expect([...st.reviewSubmissions.values()].filter((r) => r.buildId === build.id)).toHaveLength(
      1,
    );
    expect(submission.id).toBe([...st.reviewSubmissions.values()][0]!.id);
  });
});
