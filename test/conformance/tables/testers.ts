// Beta testers: lookups by email, app and group; create with groups; relationships; invitations; delete.
import { expect } from 'vitest';
import { dataIds, linkage, type Document, type Ids, type Table } from '../steps.js';

const only =
  (...names: string[]) =>
  (body: Document, ids: Ids) =>
    expect(dataIds(body).sort()).toEqual(names.map((n) => ids[n]).sort());

export const testers: Table = {
  title: 'beta testers',
  seed(state) {
    const app = state.addApp({ bundleId: 'com.example.testers', name: 'Testers' });
    const other = state.addApp({ bundleId: 'com.example.elsewhere', name: 'Elsewhere' });
    const build = state.addBuild({ appId: app.id, version: '7' });
    const group = state.addGroup({ appId: app.id, name: 'External' });
    const group2 = state.addGroup({ appId: app.id, name: 'Second' });
    const ada = state.addTester({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      appIds: [app.id],
      groupIds: [group.id],
    });
    const cy = state.addTester({ email: 'cy@example.com', appIds: [other.id] });
    return {
      app: app.id,
      other: other.id,
      build: build.id,
      group: group.id,
      group2: group2.id,
      ada: ada.id,
      cy: cy.id,
    };
  },
  steps: [
    {
      method: 'GET',
      path: '/v1/betaTesters',
      query: { 'filter[email]': 'ada@example.com', 'filter[apps]': '$app' },
      status: 200,
      note: 'DIGEST recipe 4 lookup',
      check: only('ada'),
    },
    {
      method: 'GET',
      path: '/v1/betaTesters',
      query: { 'filter[apps]': '$app' },
      status: 200,
      check: only('ada'),
    },
    {
      method: 'GET',
      path: '/v1/betaTesters',
      query: { 'filter[betaGroups]': '$group', include: 'betaGroups,apps', sort: 'email' },
      status: 200,
      check: only('ada'),
    },
    {
      method: 'POST',
      path: '/v1/betaTesters',
      body: {
        data: {
          type: 'betaTesters',
          attributes: { email: 'new@example.com', firstName: 'New', lastName: null },
          relationships: { betaGroups: linkage('betaGroups', '$group') },
        },
      },
      status: 201,
      save: 'created',
      check: (body) => expect(body.data.attributes?.email).toBe('new@example.com'),
    },
    {
      method: 'GET',
      path: '/v1/betaTesters',
      query: { 'filter[betaGroups]': '$group' },
      status: 200,
      note: 'the created tester is in the group',
      check: only('ada', 'created'),
    },
    {
      method: 'GET',
      path: '/v1/betaTesters/$ada',
      query: { include: 'apps,betaGroups,builds' },
      status: 200,
    },
    { method: 'GET', path: '/v1/betaTesters/$ada/apps', status: 200, check: only('app') },
    { method: 'GET', path: '/v1/betaTesters/$ada/relationships/apps', status: 200 },
    { method: 'GET', path: '/v1/betaTesters/$ada/betaGroups', status: 200, check: only('group') },
    { method: 'GET', path: '/v1/betaTesters/$ada/relationships/betaGroups', status: 200 },
    {
      method: 'POST',
      path: '/v1/betaTesters/$ada/relationships/betaGroups',
      body: linkage('betaGroups', '$group2'),
      status: 204,
    },
    {
      method: 'DELETE',
      path: '/v1/betaTesters/$ada/relationships/betaGroups',
      body: linkage('betaGroups', '$group2'),
      status: 204,
    },
    {
      method: 'POST',
      path: '/v1/betaTesters/$ada/relationships/builds',
      body: linkage('builds', '$build'),
      status: 204,
    },
    { method: 'GET', path: '/v1/betaTesters/$ada/builds', status: 200, check: only('build') },
    { method: 'GET', path: '/v1/betaTesters/$ada/relationships/builds', status: 200 },
    {
      method: 'DELETE',
      path: '/v1/betaTesters/$ada/relationships/builds',
      body: linkage('builds', '$build'),
      status: 204,
    },
    {
      method: 'POST',
      path: '/v1/betaTesterInvitations',
      body: {
        data: {
          type: 'betaTesterInvitations',
          relationships: {
            app: { data: { type: 'apps', id: '$app' } },
            betaTester: { data: { type: 'betaTesters', id: '$ada' } },
          },
        },
      },
      status: 201,
    },
    {
      method: 'DELETE',
      path: '/v1/apps/$app/relationships/betaTesters',
      body: linkage('betaTesters', '$created'),
      status: [202, 204],
    },
    {
      method: 'DELETE',
      path: '/v1/betaTesters/$cy/relationships/apps',
      body: linkage('apps', '$other'),
      status: [202, 204],
    },
    { method: 'DELETE', path: '/v1/betaTesters/$ada', status: [202, 204] },
    { method: 'GET', path: '/v1/betaTesters/$ada', status: 404, note: 'after DELETE' },
  ],
};
