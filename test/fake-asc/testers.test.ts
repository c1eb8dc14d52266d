// Beta tester rules: create with groups, duplicates, team-only internal groups, group sizes, removals.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_INTERNAL_TESTERS } from './membership.js';
import { linkages, startHarness, type Harness } from './fake-harness.js';

let h: Harness;
afterEach(async () => {
  await h.fake.close();
});

async function withApp(options: Parameters<typeof startHarness>[0] = {}) {
  h = await startHarness(options);
  const st = h.fake.state;
  const app = st.addApp({ bundleId: 'com.example.app' });
  return { st, app };
}

function createTester(email: string, groupIds: string[], names: Record<string, string> = {}) {
  return {
    data: {
      type: 'betaTesters',
      attributes: { email, ...names },
      relationships: { betaGroups: { data: groupIds.map((id) => ({ type: 'betaGroups', id })) } },
    },
  };
}

describe('creating testers', () => {
  it('creates a tester in a group in one call; it belongs to the app and is INVITED', async () => {
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
      state: 'INVITED',
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
    await h.fake.close();
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

  it(`holds at most ${MAX_INTERNAL_TESTERS} testers in an internal group (409 STATE_ERROR)`, async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'Internal', isInternal: true });
    for (let i = 0; i < MAX_INTERNAL_TESTERS; i++) {
      st.addTeamMember(`m${i}@x.com`);
      st.addTester({ email: `m${i}@x.com`, groupIds: [g.id] });
    }
    st.addTeamMember('one-more@x.com');
    const extra = st.addTester({ email: 'one-more@x.com' });
    const r = await h.call(
      'POST',
      `/v1/betaGroups/${g.id}/relationships/betaTesters`,
      linkages('betaTesters', extra.id),
    );
    expect(r.status).toBe(409);
    expect(r.body.errors[0].code).toMatch(/^STATE_ERROR/);
    expect(r.body.errors[0].detail).toMatch(/at most 100/);
  });

  it('holds at most 10,000 testers in an external group (409 STATE_ERROR)', async () => {
    const { st, app } = await withApp();
    const g = st.addGroup({ appId: app.id, name: 'External' });
    // Seed the membership directly: 10,000 testers through the API would be a slow test.
    for (let i = 0; i < 10_000; i++) g.testerIds.add(`seeded-${i}`);
    const extra = st.addTester({ email: 'late@x.com' });
    const r = await h.call(
      'POST',
      `/v1/betaGroups/${g.id}/relationships/betaTesters`,
      linkages('betaTesters', extra.id),
    );
    expect(r.status).toBe(409);
    expect(r.body.errors[0].detail).toMatch(/at most 10000/);
  });

  it(`counts ${MAX_INTERNAL_TESTERS} internal testers per team, across the internal groups of every app`, async () => {
    const { st, app } = await withApp();
    const other = st.addApp({ bundleId: 'com.example.other' });
    const mine = st.addGroup({ appId: app.id, name: 'QA', isInternal: true });
    const theirs = st.addGroup({ appId: other.id, name: 'QA', isInternal: true });
    for (let i = 0; i < MAX_INTERNAL_TESTERS; i++) {
      st.addTeamMember(`m${i}@x.com`);
      st.addTester({ email: `m${i}@x.com`, groupIds: [i < 60 ? mine.id : theirs.id] });
    }
    st.addTeamMember('one-more@x.com');
    const extra = st.addTester({ email: 'one-more@x.com' });
    const refused = await h.call(
      'POST',
      `/v1/betaGroups/${theirs.id}/relationships/betaTesters`,
      linkages('betaTesters', extra.id),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject({ code: 'STATE_ERROR' });
    expect(refused.body.errors[0].detail).toMatch(/team can have at most 100/);
    // Someone already testing another app internally is no new internal tester of the team.
    const known = [...st.testers.values()].find((t) => t.email === 'm0@x.com')!;
    const joined = await h.call(
      'POST',
      `/v1/betaGroups/${theirs.id}/relationships/betaTesters`,
      linkages('betaTesters', known.id),
    );
    expect(joined.status).toBe(204);
    expect(h.fake.violations).toEqual([]);
  });

  it('counts 10,000 external testers per app, over its groups and individual testers, not per group', async () => {
    const { st, app } = await withApp();
    const other = st.addApp({ bundleId: 'com.example.other' });
    const a = st.addGroup({ appId: app.id, name: 'A' });
    const b = st.addGroup({ appId: app.id, name: 'B' });
    const elsewhere = st.addGroup({ appId: other.id, name: 'Elsewhere' });
    const build = st.addBuild({ appId: app.id, version: '1' });
    // Seeded directly: 10,000 testers through the API would be a slow test.
    for (let i = 0; i < 6_000; i++) a.testerIds.add(`seeded-a-${i}`);
    for (let i = 0; i < 3_999; i++) b.testerIds.add(`seeded-b-${i}`);
    const first = st.addTester({ email: 'first@x.com' });
    const second = st.addTester({ email: 'second@x.com' });
    expect(
      (
        await h.call(
          'POST',
          `/v1/builds/${build.id}/relationships/individualTesters`,
          linkages('betaTesters', first.id),
        )
      ).status,
    ).toBe(204);
    const full = await h.call(
      'POST',
      `/v1/betaGroups/${b.id}/relationships/betaTesters`,
      linkages('betaTesters', second.id),
    );
    expect(full.status).toBe(409);
    expect(full.body.errors[0].detail).toMatch(/app can have at most 10000/);
    const created = await h.call('POST', '/v1/betaTesters', createTester('third@x.com', [a.id]));
    expect(created.status).toBe(409);
    // The app's own tester moves freely between its groups; another app counts its own.
    const moved = await h.call(
      'POST',
      `/v1/betaGroups/${b.id}/relationships/betaTesters`,
      linkages('betaTesters', first.id),
    );
    expect(moved.status).toBe(204);
    const otherApp = await h.call(
      'POST',
      `/v1/betaGroups/${elsewhere.id}/relationships/betaTesters`,
      linkages('betaTesters', second.id),
    );
    expect(otherApp.status).toBe(204);
    expect(h.fake.violations).toEqual([]);
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
