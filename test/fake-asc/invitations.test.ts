// When a tester is invited: Apple shows NOT_INVITED until one of their groups offers a build (README "Evidence"):
// a VALID, unexpired one, which an external group offers only once Beta App Review approved it.
import { describe, expect, it } from 'vitest';
import { createTester, linkages, harnessPerTest, type Harness } from './fake-harness.js';

let h: Harness;
const { withApp } = harnessPerTest((started) => (h = started));

const MINUTE = 60_000;

/** A build Beta App Review approved, so external groups offer it. */
function approvedBuild(appId: string, version: string, options: { processingMs?: number } = {}) {
  const b = h.fake.state.addBuild({ appId, version, ...options });
  h.fake.state.addReviewSubmission({ buildId: b.id, state: 'APPROVED' });
  return b;
}

async function stateOf(testerId: string): Promise<string> {
  const r = await h.get(`/v1/betaTesters/${testerId}`);
  expect(r.status).toBe(200);
  return r.body.data.attributes.state as string;
}

describe('a tester’s invitation', () => {
  it('waits while the group has no build, and goes out when a build is added to it (either side)', async () => {
    const { st, app } = await withApp();
    const one = st.addGroup({ appId: app.id, name: 'One' });
    const two = st.addGroup({ appId: app.id, name: 'Two' });
    const created = await h.call('POST', '/v1/betaTesters', createTester('new@x.com', [one.id]));
    expect(created.body.data.attributes.state).toBe('NOT_INVITED');
    const linked = st.addTester({ email: 'linked@x.com' });
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${two.id}/relationships/betaTesters`,
          linkages('betaTesters', linked.id),
        )
      ).status,
    ).toBe(204);
    expect(await stateOf(linked.id)).toBe('NOT_INVITED');
    // A build only processing, or expired, offers nothing either.
    const processing = approvedBuild(app.id, '1', { processingMs: 10 * MINUTE });
    st.addBuild({ appId: app.id, version: '0', expired: true });
    expect(await stateOf(created.body.data.id)).toBe('NOT_INVITED');

    h.advance(10 * MINUTE);
    expect(
      (
        await h.call(
          'POST',
          `/v1/betaGroups/${one.id}/relationships/builds`,
          linkages('builds', processing.id),
        )
      ).status,
    ).toBe(204);
    expect([await stateOf(created.body.data.id), await stateOf(linked.id)]).toEqual([
      'INVITED',
      'NOT_INVITED',
    ]);
    expect(
      (
        await h.call(
          'POST',
          `/v1/builds/${processing.id}/relationships/betaGroups`,
          linkages('betaGroups', two.id),
        )
      ).status,
    ).toBe(204);
    expect(await stateOf(linked.id)).toBe('INVITED');
    expect(h.fake.violations).toEqual([]);
  });

  it('goes out at once to a tester created in, or linked to, a group that has a build', async () => {
    const { st, app } = await withApp();
    const b = approvedBuild(app.id, '1');
    const g = st.addGroup({ appId: app.id, name: 'External', buildIds: [b.id] });
    const created = await h.call('POST', '/v1/betaTesters', createTester('new@x.com', [g.id]));
    expect(created.status).toBe(201);
    expect(created.body.data.attributes.state).toBe('INVITED');
    const linked = st.addTester({ email: 'linked@x.com' });
    await h.call(
      'POST',
      `/v1/betaTesters/${linked.id}/relationships/betaGroups`,
      linkages('betaGroups', g.id),
    );
    expect(await stateOf(linked.id)).toBe('INVITED');
  });

  it('goes out to the testers of a group created with a build', async () => {
    const { st, app } = await withApp();
    const b = approvedBuild(app.id, '1');
    const t = st.addTester({ email: 'early@x.com' });
    const r = await h.call('POST', '/v1/betaGroups', {
      data: {
        type: 'betaGroups',
        attributes: { name: 'External' },
        relationships: {
          app: { data: { type: 'apps', id: app.id } },
          builds: linkages('builds', b.id),
          betaTesters: linkages('betaTesters', t.id),
        },
      },
    });
    expect(r.status).toBe(201);
    expect(await stateOf(t.id)).toBe('INVITED');
  });

  it('goes out to an all-builds internal group once the app has a VALID build, and not before', async () => {
    const { st, app } = await withApp();
    st.addTeamMember('dev@x.com');
    const all = st.addGroup({
      appId: app.id,
      name: 'Team',
      isInternal: true,
      hasAccessToAllBuilds: true,
    });
    const created = await h.call('POST', '/v1/betaTesters', createTester('dev@x.com', [all.id]));
    expect(created.body.data.attributes.state).toBe('NOT_INVITED');
    st.addBuild({ appId: app.id, version: '1', finalState: 'FAILED' });
    st.addBuild({ appId: app.id, version: '2', processingMs: 10 * MINUTE });
    expect(await stateOf(created.body.data.id)).toBe('NOT_INVITED');
    // The build finishes processing on the clock: no request made it available.
    h.advance(10 * MINUTE);
    expect(await stateOf(created.body.data.id)).toBe('INVITED');
    const later = await h.call('POST', '/v1/betaTesters', createTester('dev2@x.com', [all.id]));
    expect(later.status).toBe(409);
    st.addTeamMember('dev2@x.com');
    const member = await h.call('POST', '/v1/betaTesters', createTester('dev2@x.com', [all.id]));
    expect(member.body.data.attributes.state).toBe('INVITED');
  });

  it('goes out when sent explicitly; a removed build takes nothing back; seeded states stay', async () => {
    const { st, app } = await withApp();
    const b = approvedBuild(app.id, '1');
    const empty = st.addGroup({ appId: app.id, name: 'Empty' });
    const t = st.addTester({ email: 'asked@x.com', groupIds: [empty.id] });
    expect(await stateOf(t.id)).toBe('NOT_INVITED');
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
    expect(await stateOf(t.id)).toBe('INVITED');

    const g = st.addGroup({ appId: app.id, name: 'External', buildIds: [b.id] });
    const seeded = ['ACCEPTED', 'INSTALLED', 'REVOKED'] as const;
    const testers = seeded.map((state) =>
      st.addTester({ email: `${state}@x.com`, state, groupIds: [g.id] }),
    );
    const invited = st.addTester({ email: 'invited@x.com', groupIds: [g.id] });
    expect(await stateOf(invited.id)).toBe('INVITED');
    await h.call('DELETE', `/v1/betaGroups/${g.id}/relationships/builds`, linkages('builds', b.id));
    expect(await Promise.all([...testers, invited].map((x) => stateOf(x.id)))).toEqual([
      ...seeded,
      'INVITED',
    ]);
  });

  it('waits in an external group until Beta App Review approves the build; an internal one does not', async () => {
    const { st, app } = await withApp();
    st.addTeamMember('dev@x.com');
    const b = st.addBuild({ appId: app.id, version: '1' });
    const external = st.addGroup({ appId: app.id, name: 'External', buildIds: [b.id] });
    const internal = st.addGroup({
      appId: app.id,
      name: 'QA',
      isInternal: true,
      buildIds: [b.id],
    });
    const outside = await h.call(
      'POST',
      '/v1/betaTesters',
      createTester('new@x.com', [external.id]),
    );
    const dev = await h.call('POST', '/v1/betaTesters', createTester('dev@x.com', [internal.id]));
    expect([outside.body.data.attributes.state, dev.body.data.attributes.state]).toEqual([
      'NOT_INVITED',
      'INVITED',
    ]);
    const submission = st.addReviewSubmission({ buildId: b.id, state: 'WAITING_FOR_REVIEW' });
    expect(await stateOf(outside.body.data.id)).toBe('NOT_INVITED');
    submission.state = 'APPROVED';
    expect(await stateOf(outside.body.data.id)).toBe('INVITED');
  });
});
