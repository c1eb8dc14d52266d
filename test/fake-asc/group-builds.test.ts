// Which builds a beta group accepts (Apple's 422s), through either side, and re-links.
import { describe, expect, it } from 'vitest';
import { linkages, harnessPerTest, type Harness } from './fake-harness.js';

let h: Harness;
const { withApp } = harnessPerTest((started) => (h = started));

describe('builds of a group', () => {
  it('adds and removes builds (204), lists them related and as linkages', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const b = st.addBuild({ appId: app.id, version: '1' });
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${g.id}/relationships/builds`,
          linkages('builds', b.id),
        )
      ).status,
    ).toBe(204);
    expect(
      (await h.get(`/v1/betaGroups/${g.id}/builds`)).body.data.map((x: { id: string }) => x.id),
    ).toEqual([b.id]);
    expect((await h.get(`/v1/betaGroups/${g.id}/relationships/builds`)).body.data).toEqual([
      { type: 'builds', id: b.id },
    ]);
    expect(
      (
        await h.call(
          'DELETE',
          `/v1/betaGroups/${g.id}/relationships/builds`,
          linkages('builds', b.id),
        )
      ).status,
    ).toBe(204);
    expect(g.buildIds.size).toBe(0);
  });

  it('adds through the build too: POST and DELETE /v1/builds/{id}/relationships/betaGroups', async () => {
    const { st, app } = await withApp();
    const g1 = st.addGroup({ appId: app.id, name: 'One' });
    const g2 = st.addGroup({ appId: app.id, name: 'Two' });
    const b = st.addBuild({ appId: app.id, version: '1' });
    expect(
      (
        await h.call(
          'POST',
          `/v1/builds/${b.id}/relationships/betaGroups`,
          linkages('betaGroups', g1.id, g2.id),
        )
      ).status,
    ).toBe(204);
    expect([g1.buildIds.has(b.id), g2.buildIds.has(b.id)]).toEqual([true, true]);
    expect(
      (
        await h.call(
          'DELETE',
          `/v1/builds/${b.id}/relationships/betaGroups`,
          linkages('betaGroups', g2.id),
        )
      ).status,
    ).toBe(204);
    expect(g2.buildIds.has(b.id)).toBe(false);
  });

  it('refuses with 422 a build into an internal group that has access to all builds; a manual one accepts it', async () => {
    const { st, app } = await withApp();
    const all = st.addGroup({
      appId: app.id,
      name: 'All',
      isInternal: true,
      hasAccessToAllBuilds: true,
    });
    const manual = st.addGroup({ appId: app.id, name: 'Manual', isInternal: true });
    const b = st.addBuild({ appId: app.id, version: '1' });
    const r = await h.call(
      'POST',
      `/v1/betaGroups/${all.id}/relationships/builds`,
      linkages('builds', b.id),
    );
    expect(r.status).toBe(422);
    // Apple's answer verbatim (README "Evidence": rorkai/App-Store-Connect-CLI#761, #1143).
    expect(r.body.errors[0]).toMatchObject({
      status: '422',
      code: 'ENTITY_UNPROCESSABLE',
      title: 'Builds cannot be assigned to this internal group.',
      detail: 'Cannot add internal group to a build.',
    });
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${manual.id}/relationships/builds`,
          linkages('builds', b.id),
        )
      ).status,
    ).toBe(204);
    // The all-builds group already holds every valid build.
    expect((await h.get(`/v1/betaGroups?filter[builds]=${b.id}`)).body.data).toHaveLength(2);
  });

  it('refuses with 422 builds that are processing, failed, invalid or expired', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const builds = [
      st.addBuild({ appId: app.id, version: '1', processingMs: 60_000 }),
      st.addBuild({ appId: app.id, version: '2', finalState: 'FAILED' }),
      st.addBuild({ appId: app.id, version: '3', finalState: 'INVALID' }),
      st.addBuild({ appId: app.id, version: '4', expired: true }),
    ];
    for (const b of builds) {
      const r = await h.call(
        'POST',
        `/v1/betaGroups/${g.id}/relationships/builds`,
        linkages('builds', b.id),
      );
      expect(r.status).toBe(422);
      expect(r.body.errors[0]).toMatchObject({
        code: 'ENTITY_UNPROCESSABLE',
        title: 'Build is not assignable.',
        detail: 'Build is not in an externally assignable state.',
      });
    }
    expect(g.buildIds.size).toBe(0);
  });

  it('refuses with 422 "not in an internally testable state" a processing build or one without export compliance in an internal group', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'Internal', isInternal: true });
    const processing = st.addBuild({ appId: app.id, version: '1', processingMs: 60_000 });
    const noCompliance = st.addBuild({
      appId: app.id,
      version: '2',
      usesNonExemptEncryption: null,
    });
    for (const b of [processing, noCompliance]) {
      const r = await h.call(
        'POST',
        `/v1/betaGroups/${g.id}/relationships/builds`,
        linkages('builds', b.id),
      );
      expect(r.status).toBe(422);
      expect(r.body.errors[0]).toMatchObject({
        code: 'ENTITY_UNPROCESSABLE',
        title: 'Build is not assignable.',
        detail: 'Build is not in an internally testable state.',
      });
    }
    expect(g.buildIds.size).toBe(0);
    // Once export compliance is answered, the same build goes in.
    noCompliance.usesNonExemptEncryption = false;
    expect(
      (
        await h.call(
          'POST',
          `/v1/builds/${noCompliance.id}/relationships/betaGroups`,
          linkages('betaGroups', g.id),
        )
      ).status,
    ).toBe(204);
  });

  it('refuses with 422 an INTERNAL_ONLY build and a build without export compliance in an external group', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const internalOnly = st.addBuild({ appId: app.id, version: '1', audience: 'INTERNAL_ONLY' });
    const noCompliance = st.addBuild({
      appId: app.id,
      version: '2',
      usesNonExemptEncryption: null,
    });
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${g.id}/relationships/builds`,
          linkages('builds', internalOnly.id),
        )
      ).status,
    ).toBe(422);
    const r = await h.call(
      'POST',
      `/v1/betaGroups/${g.id}/relationships/builds`,
      linkages('builds', noCompliance.id),
    );
    expect(r.status).toBe(422);
    expect(r.body.errors[0].title).toBe('Build is not assignable.');
    expect(r.body.errors[0].detail).toBe('Build is not in an externally assignable state.');
    const internal = st.addGroup({ appId: app.id, name: 'Internal', isInternal: true });
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${internal.id}/relationships/builds`,
          linkages('builds', internalOnly.id),
        )
      ).status,
    ).toBe(204);
  });

  it('answers 409 to a relink by default, as Apple does, and 204 with conflictOnRelink false', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const b = st.addBuild({ appId: app.id, version: '1' });
    g.buildIds.add(b.id);
    const r = await h.call(
      'POST',
      `/v1/betaGroups/${g.id}/relationships/builds`,
      linkages('builds', b.id),
    );
    expect(r.status).toBe(409);
    expect(r.body.errors[0].code).toBe('ENTITY_ERROR.RELATIONSHIP.INVALID');
    expect(r.body.errors[0].detail).toBe(
      "The relationship 'builds' includes a value that is already related to this resource.",
    );
    const reverse = await h.call(
      'POST',
      `/v1/builds/${b.id}/relationships/betaGroups`,
      linkages('betaGroups', g.id),
    );
    expect(reverse.status).toBe(409);
    expect(reverse.body.errors[0].detail).toMatch(/^The relationship 'betaGroups' /);
    expect(h.fake.violations).toEqual([]);
    const lenient = await withApp({ conflictOnRelink: false });
    const g2 = lenient.st.addGroup({ appId: lenient.app.id, name: 'External' });
    const b2 = lenient.st.addBuild({ appId: lenient.app.id, version: '1' });
    g2.buildIds.add(b2.id);
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${g2.id}/relationships/builds`,
          linkages('builds', b2.id),
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await h.call(
          'POST',
          `/v1/builds/${b2.id}/relationships/betaGroups`,
          linkages('betaGroups', g2.id),
        )
      ).status,
    ).toBe(204);
    expect([...g2.buildIds]).toEqual([b2.id]);
  });

  it('refuses a linkage with the wrong type, without data, or naming an unknown build', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const b = st.addBuild({ appId: app.id, version: '1' });
    const wrongType = await h.call(
      'POST',
      `/v1/betaGroups/${g.id}/relationships/builds`,
      linkages('betaTesters', b.id),
    );
    expect(wrongType.status).toBe(409);
    expect(wrongType.body.errors[0].source).toEqual({ pointer: '/data/0/type' });
    expect((await h.call('POST', `/v1/betaGroups/${g.id}/relationships/builds`, {})).status).toBe(
      409,
    );
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${g.id}/relationships/builds`,
          linkages('builds', 'nope'),
        )
      ).status,
    ).toBe(409);
    expect(
      (await h.call('POST', `/v1/betaGroups/nope/relationships/builds`, linkages('builds', b.id)))
        .status,
    ).toBe(404);
    expect(g.buildIds.size).toBe(0);
  });
});
