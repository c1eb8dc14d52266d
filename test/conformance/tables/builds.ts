// Apps (read side), builds with every filter the project uses, pre-release versions, build beta details.
import { expect } from 'vitest';
import { dataIds, linkage, type Document, type Ids, type Table } from '../steps.js';

const HOUR = 3_600_000;
const only =
  (...names: string[]) =>
  (body: Document, ids: Ids) =>
    expect(dataIds(body).sort()).toEqual(names.map((n) => ids[n]).sort());

export const builds: Table = {
  title: 'apps, builds, pre-release versions and build beta details',
  seed(state) {
    const now = Date.now();
    const app = state.addApp({ bundleId: 'com.example.builds', name: 'Builds' });
    const other = state.addApp({ bundleId: 'com.example.other', name: 'Other' });
    const at = (hoursAgo: number) => now - hoursAgo * HOUR;
    const b42 = state.addBuild({
      appId: app.id,
      version: '42',
      marketingVersion: '1.2.0',
      uploadedAt: at(5),
    });
    const mac = state.addBuild({
      appId: app.id,
      version: '42',
      marketingVersion: '1.2.0',
      platform: 'MAC_OS',
      uploadedAt: at(4),
    });
    const old = state.addBuild({
      appId: app.id,
      version: '41',
      marketingVersion: '1.1.0',
      expired: true,
      uploadedAt: at(6),
    });
    const b43 = state.addBuild({
      appId: app.id,
      version: '43',
      marketingVersion: '1.3.0',
      uploadedAt: at(1),
      processingMs: 10 * HOUR,
    });
    const otherBuild = state.addBuild({ appId: other.id, version: '42', uploadedAt: at(3) });
    const group = state.addGroup({ appId: app.id, name: 'External', buildIds: [b42.id] });
    const group2 = state.addGroup({ appId: app.id, name: 'Second' });
    const tester = state.addTester({ email: 'ivy@example.com', appIds: [app.id] });
    return {
      app: app.id,
      b42: b42.id,
      mac: mac.id,
      old: old.id,
      b43: b43.id,
      otherBuild: otherBuild.id,
      group: group.id,
      group2: group2.id,
      tester: tester.id,
      prv: b42.preReleaseVersionId,
      detail: b42.buildBetaDetailId,
      missing: '00000000-0000-4000-8000-000000000000',
    };
  },
  steps: [
    {
      method: 'GET',
      path: '/v1/apps',
      query: { 'filter[bundleId]': 'com.example.builds' },
      status: 200,
      check: only('app'),
    },
    {
      method: 'GET',
      path: '/v1/apps/$app',
      query: { 'fields[apps]': 'name,bundleId,sku,primaryLocale' },
      status: 200,
    },
    {
      method: 'PATCH',
      path: '/v1/apps/$app',
      body: { data: { type: 'apps', id: '$app', attributes: { primaryLocale: 'en-GB' } } },
      status: 200,
      check: (body) => expect(body.data.attributes?.primaryLocale).toBe('en-GB'),
    },
    {
      method: 'GET',
      path: '/v1/apps/$app/betaGroups',
      query: { limit: '200' },
      status: 200,
      check: only('group', 'group2'),
    },
    { method: 'GET', path: '/v1/apps/$app/relationships/betaGroups', status: 200 },
    {
      method: 'GET',
      path: '/v1/apps/$app/builds',
      status: 200,
      check: only('b42', 'mac', 'old', 'b43'),
    },
    { method: 'GET', path: '/v1/apps/$app/relationships/builds', status: 200 },
    { method: 'GET', path: '/v1/apps/$app/preReleaseVersions', status: 200 },
    { method: 'GET', path: '/v1/apps/$app/relationships/preReleaseVersions', status: 200 },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[app]': '$app' },
      status: 200,
      check: only('b42', 'mac', 'old', 'b43'),
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[app]': '$app', 'filter[version]': '42' },
      status: 200,
      check: only('b42', 'mac'),
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: {
        'filter[app]': '$app',
        'filter[version]': '42',
        'filter[preReleaseVersion.version]': '1.2.0',
        'filter[preReleaseVersion.platform]': 'IOS',
        include: 'preReleaseVersion,buildBetaDetail,betaGroups',
      },
      status: 200,
      note: 'DIGEST recipe 2',
      check: (body, ids) => {
        only('b42')(body, ids);
        const types = new Set((body.included ?? []).map((r) => r.type));
        expect([...types].sort()).toEqual(['betaGroups', 'buildBetaDetails', 'preReleaseVersions']);
      },
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[app]': '$app', 'filter[preReleaseVersion.platform]': 'MAC_OS' },
      status: 200,
      check: only('mac'),
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[app]': '$app', 'filter[processingState]': 'PROCESSING' },
      status: 200,
      check: only('b43'),
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: {
        'filter[app]': '$app',
        'filter[processingState]': 'VALID',
        'filter[expired]': 'false',
      },
      status: 200,
      check: only('b42', 'mac'),
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[expired]': 'true', 'filter[app]': '$app' },
      status: 200,
      check: only('old'),
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[betaGroups]': '$group' },
      status: 200,
      check: only('b42'),
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[app]': '$app', sort: '-uploadedDate', limit: '1' },
      status: 200,
      note: 'newest build, first page',
      check: (body, ids) => {
        only('b43')(body, ids);
        const next = (body as unknown as { links: { next?: string } }).links.next;
        expect(next).toMatch(/cursor=/);
        ids.cursor = new URL(next!).searchParams.get('cursor')!;
      },
    },
    {
      method: 'GET',
      path: '/v1/builds',
      query: { 'filter[app]': '$app', sort: '-uploadedDate', limit: '1', cursor: '$cursor' },
      status: 200,
      note: 'second page through the cursor',
      check: only('mac'),
    },
    {
      method: 'GET',
      path: '/v1/builds/$b42',
      query: { include: 'preReleaseVersion,buildBetaDetail' },
      status: 200,
    },
    {
      method: 'PATCH',
      path: '/v1/builds/$b43',
      body: {
        data: { type: 'builds', id: '$b43', attributes: { usesNonExemptEncryption: false } },
      },
      status: 200,
    },
    {
      method: 'PATCH',
      path: '/v1/builds/$mac',
      body: { data: { type: 'builds', id: '$mac', attributes: { expired: true } } },
      status: 200,
      check: (body) => expect(body.data.attributes?.expired).toBe(true),
    },
    {
      method: 'POST',
      path: '/v1/builds/$b42/relationships/betaGroups',
      body: linkage('betaGroups', '$group2'),
      status: 204,
    },
    {
      method: 'DELETE',
      path: '/v1/builds/$b42/relationships/betaGroups',
      body: linkage('betaGroups', '$group2'),
      status: 204,
    },
    { method: 'GET', path: '/v1/builds/$b42/app', status: 200 },
    { method: 'GET', path: '/v1/builds/$b42/relationships/app', status: 200 },
    { method: 'GET', path: '/v1/builds/$b42/preReleaseVersion', status: 200 },
    { method: 'GET', path: '/v1/builds/$b42/relationships/preReleaseVersion', status: 200 },
    { method: 'GET', path: '/v1/builds/$b42/buildBetaDetail', status: 200 },
    { method: 'GET', path: '/v1/builds/$b42/relationships/buildBetaDetail', status: 200 },
    {
      method: 'POST',
      path: '/v1/builds/$b42/relationships/individualTesters',
      body: linkage('betaTesters', '$tester'),
      status: 204,
    },
    {
      method: 'GET',
      path: '/v1/builds/$b42/individualTesters',
      status: 200,
      check: only('tester'),
    },
    { method: 'GET', path: '/v1/builds/$b42/relationships/individualTesters', status: 200 },
    {
      method: 'DELETE',
      path: '/v1/builds/$b42/relationships/individualTesters',
      body: linkage('betaTesters', '$tester'),
      status: 204,
    },
    {
      method: 'GET',
      path: '/v1/preReleaseVersions',
      query: {
        'filter[app]': '$app',
        'filter[version]': '1.2.0',
        'filter[platform]': 'IOS',
        include: 'builds,app',
      },
      status: 200,
      check: only('prv'),
    },
    { method: 'GET', path: '/v1/preReleaseVersions/$prv', status: 200 },
    { method: 'GET', path: '/v1/preReleaseVersions/$prv/builds', status: 200, check: only('b42') },
    { method: 'GET', path: '/v1/preReleaseVersions/$prv/relationships/builds', status: 200 },
    { method: 'GET', path: '/v1/preReleaseVersions/$prv/app', status: 200 },
    { method: 'GET', path: '/v1/preReleaseVersions/$prv/relationships/app', status: 200 },
    {
      method: 'GET',
      path: '/v1/buildBetaDetails',
      query: { 'filter[build]': '$b42', include: 'build' },
      status: 200,
      check: only('detail'),
    },
    { method: 'GET', path: '/v1/buildBetaDetails/$detail', status: 200 },
    {
      method: 'PATCH',
      path: '/v1/buildBetaDetails/$detail',
      body: {
        data: { type: 'buildBetaDetails', id: '$detail', attributes: { autoNotifyEnabled: false } },
      },
      status: 200,
      check: (body) => expect(body.data.attributes?.autoNotifyEnabled).toBe(false),
    },
    { method: 'GET', path: '/v1/buildBetaDetails/$detail/build', status: 200 },
    { method: 'GET', path: '/v1/buildBetaDetails/$detail/relationships/build', status: 200 },
    { method: 'GET', path: '/v1/builds/$missing', status: 404, note: 'unknown build' },
  ],
};
