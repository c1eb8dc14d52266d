// The client's calls on a group's records beside its settings: recruitment criteria (created, read through
// the group and for the whole app, changed, removed), Apple's compatible-build check, deleting the group, and
// every member of a group read 200 at a time.
import { describe, expect } from 'vitest';
import { integrationTest as it } from '../helpers/integration.js';

describe('recruitment criteria', () => {
  it('are created, read per group and per app, changed and removed, and answer the check', async ({
    startWithApp,
  }) => {
    const { api, fake, app } = await startWithApp();
    const st = fake.state;
    const build = st.addBuild({ appId: app.id, version: '1', minOsVersion: '17.0' });
    const beta = st.addGroup({ appId: app.id, name: 'Beta', buildIds: [build.id] });
    st.addGroup({ appId: app.id, name: 'Other' });
    expect(await api.readGroupRecruitmentCriteria(beta.id)).toBeNull();
    expect(await api.listRecruitmentCriteria(app.id)).toEqual([]);

    const created = await api.createRecruitmentCriteria(beta.id, [
      { deviceFamily: 'IPHONE', minimumOs: '17.0', maximumOs: null },
      { deviceFamily: 'IPAD', minimumOs: '16.0', maximumOs: '18.0' },
    ]);
    // Open ends are left out of the request, not sent as null.
    const post = fake.requests.find((r) => r.method === 'POST')!;
    expect((post.body as { data: { attributes: unknown } }).data.attributes).toEqual({
      deviceFamilyOsVersionFilters: [
        { deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' },
        { deviceFamily: 'IPAD', minimumOsInclusive: '16.0', maximumOsInclusive: '18.0' },
      ],
    });
    const expected = {
      id: created.id,
      groupId: beta.id,
      filters: [
        { deviceFamily: 'IPHONE', minimumOs: '17.0', maximumOs: null },
        { deviceFamily: 'IPAD', minimumOs: '16.0', maximumOs: '18.0' },
      ],
    };
    expect(created).toEqual(expected);
    expect(await api.readGroupRecruitmentCriteria(beta.id)).toEqual(expected);
    expect(await api.listRecruitmentCriteria(app.id)).toEqual([expected]);
    expect(await api.checkCompatibleBuild(beta.id)).toBe(true);

    await api.updateRecruitmentCriteria(created.id, [
      { deviceFamily: 'IPHONE', minimumOs: null, maximumOs: '16.4' },
    ]);
    expect((await api.readGroupRecruitmentCriteria(beta.id))?.filters).toEqual([
      { deviceFamily: 'IPHONE', minimumOs: null, maximumOs: '16.4' },
    ]);
    // The build needs iOS 17.0; the criteria now admit nothing past 16.4.
    expect(await api.checkCompatibleBuild(beta.id)).toBe(false);

    await api.deleteRecruitmentCriteria(created.id);
    expect(await api.readGroupRecruitmentCriteria(beta.id)).toBeNull();
  });
});

describe('deleteGroup', () => {
  it('deletes the group, keeps its testers, and counts a group already gone as done', async ({
    startWithApp,
  }) => {
    const { api, fake, app } = await startWithApp();
    const old = fake.state.addGroup({ appId: app.id, name: 'Old Beta' });
    const tester = fake.state.addTester({ email: 'stay@example.com', groupIds: [old.id] });
    await api.deleteGroup(old.id);
    expect(fake.state.groups.has(old.id)).toBe(false);
    expect(fake.state.testers.has(tester.id)).toBe(true);
    await api.deleteGroup(old.id);
    expect(fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([
      204, 404,
    ]);
  });
});

describe('listGroupMembers', () => {
  it('reads every member, 200 a page, with names and how each joined', async ({ startWithApp }) => {
    const { api, fake, app } = await startWithApp();
    const group = fake.state.addGroup({ appId: app.id, name: 'Big' });
    for (let i = 0; i < 250; i++) {
      fake.state.addTester({
        email: `t${i}@example.com`,
        firstName: i === 0 ? 'Jane' : null,
        groupIds: [group.id],
      });
    }
    const members = await api.listGroupMembers(group.id);
    expect(members).toHaveLength(250);
    expect(members[0]).toMatchObject({ email: 't0@example.com', firstName: 'Jane' });
    const reads = fake.requests.filter((r) => r.path === `/v1/betaGroups/${group.id}/betaTesters`);
    expect(reads).toHaveLength(2);
    expect(reads[0]!.query).toMatchObject({
      limit: '200',
      'fields[betaTesters]': 'email,firstName,lastName,state,inviteType',
    });
  });
});
