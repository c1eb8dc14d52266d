// The folded requests the benchmark's bounds assume (bench/README.md), served as Apple's spec offers them:
// one read for the app with its groups and Test Information, one for the build with everything about it, one
// for the listed testers with their groups; Apple's caps on them; and the writes that batch into one request.
import { describe, expect, it } from 'vitest';
import {
  addReviewableApp,
  createTester,
  linkages,
  harnessPerTest,
  type Harness,
} from './fake-harness.js';
import type { FakeState } from './types.js';

let h: Harness;
const { start } = harnessPerTest((started) => (h = started));

interface Resource {
  type: string;
  id: string;
  attributes?: Record<string, unknown>;
}

function includedTypes(body: { included?: Resource[] }): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of body.included ?? []) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

function groupsOf(st: FakeState, appId: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => st.addGroup({ appId, name: `G${i}` }).id);
}

const APP_INCLUDE =
  'include=betaGroups,betaAppLocalizations,betaAppReviewDetail&limit[betaGroups]=50&limit[betaAppLocalizations]=50';

describe('the app with its groups and Test Information', () => {
  it('comes in one request by ID, and in one by bundle ID', async () => {
    h = await start();
    const st = h.fake.state;
    const app = addReviewableApp(st, 'com.example.app');
    groupsOf(st, app.id, 3);
    const byId = await h.get(`/v1/apps/${app.id}?${APP_INCLUDE}`);
    expect(byId.status).toBe(200);
    expect(byId.body.data.relationships.betaGroups.data).toHaveLength(3);
    expect(byId.body.data.relationships.betaAppReviewDetail.data.type).toBe('betaAppReviewDetails');
    expect(includedTypes(byId.body)).toEqual({
      betaGroups: 3,
      betaAppLocalizations: 1,
      betaAppReviewDetails: 1,
    });
    const group = byId.body.included.find((r: Resource) => r.type === 'betaGroups');
    expect(group.attributes).toMatchObject({ name: 'G0', isInternalGroup: false });

    const byBundle = await h.get(`/v1/apps?filter[bundleId]=com.example.app&${APP_INCLUDE}`);
    expect(byBundle.body.data).toHaveLength(1);
    expect(includedTypes(byBundle.body)).toEqual(includedTypes(byId.body));
  });

  it('caps included groups at 50 and shows 10 without limit[…]: more groups need their own read', async () => {
    h = await start();
    const st = h.fake.state;
    const app = addReviewableApp(st, 'com.example.app');
    groupsOf(st, app.id, 12);
    const unlimited = await h.get(`/v1/apps/${app.id}?include=betaGroups`);
    expect(unlimited.body.data.relationships.betaGroups.data).toHaveLength(10);
    expect(unlimited.body.data.relationships.betaGroups.meta).toEqual({
      paging: { total: 12, limit: 10 },
    });
    const over = await h.get(`/v1/apps/${app.id}?include=betaGroups&limit[betaGroups]=51`);
    expect(over.status).toBe(400);
    expect(over.body.errors[0].source).toEqual({ parameter: 'limit[betaGroups]' });
    // Past 50 groups, the rest come from the app's group list, 200 a page.
    const rest = await h.get(`/v1/apps/${app.id}/betaGroups?limit=200`);
    expect(rest.body.data).toHaveLength(12);
  });
});

describe('the build with everything the plan needs about it', () => {
  it('comes in one request: beta detail, version, groups, localizations, review submission', async () => {
    h = await start();
    const st = h.fake.state;
    const app = addReviewableApp(st, 'com.example.app');
    const build = st.addBuild({ appId: app.id, version: '7', marketingVersion: '2.0' });
    const [g1, g2] = groupsOf(st, app.id, 2);
    expect(
      (
        await h.call(
          'POST',
          `/v1/builds/${build.id}/relationships/betaGroups`,
          linkages('betaGroups', g1!, g2!),
        )
      ).status,
    ).toBe(204);
    st.addLocalization({ buildId: build.id, locale: 'en-US', whatsNew: 'New' });
    st.addReviewSubmission({ buildId: build.id, state: 'WAITING_FOR_REVIEW' });
    const r = await h.get(
      `/v1/builds?filter[app]=${app.id}&filter[version]=7&filter[preReleaseVersion.platform]=IOS` +
        '&include=buildBetaDetail,preReleaseVersion,betaGroups,betaBuildLocalizations,betaAppReviewSubmission' +
        '&limit[betaGroups]=50&limit[betaBuildLocalizations]=50',
    );
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(1);
    const rel = r.body.data[0].relationships;
    expect(rel.betaGroups.data.map((g: Resource) => g.id).sort()).toEqual([g1, g2].sort());
    expect(rel.betaAppReviewSubmission.data.type).toBe('betaAppReviewSubmissions');
    expect(includedTypes(r.body)).toEqual({
      buildBetaDetails: 1,
      preReleaseVersions: 1,
      betaGroups: 2,
      betaBuildLocalizations: 1,
      betaAppReviewSubmissions: 1,
    });
    expect(
      (await h.get(`/v1/builds?filter[app]=${app.id}&include=betaGroups&limit[betaGroups]=51`))
        .status,
    ).toBe(400);
  });
});

describe('the listed testers with their groups', () => {
  it('come in one request for comma-joined emails, only those of the app', async () => {
    h = await start();
    const st = h.fake.state;
    const app = addReviewableApp(st, 'com.example.app');
    const other = addReviewableApp(st, 'com.example.other');
    const [g1, g2] = groupsOf(st, app.id, 2);
    st.addTester({ email: 'a@example.com', appIds: [app.id], groupIds: [g1!, g2!] });
    st.addTester({ email: 'b@example.com', appIds: [app.id] });
    st.addTester({ email: 'c@example.com', appIds: [other.id] });
    const r = await h.get(
      `/v1/betaTesters?filter[apps]=${app.id}&filter[email]=a@example.com,B@example.com,c@example.com,new@example.com` +
        '&include=betaGroups&limit=200&limit[betaGroups]=50',
    );
    expect(r.status).toBe(200);
    const byEmail = Object.fromEntries(
      r.body.data.map((t: Resource & { relationships: { betaGroups: { data: Resource[] } } }) => [
        t.attributes?.email,
        t.relationships.betaGroups.data.map((g) => g.id).sort(),
      ]),
    );
    expect(byEmail).toEqual({ 'a@example.com': [g1, g2].sort(), 'b@example.com': [] });
    expect(includedTypes(r.body)).toEqual({ betaGroups: 2 });
    expect((await h.get('/v1/betaTesters?limit=201')).status).toBe(400);
    expect((await h.get('/v1/betaTesters?include=betaGroups&limit[betaGroups]=51')).status).toBe(
      400,
    );
  });

  it("page through all of an app's testers 200 at a time, each page with its testers' groups", async () => {
    h = await start();
    const st = h.fake.state;
    const app = addReviewableApp(st, 'com.example.app');
    const [group] = groupsOf(st, app.id, 1);
    for (let i = 0; i < 450; i++) {
      st.addTester({
        email: `t${i}@example.com`,
        appIds: [app.id],
        groupIds: i % 2 ? [group!] : [],
      });
    }
    let next: string | undefined =
      `/v1/betaTesters?filter[apps]=${app.id}&include=betaGroups&limit=200&limit[betaGroups]=50`;
    const sizes: number[] = [];
    let members = 0;
    while (next) {
      const page = await h.get(next.replace(h.fake.url, ''));
      sizes.push(page.body.data.length);
      for (const t of page.body.data) members += t.relationships.betaGroups.data.length;
      next = page.body.links.next;
    }
    expect(sizes).toEqual([200, 200, 50]);
    expect(members).toBe(225);
  });
});

describe('writes that batch', () => {
  it('puts a build in several groups, and many testers in a group, in one request each', async () => {
    h = await start();
    const st = h.fake.state;
    const app = addReviewableApp(st, 'com.example.app');
    const build = st.addBuild({ appId: app.id, version: '7' });
    const groupIds = groupsOf(st, app.id, 3);
    const toGroups = await h.call(
      'POST',
      `/v1/builds/${build.id}/relationships/betaGroups`,
      linkages('betaGroups', ...groupIds),
    );
    expect(toGroups.status).toBe(204);
    const ids = Array.from(
      { length: 1000 },
      (_, i) => st.addTester({ email: `m${i}@example.com`, appIds: [app.id] }).id,
    );
    const toGroup = await h.call(
      'POST',
      `/v1/betaGroups/${groupIds[0]}/relationships/betaTesters`,
      linkages('betaTesters', ...ids),
    );
    expect(toGroup.status).toBe(204);
    expect(st.groups.get(groupIds[0]!)!.testerIds.size).toBe(1000);
    for (const id of groupIds) expect(st.groups.get(id)!.buildIds.has(build.id)).toBe(true);
  });

  it('creates a new tester in several groups in one request, and one tester per request', async () => {
    h = await start();
    const st = h.fake.state;
    const app = addReviewableApp(st, 'com.example.app');
    const groupIds = groupsOf(st, app.id, 3);
    const created = await h.call(
      'POST',
      '/v1/betaTesters',
      createTester('new@example.com', groupIds),
    );
    expect(created.status).toBe(201);
    const tester = [...st.testers.values()].find((t) => t.email === 'new@example.com')!;
    for (const id of groupIds) expect(st.groups.get(id)!.testerIds.has(tester.id)).toBe(true);
    // The create body holds one tester: `data` is an object, not a list.
    const two = {
      data: [
        createTester('x@example.com', groupIds).data,
        createTester('y@example.com', groupIds).data,
      ],
    };
    expect((await h.call('POST', '/v1/betaTesters', two)).status).toBeGreaterThanOrEqual(400);
  });
});
