// JSON:API behaviour over HTTP: filters, fields, include, sort, limits, cursor paging, links, 404/400s.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from './collection-query.js';
import { harnessPerTest, type Harness } from './fake-harness.js';

let h: Harness;
const { start } = harnessPerTest((started) => (h = started));

async function withApp() {
  h = await start();
  const st = h.fake.state;
  const app = st.addApp({ bundleId: 'com.example.app', name: 'Example' });
  st.addApp({ bundleId: 'com.example.other', name: 'Other' });
  return { st, app };
}

describe('filters', () => {
  it('takes comma-joined values for filter[email] and filter[id], emails without case', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'G' });
    const a = st.addTester({ email: 'a@x.com', groupIds: [g.id] });
    const b = st.addTester({ email: 'B@y.com', groupIds: [g.id] });
    st.addTester({ email: 'c@z.com', groupIds: [g.id] });
    const byEmail = await h.get('/v1/betaTesters?filter[email]=a@x.com,b@y.com');
    expect(byEmail.body.data.map((t: { id: string }) => t.id).sort()).toEqual([a.id, b.id].sort());
    const byId = await h.get(`/v1/betaTesters?filter[id]=${b.id}`);
    expect(byId.body.data).toHaveLength(1);
    expect(byId.body.data[0].attributes.email).toBe('B@y.com');
  });

  it('finds apps by bundle id and builds by app, number, version, platform, state and expiry', async () => {
    const { st, app } = await withApp();
    expect((await h.get('/v1/apps?filter[bundleId]=com.example.app')).body.data[0].id).toBe(app.id);
    const b1 = st.addBuild({ appId: app.id, version: '7', marketingVersion: '1.0.0' });
    st.addBuild({ appId: app.id, version: '7', marketingVersion: '1.1.0' });
    st.addBuild({
      appId: app.id,
      version: '8',
      marketingVersion: '1.1.0',
      platform: 'MAC_OS',
      expired: true,
    });
    st.addBuild({ appId: app.id, version: '9', marketingVersion: '1.1.0', processingMs: 60_000 });
    const q = (s: string) =>
      h.get(`/v1/builds?filter[app]=${app.id}&${s}`).then((r) => r.body.data.length);
    expect(await q('filter[version]=7')).toBe(2);
    expect(await q('filter[version]=7&filter[preReleaseVersion.version]=1.0.0')).toBe(1);
    expect(await q('filter[preReleaseVersion.platform]=MAC_OS')).toBe(1);
    expect(await q('filter[processingState]=PROCESSING')).toBe(1);
    expect(await q('filter[processingState]=VALID,PROCESSING')).toBe(4);
    expect(await q('filter[expired]=true')).toBe(1);
    expect(await q('filter[expired]=false')).toBe(3);
    const r = await h.get(
      `/v1/builds?filter[app]=${app.id}&filter[version]=7&filter[preReleaseVersion.version]=1.0.0`,
    );
    expect(r.body.data[0].id).toBe(b1.id);
  });

  it('lists the groups that hold a build with filter[app] and filter[builds]', async () => {
    const { st, app } = await withApp();
    const build = st.addBuild({ appId: app.id, version: '1' });
    const holding = st.addGroup({ appId: app.id, name: 'Holding', buildIds: [build.id] });
    st.addGroup({ appId: app.id, name: 'Empty' });
    const r = await h.get(`/v1/betaGroups?filter[app]=${app.id}&filter[builds]=${build.id}`);
    expect(r.body.data.map((g: { id: string }) => g.id)).toEqual([holding.id]);
    const viaBuild = await h.get(`/v1/builds?filter[betaGroups]=${holding.id}`);
    expect(viaBuild.body.data.map((b: { id: string }) => b.id)).toEqual([build.id]);
  });

  it('filters testers by app and by group', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'G' });
    const t = st.addTester({ email: 'in@x.com', groupIds: [g.id] });
    st.addTester({ email: 'out@x.com' });
    expect(
      (await h.get(`/v1/betaTesters?filter[apps]=${app.id}`)).body.data.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([t.id]);
    expect((await h.get(`/v1/betaTesters?filter[betaGroups]=${g.id}`)).body.data).toHaveLength(1);
  });

  it("lists an app's groups and builds without filters, and refuses filters there", async () => {
    const { st, app } = await withApp();
    st.addGroup({ appId: app.id, name: 'G' });
    st.addBuild({ appId: app.id, version: '1' });
    expect((await h.get(`/v1/apps/${app.id}/betaGroups`)).body.data).toHaveLength(1);
    expect((await h.get(`/v1/apps/${app.id}/builds`)).body.data).toHaveLength(1);
    const refused = await h.get(`/v1/apps/${app.id}/builds?filter[version]=1`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].code).toBe('PARAMETER_ERROR.ILLEGAL');
  });
});

describe('documents', () => {
  it('trims attributes with fields[…] and adds included resources with include', async () => {
    const { st, app } = await withApp();
    const build = st.addBuild({ appId: app.id, version: '1', marketingVersion: '2.0' });
    const g = st.addGroup({ appId: app.id, name: 'G', buildIds: [build.id] });
    const r = await h.get(
      `/v1/builds/${build.id}?include=preReleaseVersion,buildBetaDetail,betaGroups&fields[builds]=version,processingState,preReleaseVersion,betaGroups,buildBetaDetail`,
    );
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.data.attributes).sort()).toEqual(['processingState', 'version']);
    expect(r.body.data.relationships.betaGroups.data).toEqual([{ type: 'betaGroups', id: g.id }]);
    expect(r.body.data.relationships.preReleaseVersion.data).toEqual({
      type: 'preReleaseVersions',
      id: build.preReleaseVersionId,
    });
    const types = r.body.included.map((x: { type: string }) => x.type).sort();
    expect(types).toEqual(['betaGroups', 'buildBetaDetails', 'preReleaseVersions']);
    const version = r.body.included.find((x: { type: string }) => x.type === 'preReleaseVersions');
    expect(version.attributes).toEqual({ version: '2.0', platform: 'IOS' });
    expect(r.body.links.self).toBe(
      `${h.fake.url}/v1/builds/${build.id}?include=preReleaseVersion%2CbuildBetaDetail%2CbetaGroups&fields%5Bbuilds%5D=version%2CprocessingState%2CpreReleaseVersion%2CbetaGroups%2CbuildBetaDetail`,
    );
    expect(h.fake.violations).toEqual([]);
  });

  it('gives every resource and relationship absolute links', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'G' });
    const r = await h.get(`/v1/betaGroups/${g.id}`);
    expect(r.body.data.links.self).toBe(`${h.fake.url}/v1/betaGroups/${g.id}`);
    expect(r.body.data.relationships.builds.links).toEqual({
      self: `${h.fake.url}/v1/betaGroups/${g.id}/relationships/builds`,
      related: `${h.fake.url}/v1/betaGroups/${g.id}/builds`,
    });
    expect(r.body.links.self).toBe(`${h.fake.url}/v1/betaGroups/${g.id}`);
  });

  it('sorts ascending and, with a leading -, descending, numbers as numbers', async () => {
    const { st, app } = await withApp();
    for (const v of ['9', '10', '2']) st.addBuild({ appId: app.id, version: v });
    const versions = async (sort: string) =>
      (await h.get(`/v1/builds?filter[app]=${app.id}&sort=${sort}`)).body.data.map(
        (b: { attributes: { version: string } }) => b.attributes.version,
      );
    expect(await versions('version')).toEqual(['2', '9', '10']);
    expect(await versions('-version')).toEqual(['10', '9', '2']);
    const refused = await h.get('/v1/builds?sort=bogus');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].code).toBe('PARAMETER_ERROR.INVALID');
  });
});

describe('paging', () => {
  it(`pages with a cursor and an absolute links.next that keeps the filters; default ${DEFAULT_PAGE_SIZE}`, async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'Big' });
    for (let i = 0; i < 120; i++) st.addTester({ email: `t${i}@example.com`, groupIds: [g.id] });
    const first = await h.get(`/v1/betaTesters?filter[betaGroups]=${g.id}`);
    expect(first.body.data).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(first.body.meta.paging).toEqual({ total: 120, limit: DEFAULT_PAGE_SIZE });
    const seen = new Set<string>(first.body.data.map((t: { id: string }) => t.id));
    let next: string | undefined = first.body.links.next;
    expect(next).toMatch(
      new RegExp(
        `^${h.fake.url}/v1/betaTesters\\?cursor=[^&]+&limit=50&filter%5BbetaGroups%5D=${g.id}$`,
      ),
    );
    let pages = 1;
    while (next) {
      const page = await h.get(next.slice(h.fake.url.length));
      page.body.data.forEach((t: { id: string }) => seen.add(t.id));
      next = page.body.links.next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(120);
  });

  it('builds links.next from the Host the request came to', async () => {
    const { st, app } = await withApp();
    for (let i = 0; i < 3; i++) st.addBuild({ appId: app.id, version: String(i) });
    const port = new URL(h.fake.url).port;
    const res = await fetch(`http://localhost:${port}/v1/builds?limit=2`, {
      headers: { authorization: `Bearer ${await h.token()}` },
    });
    const body = (await res.json()) as { links: { next: string } };
    expect(body.links.next).toMatch(new RegExp(`^http://localhost:${port}/v1/builds\\?cursor=`));
  });

  it('allows limit up to 200, limit[builds] up to 1000 on groups, other limit[…] up to 50', async () => {
    await withApp();
    expect((await h.get('/v1/betaGroups?limit=200')).status).toBe(200);
    const over = await h.get('/v1/betaGroups?limit=201');
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({
      code: 'PARAMETER_ERROR.INVALID',
      source: { parameter: 'limit' },
    });
    expect((await h.get('/v1/betaGroups?include=builds&limit[builds]=1000')).status).toBe(200);
    expect((await h.get('/v1/betaGroups?include=builds&limit[builds]=1001')).status).toBe(400);
    expect((await h.get('/v1/betaGroups?include=betaTesters&limit[betaTesters]=50')).status).toBe(
      200,
    );
    expect((await h.get('/v1/betaGroups?include=betaTesters&limit[betaTesters]=51')).status).toBe(
      400,
    );
    expect((await h.get('/v1/builds?limit=0')).status).toBe(400);
  });

  it('limits included to-many linkages and reports their total', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'G' });
    for (let i = 0; i < 5; i++) st.addTester({ email: `p${i}@x.com`, groupIds: [g.id] });
    const r = await h.get(`/v1/betaGroups/${g.id}?include=betaTesters&limit[betaTesters]=2`);
    expect(r.body.data.relationships.betaTesters.data).toHaveLength(2);
    expect(r.body.data.relationships.betaTesters.meta).toEqual({ paging: { total: 5, limit: 2 } });
    expect(r.body.included).toHaveLength(2);
  });

  it('refuses a cursor it did not make', async () => {
    await withApp();
    const r = await h.get('/v1/builds?cursor=bm9wZQ');
    expect(r.status).toBe(400);
    expect(r.body.errors[0].source).toEqual({ parameter: 'cursor' });
  });
});

describe('errors Apple sends for requests', () => {
  it('404 NOT_FOUND with Apple body for unknown IDs', async () => {
    await withApp();
    const r = await h.get('/v1/betaGroups/0d6f2e35-0000-4000-8000-000000000000');
    expect(r.status).toBe(404);
    expect(r.body.errors[0]).toMatchObject({
      status: '404',
      code: 'NOT_FOUND',
      title: 'The specified resource does not exist',
      detail:
        "There is no resource of type 'betaGroups' with id '0d6f2e35-0000-4000-8000-000000000000'",
    });
    expect(r.body.errors[0].id).toEqual(expect.any(String));
    expect((await h.get('/v1/apps/999/betaGroups')).status).toBe(404);
  });

  it('400 PARAMETER_ERROR.ILLEGAL for parameters the operation does not define', async () => {
    await withApp();
    for (const path of [
      '/v1/betaGroups?filter[bogus]=1',
      '/v1/betaTesters?filter[version]=1',
      '/v1/apps?include=nothing',
    ]) {
      const r = await h.get(path);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].code).toMatch(/^PARAMETER_ERROR\./);
    }
    // Apple's wording for a parameter the operation lacks (README "Evidence": MortenGregersen/Bagbutik#181).
    const illegal = await h.get('/v1/betaTesters?filter[version]=1');
    expect(illegal.body.errors[0]).toMatchObject({
      code: 'PARAMETER_ERROR.ILLEGAL',
      title: 'A given parameter is not allowed for this request',
      detail: "The parameter 'filter[version]' can not be used with this request",
    });
  });

  it('400 PARAMETER_ERROR.REQUIRED for betaAppReviewSubmissions without filter[build]', async () => {
    await withApp();
    const r = await h.get('/v1/betaAppReviewSubmissions');
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({
      code: 'PARAMETER_ERROR.REQUIRED',
      source: { parameter: 'filter[build]' },
    });
  });

  it('404 PATH_ERROR for paths Apple does not have and 405 for methods a path lacks', async () => {
    await withApp();
    const path = await h.get('/v1/builds/abc/betaGroups');
    expect(path.status).toBe(404);
    // Apple's answer (fastlane/fastlane #21524, MortenGregersen/Bagbutik #231).
    expect(path.body.errors[0]).toMatchObject({
      status: '404',
      code: 'PATH_ERROR',
      title: 'The URL path is not valid',
      detail: "'/v1/builds/abc/betaGroups' is not a valid URL",
    });
    expect((await h.get('/v1/apps/')).body.errors[0].detail).toBe("'/v1/apps/' is not a valid URL");
    const r = await h.call('PUT', '/v1/betaGroups');
    expect(r.status).toBe(405);
    expect(r.body.errors[0].code).toBe('METHOD_NOT_ALLOWED');
  });

  it('400 ENTITY_INVALID for a body that is not JSON, changing nothing', async () => {
    const { st, app } = await withApp();
    const r = await h.call('POST', '/v1/betaGroups', undefined, { raw: '{"data": {"type": ' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ status: '400', code: 'ENTITY_INVALID' });
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const patch = await h.call('PATCH', `/v1/betaGroups/${g.id}`, undefined, { raw: 'name=x' });
    expect(patch.body.errors[0].code).toBe('ENTITY_INVALID');
    expect(st.groups.size).toBe(1);
    expect(g.name).toBe('External');
  });
});
