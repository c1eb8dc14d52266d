// Usage metrics as Apple's spec shapes them (`…V1MetricResponse`: data[].dataPoints[].values, dimensions), from
// seeded usage: summed per tester over the period, paged, and the public link's views and accepts.
import { describe, expect, it } from 'vitest';
import { START, harnessPerTest, type Harness } from './fake-harness.js';

const DAY = 24 * 3600 * 1000;

let h: Harness;
const { start } = harnessPerTest((started) => (h = started));

async function groupWithTesters(count: number) {
  h = await start();
  const st = h.fake.state;
  const app = st.addApp({ bundleId: 'com.example.app' });
  const group = st.addGroup({ appId: app.id, name: 'Beta', publicLinkEnabled: true });
  const testers = Array.from({ length: count }, (_, i) =>
    st.addTester({ email: `t${i}@example.com`, groupIds: [group.id] }),
  );
  return { st, app, group, testers };
}

const usagePath = (groupId: string, query: string) =>
  `/v1/betaGroups/${groupId}/metrics/betaTesterUsages?${query}`;

describe('a group’s tester usage', () => {
  it('sums each member’s usage over the period, one entry per tester with usage, shaped as the spec says', async () => {
    const { st, app, group, testers } = await groupWithTesters(3);
    const [a, b, c] = testers;
    st.addTesterUsage({ testerId: a!.id, appId: app.id, sessions: 5, crashes: 1, feedback: 2 });
    st.addTesterUsage({ testerId: a!.id, appId: app.id, sessions: 3, at: START - 10 * DAY });
    // Outside 30 days, and another app's: neither counts.
    st.addTesterUsage({ testerId: a!.id, appId: app.id, sessions: 100, at: START - 40 * DAY });
    const other = st.addApp({ bundleId: 'com.example.other' });
    st.addTesterUsage({ testerId: b!.id, appId: other.id, sessions: 50 });
    st.addTesterUsage({ testerId: c!.id, appId: app.id, sessions: 1, feedback: 1 });

    const r = await h.get(usagePath(group.id, 'period=P30D&groupBy=betaTesters'));
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(2);
    expect(r.body.data[0]).toEqual({
      dataPoints: [
        {
          start: expect.any(String),
          end: expect.any(String),
          values: { crashCount: 1, sessionCount: 8, feedbackCount: 2 },
        },
      ],
      dimensions: {
        betaTesters: {
          links: {
            groupBy: `${h.fake.url}/v1/betaGroups/${group.id}/metrics/betaTesterUsages?groupBy=betaTesters`,
            related: `${h.fake.url}/v1/betaTesters/${a!.id}`,
          },
          data: a!.id,
        },
      },
    });
    expect(r.body.data[1].dimensions.betaTesters.data).toBe(c!.id);
    expect(
      Date.parse(r.body.data[0].dataPoints[0].end) - Date.parse(r.body.data[0].dataPoints[0].start),
    ).toBe(30 * DAY);
    expect(r.body.meta.paging).toEqual({ total: 2, limit: 50 });
    // A year without a period, as Apple's examples show: the usage of 40 days ago counts then.
    const year = await h.get(usagePath(group.id, 'groupBy=betaTesters'));
    expect(year.body.data[0].dataPoints[0].values.sessionCount).toBe(108);
    expect(h.fake.violations).toEqual([]);
  });

  it('is refused without groupBy or filter[betaTesters], as Apple documents', async () => {
    const { st, app, group, testers } = await groupWithTesters(2);
    st.addTesterUsage({ testerId: testers[1]!.id, appId: app.id, sessions: 4 });
    const refused = await h.get(usagePath(group.id, 'period=P30D'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'PARAMETER_ERROR.REQUIRED',
      source: { parameter: 'groupBy' },
    });
    const one = await h.get(usagePath(group.id, `filter[betaTesters]=${testers[1]!.id}`));
    expect(one.body.data.map((d: any) => d.dataPoints[0].values.sessionCount)).toEqual([4]);
    expect(h.fake.violations).toEqual([]);
  });

  it('pages the testers with usage, 200 at most a page, links.next carrying the cursor', async () => {
    const { st, app, group, testers } = await groupWithTesters(205);
    for (const t of testers) st.addTesterUsage({ testerId: t.id, appId: app.id, sessions: 1 });
    const first = await h.get(usagePath(group.id, 'groupBy=betaTesters&limit=200'));
    expect(first.body.data).toHaveLength(200);
    expect(first.body.meta.paging).toEqual({ total: 205, limit: 200 });
    const next = new URL(first.body.links.next);
    const second = await h.get(`${next.pathname}${next.search}`);
    expect(second.body.data).toHaveLength(5);
    expect(second.body.links.next).toBeUndefined();
    expect((await h.get(usagePath(group.id, 'groupBy=betaTesters&limit=201'))).status).toBe(400);
  });

  it('answers a tester’s own usage of an app (filter[apps], required)', async () => {
    const { st, app, testers } = await groupWithTesters(1);
    st.addTesterUsage({ testerId: testers[0]!.id, appId: app.id, sessions: 2, crashes: 1 });
    const r = await h.get(
      `/v1/betaTesters/${testers[0]!.id}/metrics/betaTesterUsages?filter[apps]=${app.id}`,
    );
    expect(r.body.data[0].dataPoints[0].values).toEqual({
      crashCount: 1,
      sessionCount: 2,
      feedbackCount: 0,
    });
    expect(r.body.data[0].dimensions.apps.data).toBe(app.id);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('a group’s public link usage', () => {
  it('counts the members who joined through the link as accepted, unless seeded otherwise', async () => {
    const { st, group } = await groupWithTesters(1);
    st.addTester({ email: 'joined@example.com', groupIds: [group.id], inviteType: 'PUBLIC_LINK' });
    const path = `/v1/betaGroups/${group.id}/metrics/publicLinkUsages`;
    const derived = await h.get(path);
    expect(derived.body.data[0].dataPoints[0].values).toMatchObject({
      viewCount: 1,
      acceptedCount: 1,
      didNotAcceptCount: 0,
    });
    st.setPublicLinkUsage(group.id, { viewCount: 120, acceptedCount: 40, didNotAcceptCount: 12 });
    st.setPublicLinkUsage(group.id, { didNotMeetCriteriaCount: 3 });
    const seeded = await h.get(path);
    expect(seeded.body.data[0].dataPoints[0].values).toEqual({
      viewCount: 120,
      acceptedCount: 40,
      didNotAcceptCount: 12,
      didNotMeetCriteriaCount: 3,
      notRelevantRatio: 0,
      notClearRatio: 0,
      notInterestingRatio: 0,
    });
    expect(h.fake.violations).toEqual([]);
  });

  it('has none for an internal group, which has no link', async () => {
    const { st, app } = await groupWithTesters(0);
    const internal = st.addGroup({ appId: app.id, name: 'QA', isInternal: true });
    const r = await h.get(`/v1/betaGroups/${internal.id}/metrics/publicLinkUsages`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([]);
  });
});
