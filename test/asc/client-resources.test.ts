// Every AscApi call against the fake server: right endpoints, domain shapes back, paging, counters,
// and requests the spec validator accepts.
import { Agent, type Dispatcher } from 'undici';
import { describe, expect } from 'vitest';
import { AscError, EMAIL_FILTER_CHARS } from '../../src/asc/index.js';
import { integrationTest as it, type StartWithApp } from '../helpers/integration.js';

/** The app Example with build 42 (1.2.0), processed, with no export compliance; and a second app beside it. */
async function seeded(startWithApp: StartWithApp, ...args: Parameters<StartWithApp>) {
  const setup = await startWithApp(...args);
  const st = setup.fake.state;
  st.addApp({ bundleId: 'com.example.app.widget', name: 'Widget' });
  const build = st.addBuild({
    appId: setup.app.id,
    version: '42',
    marketingVersion: '1.2.0',
    platform: 'IOS',
    processingMs: 0,
    usesNonExemptEncryption: null,
  });
  return { ...setup, st, build };
}

describe('the client on the fake', () => {
  it('finds apps by id and by exact bundle id', async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    expect(await s.api.findAppById(s.app.id)).toEqual({
      id: s.app.id,
      bundleId: 'com.example.app',
      name: 'Example',
    });
    expect(await s.api.findAppById('does-not-exist')).toBeNull();
    expect((await s.api.findAppByBundleId('com.example.app'))?.id).toBe(s.app.id);
    expect(await s.api.findAppByBundleId('com.example')).toBeNull();
  });

  it('finds builds with their pre-release version and beta detail', async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    s.st.addBuild({ appId: s.app.id, version: '42', marketingVersion: '1.1.0', processingMs: 0 });
    const [build, ...rest] = await s.api.findBuilds({
      appId: s.app.id,
      buildNumber: '42',
      marketingVersion: '1.2.0',
      platform: 'IOS',
    });
    expect(rest).toEqual([]);
    expect(build).toMatchObject({
      id: s.build.id,
      number: '42',
      marketingVersion: '1.2.0',
      platform: 'IOS',
      processingState: 'VALID',
      expired: false,
      usesNonExemptEncryption: null,
      betaDetail: { id: s.build.buildBetaDetailId },
    });
    expect(await s.api.findBuilds({ appId: s.app.id, platform: 'IOS' })).toHaveLength(2);
    expect(await s.api.findBuilds({ appId: s.app.id, platform: 'IOS', limit: 1 })).toHaveLength(1);
    expect((await s.api.getBuild(s.build.id)).marketingVersion).toBe('1.2.0');
    await s.api.setUsesNonExemptEncryption(s.build.id, false);
    expect((await s.api.getBuild(s.build.id)).usesNonExemptEncryption).toBe(false);
  });

  it('creates, updates and lists groups, and adds the build to several at once', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    const a = await s.api.createGroup(s.app.id, { name: 'External A', feedbackEnabled: true });
    const b = await s.api.createGroup(s.app.id, { name: 'Internal', isInternalGroup: true });
    expect(a).toMatchObject({ name: 'External A', isInternal: false, feedbackEnabled: true });
    expect(b.isInternal).toBe(true);
    const updated = await s.api.updateGroup(a.id, {
      publicLinkLimit: 50,
      publicLinkLimitEnabled: true,
    });
    expect(updated).toMatchObject({ id: a.id, publicLinkLimit: 50, publicLinkLimitEnabled: true });
    await expect(s.api.updateGroup(a.id, { isInternalGroup: true })).rejects.toThrow(
      /can only be set when a group is created/,
    );
    expect((await s.api.listGroups(s.app.id)).map((g) => g.name).sort()).toEqual([
      'External A',
      'Internal',
    ]);
    // Apple refuses an external group a build without export compliance.
    await s.api.setUsesNonExemptEncryption(s.build.id, false);
    expect(await s.api.groupHasBuilds(a.id)).toBe(false);
    await s.api.addBuildToGroups(s.build.id, [a.id]);
    expect(await s.api.listGroupIdsWithBuild(s.app.id, s.build.id)).toEqual([a.id]);
    expect(await s.api.groupHasBuilds(a.id)).toBe(true);
    const posts = s.fake.requests.filter((r) => r.path.endsWith('/relationships/betaGroups'));
    expect(posts).toHaveLength(1);
    expect(s.api.changingCalls).toBe(5); // 2 creates, 1 update, compliance, 1 link (the refused update never left)
  });

  it('creates a group with its build and its public link on in one request', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    await s.api.setUsesNonExemptEncryption(s.build.id, false);
    // Apple enables a link only on a group with a build: without one in the request, the create is refused.
    await expect(
      s.api.createGroup(s.app.id, { name: 'Bare', publicLinkEnabled: true }),
    ).rejects.toThrow(AscError);
    const mark = s.fake.requests.length;
    const group = await s.api.createGroup(
      s.app.id,
      { name: 'Open', isInternalGroup: false, publicLinkEnabled: true, publicLinkLimit: 20 },
      [s.build.id],
    );
    expect(group).toMatchObject({ name: 'Open', publicLinkEnabled: true, publicLinkLimit: 20 });
    expect(group.publicLink).toMatch(/^https:\/\/testflight\.apple\.com\/join\//);
    const sent = s.fake.requests.slice(mark).filter((r) => r.method !== 'GET');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      path: '/v1/betaGroups',
      body: {
        data: {
          relationships: {
            app: { data: { type: 'apps', id: s.app.id } },
            builds: { data: [{ type: 'builds', id: s.build.id }] },
          },
        },
      },
    });
    expect(await s.api.listGroupIdsWithBuild(s.app.id, s.build.id)).toEqual([group.id]);
    expect(s.fake.violations.filter((v) => v.direction === 'request')).toEqual([]);
  });

  it('pages through more than 400 testers following links.next', async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    const group = s.st.addGroup({ appId: s.app.id, name: 'Big' });
    for (let i = 0; i < 450; i++) {
      s.st.addTester({ email: `t${i}@example.com`, appIds: [s.app.id], groupIds: [group.id] });
    }
    const testers = await s.api.listGroupTesters(group.id);
    expect(testers).toHaveLength(450);
    expect(new Set(testers.map((t) => t.id)).size).toBe(450);
    const gets = s.fake.requests.filter((r) => r.path === `/v1/betaGroups/${group.id}/betaTesters`);
    expect(gets).toHaveLength(3);
    expect(gets[0]!.query.limit).toBe('200');
    expect(gets[1]!.query.cursor).toBeDefined();
  });

  it('finds testers by email in chunks, case-insensitively', async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    const emails: string[] = [];
    for (let i = 0; i < 120; i++) {
      const email = `person${i}@example.com`;
      emails.push(i % 2 ? email.toUpperCase() : email);
      if (i % 3 === 0) s.st.addTester({ email, appIds: [s.app.id] });
    }
    // Real latency on each lookup: asked for one after another, the second would arrive after the first's answer.
    s.fake.faults.add({ kind: 'latency', ms: 100, path: '/v1/betaTesters', times: 2 });
    const found = await s.api.findTestersByEmail([...emails, 'nobody@example.com']);
    expect(found).toHaveLength(40);
    const gets = s.fake.requests.filter((r) => r.path === '/v1/betaTesters');
    // 121 addresses of about 22 characters: two runs of at most EMAIL_FILTER_CHARS, asked for at once.
    expect(gets).toHaveLength(2);
    for (const get of gets) {
      expect(encodeURIComponent(get.query['filter[email]']!).length).toBeLessThanOrEqual(
        EMAIL_FILTER_CHARS,
      );
    }
    expect(gets[1]!.receivedAt).toBeLessThan(gets[0]!.answeredAt!);
  });

  it('asks for each half of an email lookup whose URL is refused as too long', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    const emails = ['a@example.com', 'b@example.com', 'c@example.com'];
    for (const email of emails) s.st.addTester({ email, appIds: [s.app.id] });
    s.fake.faults.add({
      kind: 'status',
      status: 414,
      body: 'html',
      path: '/v1/betaTesters',
      times: 1,
    });
    const found = await s.api.findTestersWithGroups(emails);
    expect(found.map((t) => t.email).sort()).toEqual(emails);
    const asked = s.fake.requests
      .filter((r) => r.path === '/v1/betaTesters')
      .map((r) => [r.status, r.query['filter[email]']]);
    expect(asked[0]).toEqual([414, 'a@example.com,b@example.com,c@example.com']);
    expect(asked.slice(1).map(String).sort()).toEqual(
      ['200,a@example.com,b@example.com', '200,c@example.com'].sort(),
    );
  });

  it('creates testers, reads back an existing email on 409, and changes membership in batches', async ({
    startWithApp,
  }) => {
    const s = await seeded(startWithApp);
    const group = s.st.addGroup({ appId: s.app.id, name: 'External' });
    const other = s.st.addGroup({ appId: s.app.id, name: 'Other' });
    const existing = s.st.addTester({ email: 'old@example.com', appIds: [s.app.id] });
    const created = await s.api.createTester({
      email: 'new@example.com',
      firstName: 'New',
      lastName: 'Person',
      groupIds: [group.id],
    });
    expect(created).toMatchObject({
      email: 'new@example.com',
      firstName: 'New',
      lastName: 'Person',
    });
    expect(s.st.groups.get(group.id)!.testerIds.has(created.id)).toBe(true);
    const again = await s.api.createTester({
      email: 'OLD@example.com',
      groupIds: [group.id, other.id],
    });
    expect(again.id).toBe(existing.id);
    expect(s.st.groups.get(other.id)!.testerIds.has(existing.id)).toBe(true);
    await s.api.removeTestersFromGroup(group.id, [created.id, existing.id]);
    expect(s.st.groups.get(group.id)!.testerIds.size).toBe(0);
    await s.api.addTestersToGroup(group.id, [created.id, existing.id]);
    expect((await s.api.listGroupTesters(group.id)).map((t) => t.email).sort()).toEqual([
      'new@example.com',
      'old@example.com',
    ]);
  });

  it('sets What to Test, submits for review and notifies', async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    // A manual notification is only allowed when auto-notify is off.
    s.st.builds.get(s.build.id)!.autoNotifyEnabled = false;
    expect(await s.api.listLocalizations(s.build.id)).toEqual([]);
    const created = await s.api.createLocalization(s.build.id, 'en-US', 'First text');
    expect(created).toMatchObject({ locale: 'en-US', whatsNew: 'First text' });
    const updated = await s.api.updateLocalization(created.id, 'Second text');
    expect(updated.whatsNew).toBe('Second text');
    expect(await s.api.listLocalizations(s.build.id)).toEqual([updated]);
    await s.api.setUsesNonExemptEncryption(s.build.id, false);
    const group = await s.api.createGroup(s.app.id, { name: 'External' });
    await s.api.addBuildToGroups(s.build.id, [group.id]);
    const submission = await s.api.createReviewSubmission(s.build.id);
    expect(submission.state).toBe('WAITING_FOR_REVIEW');
    expect(await s.api.listReviewSubmissions(s.build.id)).toEqual([submission]);
    await s.api.sendBuildNotification(s.build.id);
  });

  it('reports the rate-limit budget from the latest response', async ({ startWithApp }) => {
    const s = await seeded(startWithApp, { rateLimitPerHour: 100 });
    expect(s.api.rateLimit).toEqual({ limit: null, remaining: null });
    await s.api.findAppById(s.app.id);
    const first = s.api.rateLimit;
    expect(first.limit).toBe(100);
    await s.api.listGroups(s.app.id);
    expect(s.api.rateLimit.remaining).toBe(first.remaining! - 1);
  });

  it('keeps at most `concurrency` requests in flight', async ({ startWithApp }) => {
    // A dispatcher that counts requests between sending and the end of the body.
    const agent = new Agent();
    let inFlight = 0;
    let peak = 0;
    const counting = {
      request: async (options: Dispatcher.RequestOptions) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          const response = await agent.request(options);
          const text = await response.body.text();
          return { ...response, body: { text: async () => text } };
        } finally {
          inFlight--;
        }
      },
    } as unknown as Dispatcher;
    try {
      const s = await seeded(startWithApp, {}, { concurrency: 3, dispatcher: counting });
      s.fake.faults.add({ kind: 'latency', ms: 20, times: Infinity });
      await Promise.all(Array.from({ length: 12 }, () => s.api.findAppById(s.app.id)));
      expect(s.fake.requests).toHaveLength(12);
    } finally {
      await agent.close();
    }
    expect(peak).toBe(3);
  });

  it('raises AscError with Apple codes for refused calls', async ({ startWithApp }) => {
    const s = await seeded(startWithApp);
    const error = (await s.api.getBuild('missing').catch((e: unknown) => e)) as AscError;
    expect(error).toBeInstanceOf(AscError);
    expect(error.status).toBe(404);
    expect(error.hasCode('NOT_FOUND')).toBe(true);
    expect(error.message).toMatch(/^GET \/v1\/builds\/missing: 404 NOT_FOUND/);
  });
});
