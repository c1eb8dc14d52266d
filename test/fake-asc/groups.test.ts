// Beta group rules: create, read, update, delete, public links, and a group's recruitment and metrics.
import { describe, expect, it } from 'vitest';
import { linkages, harnessPerTest, type Harness } from './fake-harness.js';

let h: Harness;
const { withApp } = harnessPerTest((started) => (h = started));

function createBody(
  appId: string,
  attributes: Record<string, unknown>,
  relationships: Record<string, unknown> = {},
) {
  return {
    data: {
      type: 'betaGroups',
      attributes,
      relationships: { app: { data: { type: 'apps', id: appId } }, ...relationships },
    },
  };
}

const patch = (id: string, attributes: Record<string, unknown>) => ({
  data: { type: 'betaGroups', id, attributes },
});

describe('create, read, update, delete', () => {
  it('creates a group (201) that reads back, allows duplicate names, deletes with 204', async () => {
    const { st, app } = await withApp();
    const a = await h.call('POST', '/v1/betaGroups', createBody(app.id, { name: 'Beta' }));
    expect(a.status).toBe(201);
    expect(a.body.data.attributes).toMatchObject({
      name: 'Beta',
      isInternalGroup: false,
      publicLinkEnabled: false,
    });
    expect(a.body.links.self).toBe(`${h.fake.url}/v1/betaGroups/${a.body.data.id}`);
    const b = await h.call(
      'POST',
      '/v1/betaGroups',
      createBody(app.id, { name: 'Beta', isInternalGroup: true }),
    );
    expect(b.status).toBe(201);
    expect((await h.get(`/v1/betaGroups?filter[name]=Beta`)).body.data).toHaveLength(2);
    expect((await h.get(`/v1/betaGroups/${a.body.data.id}/app`)).body.data.id).toBe(app.id);
    expect((await h.get(`/v1/betaGroups/${a.body.data.id}/relationships/app`)).body.data).toEqual({
      type: 'apps',
      id: app.id,
    });
    expect((await h.call('DELETE', `/v1/betaGroups/${a.body.data.id}`)).status).toBe(204);
    expect((await h.get(`/v1/betaGroups/${a.body.data.id}`)).status).toBe(404);
    expect(st.groups.size).toBe(1);
    expect(h.fake.violations).toEqual([]);
  });

  it('gives a new external group its link ID and the 10,000 limit, link off, as Apple does; an internal one nulls', async () => {
    const { app } = await withApp();
    const external = await h.call('POST', '/v1/betaGroups', createBody(app.id, { name: 'New' }));
    expect(external.status).toBe(201);
    const attributes = external.body.data.attributes;
    // recorded/fastlane__testflight__beta_create_group.json
    expect(attributes).toMatchObject({
      publicLinkEnabled: false,
      publicLinkLimitEnabled: false,
      publicLinkLimit: 10000,
      hasAccessToAllBuilds: null,
    });
    expect(attributes.publicLinkId).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(attributes.publicLink).toBe(
      `https://testflight.apple.com/join/${attributes.publicLinkId}`,
    );
    const limited = await h.call(
      'POST',
      '/v1/betaGroups',
      createBody(app.id, { name: 'Limited', publicLinkLimitEnabled: true, publicLinkLimit: 50 }),
    );
    expect(limited.body.data.attributes).toMatchObject({
      publicLinkLimitEnabled: true,
      publicLinkLimit: 50,
    });
    const internal = await h.call(
      'POST',
      '/v1/betaGroups',
      createBody(app.id, { name: 'Team', isInternalGroup: true }),
    );
    expect(internal.body.data.attributes).toMatchObject({
      hasAccessToAllBuilds: false,
      publicLinkEnabled: null,
      publicLinkId: null,
      publicLinkLimitEnabled: null,
      publicLinkLimit: null,
      publicLink: null,
    });
    // The ID stays the group's: enabling the link later shows the same one.
    const read = await h.get(`/v1/betaGroups/${external.body.data.id}`);
    expect(read.body.data.attributes.publicLinkId).toBe(attributes.publicLinkId);
    expect(h.fake.violations).toEqual([]);
  });

  it('refuses a create without the app relationship or with an unknown app', async () => {
    const { app } = await withApp();
    const noApp = await h.call('POST', '/v1/betaGroups', {
      data: { type: 'betaGroups', attributes: { name: 'X' }, relationships: {} },
    });
    expect(noApp.status).toBe(409);
    expect(noApp.body.errors[0]).toMatchObject({
      code: 'ENTITY_ERROR.RELATIONSHIP.REQUIRED',
      source: { pointer: '/data/relationships/app' },
    });
    const unknown = await h.call('POST', '/v1/betaGroups', createBody(`${app.id}9`, { name: 'X' }));
    expect(unknown.status).toBe(409);
    expect(unknown.body.errors[0].code).toBe('ENTITY_ERROR.RELATIONSHIP.INVALID');
  });

  it('refuses attributes an update cannot change (isInternalGroup, hasAccessToAllBuilds)', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'G' });
    const r = await h.call(
      'PATCH',
      `/v1/betaGroups/${g.id}`,
      patch(g.id, { isInternalGroup: true }),
    );
    expect(r.status).toBe(409);
    expect(r.body.errors[0]).toMatchObject({
      code: 'ENTITY_ERROR.ATTRIBUTE.UNKNOWN',
      source: { pointer: '/data/attributes/isInternalGroup' },
    });
    expect(g.isInternal).toBe(false);
  });

  it('updates name and feedback, and refuses a body id that is not the path id', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'Old' });
    const ok = await h.call(
      'PATCH',
      `/v1/betaGroups/${g.id}`,
      patch(g.id, { name: 'New', feedbackEnabled: false }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.data.attributes).toMatchObject({ name: 'New', feedbackEnabled: false });
    const mismatch = await h.call('PATCH', `/v1/betaGroups/${g.id}`, patch('other', { name: 'X' }));
    expect(mismatch.status).toBe(409);
  });
});

describe('public links', () => {
  it('refuses public-link settings on an internal group with 409', async () => {
    const { st, app } = await withApp();
    const created = await h.call(
      'POST',
      '/v1/betaGroups',
      createBody(app.id, { name: 'I', isInternalGroup: true, publicLinkEnabled: true }),
    );
    expect(created.status).toBe(409);
    const g = st.addGroup({ appId: app.id, name: 'Internal', isInternal: true });
    for (const attrs of [
      { publicLinkEnabled: true },
      { publicLinkLimit: 10 },
      { publicLinkLimitEnabled: false },
    ]) {
      const r = await h.call('PATCH', `/v1/betaGroups/${g.id}`, patch(g.id, attrs));
      expect(r.status).toBe(409);
      expect(r.body.errors[0].code).toMatch(/^ENTITY_ERROR/);
    }
  });

  it('refuses publicLinkLimit outside 1..10000 with ENTITY_ERROR.ATTRIBUTE.INVALID at its pointer', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    for (const limit of [0, 10_001]) {
      const r = await h.call(
        'PATCH',
        `/v1/betaGroups/${g.id}`,
        patch(g.id, { publicLinkLimit: limit }),
      );
      expect(r.status).toBe(409);
      expect(r.body.errors[0]).toMatchObject({
        code: 'ENTITY_ERROR.ATTRIBUTE.INVALID',
        source: { pointer: '/data/attributes/publicLinkLimit' },
      });
    }
    for (const limit of [1, 10_000]) {
      expect(
        (await h.call('PATCH', `/v1/betaGroups/${g.id}`, patch(g.id, { publicLinkLimit: limit })))
          .status,
      ).toBe(200);
    }
  });

  it('enables a link only once the group has a build, then gives it an id and URL', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const early = await h.call(
      'PATCH',
      `/v1/betaGroups/${g.id}`,
      patch(g.id, { publicLinkEnabled: true }),
    );
    expect(early.status).toBe(409);
    expect(early.body.errors[0].code).toMatch(/^STATE_ERROR/);
    const build = st.addBuild({ appId: app.id, version: '1' });
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${g.id}/relationships/builds`,
          linkages('builds', build.id),
        )
      ).status,
    ).toBe(204);
    const r = await h.call(
      'PATCH',
      `/v1/betaGroups/${g.id}`,
      patch(g.id, { publicLinkEnabled: true, publicLinkLimitEnabled: true, publicLinkLimit: 100 }),
    );
    expect(r.status).toBe(200);
    const { publicLinkId, publicLink } = r.body.data.attributes;
    expect(publicLinkId).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(publicLink).toBe(`https://testflight.apple.com/join/${publicLinkId}`);
    expect(
      (await h.get(`/v1/betaGroups?filter[publicLink]=${encodeURIComponent(publicLink)}`)).body
        .data,
    ).toHaveLength(1);
  });
});

describe('recruitment, compatible-build check and metrics of a group', () => {
  it('serves criteria through the group, the compatible-build check and both metrics', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    expect(
      (await h.get(`/v1/betaGroups/${g.id}/betaRecruitmentCriterionCompatibleBuildCheck`)).body.data
        .attributes,
    ).toEqual({ hasCompatibleBuild: false });
    const created = await h.call('POST', '/v1/betaRecruitmentCriteria', {
      data: {
        type: 'betaRecruitmentCriteria',
        attributes: {
          deviceFamilyOsVersionFilters: [{ deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' }],
        },
        relationships: { betaGroup: { data: { type: 'betaGroups', id: g.id } } },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect((await h.get(`/v1/betaGroups/${g.id}/betaRecruitmentCriteria`)).body.data.id).toBe(id);
    expect(
      (await h.get(`/v1/betaGroups/${g.id}/relationships/betaRecruitmentCriteria`)).body.data,
    ).toEqual({ type: 'betaRecruitmentCriteria', id });
    const again = await h.call('POST', '/v1/betaRecruitmentCriteria', {
      data: {
        type: 'betaRecruitmentCriteria',
        attributes: { deviceFamilyOsVersionFilters: [] },
        relationships: { betaGroup: { data: { type: 'betaGroups', id: g.id } } },
      },
    });
    expect(again.status).toBe(409);
    const patched = await h.call('PATCH', `/v1/betaRecruitmentCriteria/${id}`, {
      data: {
        type: 'betaRecruitmentCriteria',
        id,
        attributes: { deviceFamilyOsVersionFilters: [{ deviceFamily: 'IPAD' }] },
      },
    });
    expect(patched.body.data.attributes.deviceFamilyOsVersionFilters).toEqual([
      { deviceFamily: 'IPAD' },
    ]);
    expect((await h.call('DELETE', `/v1/betaRecruitmentCriteria/${id}`)).status).toBe(204);
    // The metrics' values are metrics.test.ts's; here, that both are served for a group.
    expect((await h.get(`/v1/betaGroups/${g.id}/metrics/publicLinkUsages`)).status).toBe(200);
    const usage = await h.get(
      `/v1/betaGroups/${g.id}/metrics/betaTesterUsages?period=P30D&groupBy=betaTesters`,
    );
    expect(usage.status).toBe(200);
    expect(usage.body.data).toEqual([]);
    expect(
      (
        await h.get(
          `/v1/betaGroups/${g.id}/metrics/betaTesterUsages?period=P2D&groupBy=betaTesters`,
        )
      ).status,
    ).toBe(400);
    expect(h.fake.violations.filter((v) => v.direction === 'response')).toEqual([]);
  });

  it("checks compatibility against the criteria: family, the build's minimum OS, the range's top", async () => {
    const { st, app } = await withApp();
    const ios = st.addBuild({ appId: app.id, version: '1', minOsVersion: '17.0' });
    const g = st.addGroup({ appId: app.id, name: 'External', buildIds: [ios.id] });
    const check = async () =>
      (await h.get(`/v1/betaGroups/${g.id}/betaRecruitmentCriterionCompatibleBuildCheck`)).body.data
        .attributes.hasCompatibleBuild as boolean;
    // No criteria: any installable build.
    expect(await check()).toBe(true);
    const criteria = (filters: unknown[]) =>
      st.recruitmentCriteria.set('c1', {
        id: 'c1',
        groupId: g.id,
        deviceFamilyOsVersionFilters: filters,
        modifiedAt: 0,
      });
    criteria([{ deviceFamily: 'IPHONE', minimumOsInclusive: '16.0', maximumOsInclusive: '18.0' }]);
    expect(await check()).toBe(true);
    // Devices up to iOS 16.4 cannot run a build that needs 17.0.
    criteria([{ deviceFamily: 'IPHONE', maximumOsInclusive: '16.4' }]);
    expect(await check()).toBe(false);
    // An iOS build reaches Apple TV never, and a Mac only when the group offers iOS builds there.
    criteria([{ deviceFamily: 'APPLE_TV' }, { deviceFamily: 'MAC' }]);
    expect(await check()).toBe(false);
    g.iosBuildsAvailableForAppleSiliconMac = true;
    expect(await check()).toBe(true);
    // An expired build does not count.
    ios.expired = true;
    expect(await check()).toBe(false);
  });
});
