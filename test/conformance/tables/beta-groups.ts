// Every path of Apple's Beta Groups reference, plus the recruitment criteria read through a group.
import { expect } from 'vitest';
import { dataIds, linkage, type Table } from '../steps.js';

const criteria = (family: string, min: string) => ({
  deviceFamilyOsVersionFilters: [{ deviceFamily: family, minimumOsInclusive: min }],
});

export const betaGroups: Table = {
  title: 'beta groups',
  seed(state) {
    const app = state.addApp({ bundleId: 'com.example.groups', name: 'Groups' });
    const build = state.addBuild({ appId: app.id, version: '42', marketingVersion: '1.2.0' });
    const build2 = state.addBuild({ appId: app.id, version: '43', marketingVersion: '1.2.0' });
    const ada = state.addTester({ email: 'ada@example.com', firstName: 'Ada', appIds: [app.id] });
    const bob = state.addTester({ email: 'bob@example.com', appIds: [app.id] });
    const group = state.addGroup({
      appId: app.id,
      name: 'External',
      publicLinkEnabled: true,
      testerIds: [ada.id],
      buildIds: [build.id],
    });
    state.addGroup({ appId: app.id, name: 'Internal', isInternal: true });
    return {
      app: app.id,
      build: build.id,
      build2: build2.id,
      ada: ada.id,
      bob: bob.id,
      group: group.id,
    };
  },
  steps: [
    {
      method: 'GET',
      path: '/v1/betaGroups',
      query: {
        'filter[app]': '$app',
        'filter[name]': 'External',
        'filter[isInternalGroup]': 'false',
        include: 'app,builds,betaTesters,betaRecruitmentCriteria',
        'limit[builds]': '1000',
        'limit[betaTesters]': '50',
        sort: 'name',
        limit: '10',
      },
      status: 200,
      check: (body, ids) => {
        expect(dataIds(body)).toEqual([ids.group]);
        const included = (body.included ?? []).map((r) => `${r.type}/${r.id}`).sort();
        expect(included).toEqual(
          [`apps/${ids.app}`, `betaTesters/${ids.ada}`, `builds/${ids.build}`].sort(),
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/betaGroups',
      query: { 'filter[app]': '$app', 'fields[betaGroups]': 'name,isInternalGroup', sort: '-name' },
      status: 200,
      check: (body) => {
        expect(body.data.map((g) => g.attributes?.name)).toEqual(['Internal', 'External']);
        expect(Object.keys(body.data[0]?.attributes ?? {}).sort()).toEqual([
          'isInternalGroup',
          'name',
        ]);
      },
    },
    {
      method: 'POST',
      path: '/v1/betaGroups',
      body: {
        data: {
          type: 'betaGroups',
          attributes: { name: 'Created', publicLinkEnabled: false, feedbackEnabled: true },
          relationships: {
            app: { data: { type: 'apps', id: '$app' } },
            builds: linkage('builds', '$build'),
            betaTesters: linkage('betaTesters', '$bob'),
          },
        },
      },
      status: 201,
      save: 'created',
      check: (body) => expect(body.data.attributes?.name).toBe('Created'),
    },
    {
      method: 'GET',
      path: '/v1/betaGroups/$created',
      query: { include: 'builds,betaTesters' },
      status: 200,
    },
    {
      method: 'PATCH',
      path: '/v1/betaGroups/$created',
      body: {
        data: {
          type: 'betaGroups',
          id: '$created',
          attributes: {
            name: 'Renamed',
            publicLinkEnabled: true,
            publicLinkLimitEnabled: true,
            publicLinkLimit: 100,
            feedbackEnabled: false,
          },
        },
      },
      status: 200,
      check: (body) => {
        expect(body.data.attributes).toMatchObject({ name: 'Renamed', publicLinkLimit: 100 });
      },
    },
    { method: 'GET', path: '/v1/betaGroups/$group/app', status: 200 },
    { method: 'GET', path: '/v1/betaGroups/$group/relationships/app', status: 200 },
    {
      method: 'GET',
      path: '/v1/betaGroups/$group/builds',
      query: { 'fields[builds]': 'version,processingState', limit: '10' },
      status: 200,
      check: (body, ids) => expect(dataIds(body)).toEqual([ids.build]),
    },
    { method: 'GET', path: '/v1/betaGroups/$group/relationships/builds', status: 200 },
    { method: 'GET', path: '/v1/betaGroups/$group/betaTesters', status: 200 },
    {
      method: 'GET',
      path: '/v1/betaGroups/$group/relationships/betaTesters',
      query: { limit: '200' },
      status: 200,
      check: (body, ids) => expect(dataIds(body)).toEqual([ids.ada]),
    },
    {
      method: 'POST',
      path: '/v1/betaGroups/$group/relationships/builds',
      body: linkage('builds', '$build2'),
      status: 204,
    },
    {
      method: 'DELETE',
      path: '/v1/betaGroups/$group/relationships/builds',
      body: linkage('builds', '$build2'),
      status: 204,
    },
    {
      method: 'POST',
      path: '/v1/betaGroups/$group/relationships/betaTesters',
      body: linkage('betaTesters', '$bob'),
      status: 204,
    },
    {
      method: 'DELETE',
      path: '/v1/betaGroups/$group/relationships/betaTesters',
      body: linkage('betaTesters', '$bob'),
      status: 204,
    },
    {
      method: 'POST',
      path: '/v1/betaRecruitmentCriteria',
      body: {
        data: {
          type: 'betaRecruitmentCriteria',
          attributes: criteria('IPHONE', '17.0'),
          relationships: { betaGroup: { data: { type: 'betaGroups', id: '$group' } } },
        },
      },
      status: 201,
      save: 'criterion',
    },
    { method: 'GET', path: '/v1/betaGroups/$group/betaRecruitmentCriteria', status: 200 },
    {
      method: 'GET',
      path: '/v1/betaGroups/$group/relationships/betaRecruitmentCriteria',
      status: 200,
    },
    {
      method: 'PATCH',
      path: '/v1/betaRecruitmentCriteria/$criterion',
      body: {
        data: {
          type: 'betaRecruitmentCriteria',
          id: '$criterion',
          attributes: criteria('IPAD', '18.0'),
        },
      },
      status: 200,
    },
    {
      method: 'GET',
      path: '/v1/betaGroups/$group/betaRecruitmentCriterionCompatibleBuildCheck',
      status: 200,
    },
    {
      method: 'GET',
      path: '/v1/betaGroups/$group/relationships/betaRecruitmentCriterionCompatibleBuildCheck',
      status: 200,
    },
    { method: 'DELETE', path: '/v1/betaRecruitmentCriteria/$criterion', status: 204 },
    {
      method: 'GET',
      path: '/v1/betaGroups/$group/metrics/betaTesterUsages',
      query: { period: 'P30D', groupBy: 'betaTesters', limit: '10' },
      status: 200,
    },
    { method: 'GET', path: '/v1/betaGroups/$group/metrics/publicLinkUsages', status: 200 },
    { method: 'DELETE', path: '/v1/betaGroups/$created', status: 204 },
    { method: 'GET', path: '/v1/betaGroups/$created', status: 404, note: 'after DELETE' },
  ],
};
