// Apple's tester caps, per team and per app rather than per group: 100 internal testers, 10,000 external.
import { describe, expect, it } from 'vitest';
import { MAX_INTERNAL_TESTERS } from './membership.js';
import { createTester, linkages, harnessPerTest, type Harness } from './fake-harness.js';

let h: Harness;
const { withApp } = harnessPerTest((started) => (h = started));

describe('tester caps', () => {
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
