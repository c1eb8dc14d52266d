// The client's metric reads against the fake: a group's tester usage (grouped by tester, summed, the first page
// only), its public link usage and the first page of its members; each sent once, so a 500 is no retry.
import { describe, expect } from 'vitest';
import { AscError } from '../../src/asc/index.js';
import { integrationTest as it, type StartWithApp } from '../helpers/integration.js';

async function groupWith(startWithApp: StartWithApp, testers: number) {
  const setup = await startWithApp();
  const st = setup.fake.state;
  const group = st.addGroup({ appId: setup.app.id, name: 'Beta', publicLinkEnabled: true });
  const members = Array.from({ length: testers }, (_, i) =>
    st.addTester({
      email: `t${i}@example.com`,
      groupIds: [group.id],
      state: i % 2 === 0 ? 'INSTALLED' : 'INVITED',
    }),
  );
  return { ...setup, st, group, members };
}

describe('readGroupTesterUsage', () => {
  it('asks for the period grouped by tester, 200 a page, and sums the entries', async ({
    startWithApp,
  }) => {
    const s = await groupWith(startWithApp, 3);
    s.st.addTesterUsage({ testerId: s.members[0]!.id, appId: s.app.id, sessions: 7, crashes: 2 });
    s.st.addTesterUsage({ testerId: s.members[2]!.id, appId: s.app.id, sessions: 1, feedback: 4 });
    const usage = await s.api.readGroupTesterUsage(s.group.id, 'P30D');
    expect(usage).toEqual({ sessions: 8, crashes: 2, feedback: 4, testers: 2, totalTesters: 2 });
    expect(s.fake.requests.map((r) => [r.path, r.query])).toEqual([
      [
        `/v1/betaGroups/${s.group.id}/metrics/betaTesterUsages`,
        { period: 'P30D', groupBy: 'betaTesters', limit: '200' },
      ],
    ]);
  });

  it('reads one page: past 200 testers with usage, it says how many there are in all', async ({
    startWithApp,
  }) => {
    const s = await groupWith(startWithApp, 203);
    for (const t of s.members)
      s.st.addTesterUsage({ testerId: t.id, appId: s.app.id, sessions: 1 });
    const usage = await s.api.readGroupTesterUsage(s.group.id, 'P30D');
    expect(usage).toMatchObject({ sessions: 200, testers: 200, totalTesters: 203 });
    expect(s.fake.requests).toHaveLength(1);
  });

  it('sends a metric once: a 500 fails the call at once, with no backoff', async ({
    startWithApp,
  }) => {
    const s = await groupWith(startWithApp, 1);
    s.fake.faults.add({
      kind: 'status',
      status: 500,
      body: 'json',
      path: /metrics/,
      times: Infinity,
    });
    await expect(s.api.readGroupTesterUsage(s.group.id, 'P30D')).rejects.toBeInstanceOf(AscError);
    await expect(s.api.readPublicLinkUsage(s.group.id)).rejects.toMatchObject({ status: 500 });
    expect(s.fake.requests).toHaveLength(2);
    expect(s.slept).toEqual([]);
  });
});

describe('readPublicLinkUsage and sampleGroupTesters', () => {
  it('sums the link’s views and accepts', async ({ startWithApp }) => {
    const s = await groupWith(startWithApp, 0);
    s.st.setPublicLinkUsage(s.group.id, { viewCount: 90, acceptedCount: 30, didNotAcceptCount: 8 });
    expect(await s.api.readPublicLinkUsage(s.group.id)).toEqual({
      views: 90,
      accepted: 30,
      didNotAccept: 8,
      didNotMeetCriteria: 0,
    });
  });

  it('reads the first 200 members with their state, and the group’s count', async ({
    startWithApp,
  }) => {
    const s = await groupWith(startWithApp, 201);
    const sample = await s.api.sampleGroupTesters(s.group.id);
    expect(sample.total).toBe(201);
    expect(sample.testers).toHaveLength(200);
    expect(sample.testers[0]).toMatchObject({ email: 't0@example.com', state: 'INSTALLED' });
    expect(s.fake.requests[0]!.query).toEqual({
      'fields[betaTesters]': 'email,state',
      limit: '200',
    });
  });
});
