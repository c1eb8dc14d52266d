// App encryption declarations (assigning an approved one answers a build's export compliance) and the team
// (`/v1/users`), including a key whose role may not list it.
import { describe, expect, it } from 'vitest';
import { linkages, harnessPerTest, type Harness } from './fake-harness.js';
import type { FakeApp, FakeState } from './types.js';

let h: Harness;
const { start, withApp } = harnessPerTest((started) => (h = started));

const ids = (body: { data: { id: string }[] }) => body.data.map((r) => r.id);

describe('app encryption declarations', () => {
  it('lists them per app, platform and build, and reads one through its build', async () => {
    const { st, app } = await withApp();
    const other = st.addApp({ bundleId: 'com.example.other' });
    const ios = st.addEncryptionDeclaration({ appId: app.id, platform: 'IOS' });
    const mac = st.addEncryptionDeclaration({
      appId: app.id,
      platform: 'MAC_OS',
      state: 'IN_REVIEW',
      exempt: false,
    });
    st.addEncryptionDeclaration({ appId: other.id });
    const build = st.addBuild({ appId: app.id, version: '1', encryptionDeclarationId: ios.id });
    expect(ids((await h.get(`/v1/appEncryptionDeclarations?filter[app]=${app.id}`)).body)).toEqual([
      ios.id,
      mac.id,
    ]);
    expect(
      ids(
        (await h.get(`/v1/appEncryptionDeclarations?filter[app]=${app.id}&filter[platform]=MAC_OS`))
          .body,
      ),
    ).toEqual([mac.id]);
    expect(
      ids((await h.get(`/v1/apps/${app.id}/appEncryptionDeclarations?filter[platform]=IOS`)).body),
    ).toEqual([ios.id]);
    expect(
      ids((await h.get(`/v1/appEncryptionDeclarations?filter[builds]=${build.id}`)).body),
    ).toEqual([ios.id]);
    const read = await h.get(`/v1/appEncryptionDeclarations/${mac.id}`);
    expect(read.body.data.attributes).toMatchObject({
      appEncryptionDeclarationState: 'IN_REVIEW',
      platform: 'MAC_OS',
      exempt: false,
      usesEncryption: true,
      codeValue: 'EXPORT-CODE-1',
    });
    expect((await h.get(`/v1/builds/${build.id}/appEncryptionDeclaration`)).body.data.id).toBe(
      ios.id,
    );
    expect(
      (await h.get(`/v1/builds/${build.id}/relationships/appEncryptionDeclaration`)).body.data,
    ).toEqual({ type: 'appEncryptionDeclarations', id: ios.id });
    const bare = st.addBuild({ appId: app.id, version: '2' });
    expect(
      (await h.get(`/v1/builds/${bare.id}/relationships/appEncryptionDeclaration`)).body.data,
    ).toBeNull();
    expect((await h.get(`/v1/builds/${bare.id}/appEncryptionDeclaration`)).body.data).toBeNull();
    expect(h.fake.violations).toEqual([]);
  });

  it('assigns an approved declaration to builds: export compliance answered, beta states follow', async () => {
    const { st, app } = await withApp();
    const approved = st.addEncryptionDeclaration({ appId: app.id, exempt: false });
    const b1 = st.addBuild({ appId: app.id, version: '1', usesNonExemptEncryption: null });
    const b2 = st.addBuild({ appId: app.id, version: '2', usesNonExemptEncryption: null });
    const state = async (id: string) =>
      (await h.get(`/v1/builds/${id}/buildBetaDetail`)).body.data.attributes;
    expect(await state(b1.id)).toMatchObject({
      internalBuildState: 'MISSING_EXPORT_COMPLIANCE',
      externalBuildState: 'MISSING_EXPORT_COMPLIANCE',
    });
    const r = await h.call(
      'POST',
      `/v1/appEncryptionDeclarations/${approved.id}/relationships/builds`,
      linkages('builds', b1.id, b2.id),
    );
    expect(r.status).toBe(204);
    for (const id of [b1.id, b2.id]) {
      expect((await h.get(`/v1/builds/${id}`)).body.data.attributes.usesNonExemptEncryption).toBe(
        true,
      );
      expect(await state(id)).toMatchObject({
        internalBuildState: 'READY_FOR_BETA_TESTING',
        externalBuildState: 'READY_FOR_BETA_SUBMISSION',
      });
    }
    const withBuilds = await h.get(`/v1/appEncryptionDeclarations/${approved.id}?include=builds`);
    expect(withBuilds.body.data.relationships.builds.data.map((d: { id: string }) => d.id)).toEqual(
      [b1.id, b2.id],
    );
    // An exempt declaration answers "no non-exempt encryption", through the build's own PATCH too.
    const exempt = st.addEncryptionDeclaration({ appId: app.id, exempt: true });
    const b3 = st.addBuild({ appId: app.id, version: '3', usesNonExemptEncryption: null });
    const patched = await h.call('PATCH', `/v1/builds/${b3.id}`, {
      data: {
        type: 'builds',
        id: b3.id,
        relationships: {
          appEncryptionDeclaration: { data: { type: 'appEncryptionDeclarations', id: exempt.id } },
        },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.attributes.usesNonExemptEncryption).toBe(false);
    expect(b3.encryptionDeclarationId).toBe(exempt.id);
    expect(h.fake.violations).toEqual([]);
  });

  it.each(['CREATED', 'IN_REVIEW', 'REJECTED', 'INVALID', 'EXPIRED'] as const)(
    'refuses to assign a declaration that is %s (409 STATE_ERROR), changing nothing',
    async (state) => {
      const { st, app } = await withApp();
      const declaration = st.addEncryptionDeclaration({ appId: app.id, state });
      const b = st.addBuild({ appId: app.id, version: '1', usesNonExemptEncryption: null });
      const r = await h.call(
        'POST',
        `/v1/appEncryptionDeclarations/${declaration.id}/relationships/builds`,
        linkages('builds', b.id),
      );
      expect(r.status).toBe(409);
      expect(r.body.errors[0]).toMatchObject({ code: 'STATE_ERROR' });
      expect(r.body.errors[0].detail).toContain(state);
      expect(b.usesNonExemptEncryption).toBeNull();
      expect(b.encryptionDeclarationId).toBeNull();
      const viaPatch = await h.call('PATCH', `/v1/builds/${b.id}`, {
        data: {
          type: 'builds',
          id: b.id,
          attributes: { expired: true },
          relationships: {
            appEncryptionDeclaration: {
              data: { type: 'appEncryptionDeclarations', id: declaration.id },
            },
          },
        },
      });
      expect(viaPatch.status).toBe(409);
      expect(b.expired).toBe(false);
      expect(h.fake.violations).toEqual([]);
    },
  );

  it('refuses builds of another app or platform, and unknown declarations and builds', async () => {
    const { st, app } = await withApp();
    const other = st.addApp({ bundleId: 'com.example.other' });
    const declaration = st.addEncryptionDeclaration({ appId: app.id, platform: 'IOS' });
    const foreign = st.addBuild({ appId: other.id, version: '1' });
    const mac = st.addBuild({ appId: app.id, version: '2', platform: 'MAC_OS' });
    const path = `/v1/appEncryptionDeclarations/${declaration.id}/relationships/builds`;
    for (const b of [foreign, mac]) {
      const r = await h.call('POST', path, linkages('builds', b.id));
      expect(r.status).toBe(409);
      expect(r.body.errors[0].code).toBe('ENTITY_ERROR.RELATIONSHIP.INVALID');
    }
    expect((await h.call('POST', path, linkages('builds', 'nope'))).status).toBe(409);
    const unknown = await h.call(
      'POST',
      '/v1/appEncryptionDeclarations/nope/relationships/builds',
      linkages('builds', mac.id),
    );
    expect(unknown.status).toBe(404);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('the team', () => {
  it('lists team members with their emails as usernames; filter[username] takes several, without case', async () => {
    const { st, app } = await withApp();
    st.addTeamMember('alice@example.com', {
      firstName: 'Alice',
      lastName: 'Admin',
      roles: ['ADMIN'],
    });
    st.addTeamMember('bob@example.com');
    // An email put into teamEmails directly is a team member too.
    st.teamEmails.add('carol@example.org');
    const all = await h.get('/v1/users?sort=username');
    expect(all.status).toBe(200);
    expect(
      all.body.data.map((u: { attributes: { username: string } }) => u.attributes.username),
    ).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.org']);
    expect(all.body.data[0].attributes).toEqual({
      username: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'Admin',
      roles: ['ADMIN'],
      allAppsVisible: true,
      provisioningAllowed: false,
    });
    const some = await h.get(
      '/v1/users?filter[username]=ALICE@example.com,carol@example.org,nobody@example.com',
    );
    expect(
      some.body.data.map((u: { attributes: { username: string } }) => u.attributes.username),
    ).toEqual(['alice@example.com', 'carol@example.org']);
    expect((await h.get('/v1/users?filter[roles]=ADMIN')).body.data).toHaveLength(1);
    const visible = await h.get(`/v1/users?filter[visibleApps]=${app.id}&include=visibleApps`);
    expect(visible.body.data).toHaveLength(3);
    expect(visible.body.included.map((r: { id: string }) => r.id)).toEqual([app.id]);
    expect(h.fake.violations).toEqual([]);
  });

  it('answers 403 FORBIDDEN_ERROR to a key whose role may not list users, and serves it the rest', async () => {
    h = await start({}, { canListUsers: false });
    h.fake.state.addTeamMember('alice@example.com');
    const r = await h.get('/v1/users');
    expect(r.status).toBe(403);
    expect(r.body.errors[0]).toMatchObject({
      status: '403',
      code: 'FORBIDDEN_ERROR',
      title: 'This request is forbidden for security reasons',
      detail: 'The API key in use does not allow this request',
    });
    expect((await h.get('/v1/apps')).status).toBe(200);
    expect(h.fake.violations).toEqual([]);
  });
});
