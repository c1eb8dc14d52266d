// Beta tester rules: create with groups, duplicates, team-only internal groups, membership, removals.
import { describe, expect, it } from 'vitest';
import { createTester, linkages, harnessPerTest, type Harness } from './fake-harness.js';

let h: Harness;
const { withApp } = harnessPerTest((started) => (h = started));

describe('creating testers', () => {
  it('creates a tester in a group in one call; it belongs to the app, NOT_INVITED while the group has no build', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const r = await h.call(
      'POST',
      '/v1/betaTesters',
      createTester('new@example.com', [g.id], { firstName: 'New', lastName: 'Person' }),
    );
    expect(r.status).toBe(201);
    expect(r.body.data.attributes).toMatchObject({
      email: 'new@example.com',
      firstName: 'New',
      state: 'NOT_INVITED',
      inviteType: 'EMAIL',
    });
    const id = r.body.data.id;
    expect(g.testerIds.has(id)).toBe(true);
    expect(
      (await h.get(`/v1/betaTesters?filter[email]=new@example.com&filter[apps]=${app.id}`)).body
        .data,
    ).toHaveLength(1);
    expect(
      (await h.get(`/v1/betaTesters/${id}/betaGroups`)).body.data.map((x: { id: string }) => x.id),
    ).toEqual([g.id]);
    expect((await h.get(`/v1/betaTesters/${id}/relationships/apps`)).body.data).toEqual([
      { type: 'apps', id: app.id },
    ]);
    expect(h.fake.violations).toEqual([]);
  });

  it('refuses an email that already exists, whatever its case, with 409 ENTITY_ERROR', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    st.addTester({ email: 'Dup@Example.com', groupIds: [g.id] });
    const r = await h.call('POST', '/v1/betaTesters', createTester('dup@example.COM', [g.id]));
    expect(r.status).toBe(409);
    expect(r.body.errors[0]).toMatchObject({
      code: 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      source: { pointer: '/data/attributes/email' },
    });
    expect(st.testers.size).toBe(1);
  });

  it('refuses an invalid email, unknown attributes and a tester with no group or build', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    expect(
      (await h.call('POST', '/v1/betaTesters', createTester('not-an-email', [g.id]))).body.errors[0]
        .code,
    ).toBe('ENTITY_ERROR.ATTRIBUTE.INVALID');
    const unknown = await h.call(
      'POST',
      '/v1/betaTesters',
      createTester('a@b.co', [g.id], { nickname: 'x' }),
    );
    expect(unknown.body.errors[0].code).toBe('ENTITY_ERROR.ATTRIBUTE.UNKNOWN');
    const alone = await h.call('POST', '/v1/betaTesters', {
      data: { type: 'betaTesters', attributes: { email: 'a@b.co' } },
    });
    expect(alone.status).toBe(409);
    expect(st.testers.size).toBe(0);
  });

  it('refuses a non-team email in an internal group with 409 STATE_ERROR, and accepts a team member', async () => {
    const { st, app } = await withApp();
    const internal = st.addGroup({ appId: app.id, name: 'Internal', isInternal: true });
    st.addTeamMember('Dev@Example.com');
    const outsider = await h.call(
      'POST',
      '/v1/betaTesters',
      createTester('stranger@example.com', [internal.id]),
    );
    expect(outsider.status).toBe(409);
    // Apple's answer verbatim (README "Evidence": free2z/zuu#876, Apple forums thread 745785).
    expect(outsider.body.errors[0]).toMatchObject({
      code: 'STATE_ERROR',
      title: 'The request cannot be fulfilled because of the state of another resource.',
      detail: 'Tester(s) cannot be assigned',
    });
    expect(st.testers.size).toBe(0);
    expect(
      (await h.call('POST', '/v1/betaTesters', createTester('dev@example.com', [internal.id])))
        .status,
    ).toBe(201);
    const existing = st.addTester({ email: 'friend@example.com' });
    const link = await h.call(
      'POST',
      `/v1/betaGroups/${internal.id}/relationships/betaTesters`,
      linkages('betaTesters', existing.id),
    );
    expect(link.status).toBe(409);
    expect(link.body.errors[0].code).toMatch(/^STATE_ERROR/);
  });
});

describe('group membership', () => {
  it('adds existing testers to a group and removes them (204), from either side', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const a = st.addTester({ email: 'a@x.com' });
    const b = st.addTester({ email: 'b@x.com' });
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${g.id}/relationships/betaTesters`,
          linkages('betaTesters', a.id),
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaTesters/${b.id}/relationships/betaGroups`,
          linkages('betaGroups', g.id),
        )
      ).status,
    ).toBe(204);
    expect((await h.get(`/v1/betaGroups/${g.id}/betaTesters`)).body.data).toHaveLength(2);
    expect(
      (await h.get(`/v1/betaGroups/${g.id}/relationships/betaTesters`)).body.meta.paging.total,
    ).toBe(2);
    expect(a.appIds.has(app.id)).toBe(true);
    expect(
      (
        await h.call(
          'DELETE',
          `/v1/betaGroups/${g.id}/relationships/betaTesters`,
          linkages('betaTesters', a.id),
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await h.call(
          'DELETE',
          `/v1/betaTesters/${b.id}/relationships/betaGroups`,
          linkages('betaGroups', g.id),
        )
      ).status,
    ).toBe(204);
    expect(g.testerIds.size).toBe(0);
  });

  it('answers 409 to adding a member again by default (both ways), and 204 with conflictOnRelink false', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const a = st.addTester({ email: 'a@x.com', groupIds: [g.id] });
    const r = await h.call(
      'POST',
      `/v1/betaGroups/${g.id}/relationships/betaTesters`,
      linkages('betaTesters', a.id),
    );
    expect(r.status).toBe(409);
    expect(r.body.errors[0]).toMatchObject({
      code: 'ENTITY_ERROR.RELATIONSHIP.INVALID',
      detail:
        "The relationship 'betaTesters' includes a value that is already related to this resource.",
    });
    const reverse = await h.call(
      'POST',
      `/v1/betaTesters/${a.id}/relationships/betaGroups`,
      linkages('betaGroups', g.id),
    );
    expect(reverse.status).toBe(409);
    expect(reverse.body.errors[0].detail).toMatch(/^The relationship 'betaGroups' /);
    const lenient = await withApp({ conflictOnRelink: false });
    const g2 = lenient.st.addGroup({ appId: lenient.app.id, name: 'External' });
    const a2 = lenient.st.addTester({ email: 'a@x.com', groupIds: [g2.id] });
    for (const [path, body] of [
      [`/v1/betaGroups/${g2.id}/relationships/betaTesters`, linkages('betaTesters', a2.id)],
      [`/v1/betaTesters/${a2.id}/relationships/betaGroups`, linkages('betaGroups', g2.id)],
    ] as const) {
      expect((await h.call('POST', path, body)).status).toBe(204);
    }
    expect([...g2.testerIds]).toEqual([a2.id]);
  });
});

describe('removing testers', () => {
  it('deletes a tester (204) out of every group', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const t = st.addTester({ email: 'gone@x.com', groupIds: [g.id] });
    expect((await h.call('DELETE', `/v1/betaTesters/${t.id}`)).status).toBe(204);
    expect(g.testerIds.size).toBe(0);
    expect((await h.get(`/v1/betaTesters/${t.id}`)).status).toBe(404);
  });

  it('removes testers from an app and an app from a tester, with their groups', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    const a = st.addTester({ email: 'a@x.com', groupIds: [g.id] });
    const b = st.addTester({ email: 'b@x.com', groupIds: [g.id] });
    expect(
      (
        await h.call(
          'DELETE',
          `/v1/apps/${app.id}/relationships/betaTesters`,
          linkages('betaTesters', a.id),
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await h.call(
          'DELETE',
          `/v1/betaTesters/${b.id}/relationships/apps`,
          linkages('apps', app.id),
        )
      ).status,
    ).toBe(204);
    expect(g.testerIds.size).toBe(0);
    expect([a.appIds.size, b.appIds.size]).toEqual([0, 0]);
  });

  it('gives and takes individual builds, and sends invitations', async () => {
    const { st, app } = await withApp();
    const build = st.addBuild({ appId: app.id, version: '1' });
    const t = st.addTester({ email: 'solo@x.com' });
    expect(
      (
        await h.call(
          'POST',
          `/v1/builds/${build.id}/relationships/individualTesters`,
          linkages('betaTesters', t.id),
        )
      ).status,
    ).toBe(204);
    expect((await h.get(`/v1/builds/${build.id}/individualTesters`)).body.data).toHaveLength(1);
    expect((await h.get(`/v1/betaTesters/${t.id}/builds`)).body.data).toHaveLength(1);
    const invite = await h.call('POST', '/v1/betaTesterInvitations', {
      data: {
        type: 'betaTesterInvitations',
        relationships: {
          app: { data: { type: 'apps', id: app.id } },
          betaTester: { data: { type: 'betaTesters', id: t.id } },
        },
      },
    });
    expect(invite.status).toBe(201);
    expect(invite.body.data.type).toBe('betaTesterInvitations');
    expect(
      (
        await h.call(
          'DELETE',
          `/v1/betaTesters/${t.id}/relationships/builds`,
          linkages('builds', build.id),
        )
      ).status,
    ).toBe(204);
    expect(
      (await h.get(`/v1/builds/${build.id}/relationships/individualTesters`)).body.data,
    ).toEqual([]);
    expect(
      (await h.get(`/v1/betaTesters/${t.id}/metrics/betaTesterUsages?filter[apps]=${app.id}`))
        .status,
    ).toBe(200);
    expect((await h.get(`/v1/betaTesters/${t.id}/metrics/betaTesterUsages`)).status).toBe(400);
  });
});
