import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpecValidator, type SpecValidator } from './spec-validator.js';

let v: SpecValidator;
beforeAll(async () => {
  v = await loadSpecValidator();
});

const get = (path: string, query: Record<string, string> = {}) =>
  v.validateRequest({ method: 'GET', path, query, body: undefined });
const createGroup = (attributes: Record<string, unknown>) =>
  v.validateRequest({
    method: 'POST',
    path: '/v1/betaGroups',
    query: {},
    body: {
      data: {
        type: 'betaGroups',
        attributes,
        relationships: { app: { data: { type: 'apps', id: 'app1' } } },
      },
    },
  });
const group = (attributes: Record<string, unknown>) => ({
  data: { type: 'betaGroups', id: 'g1', attributes },
  links: { self: 'http://127.0.0.1:1/v1/betaGroups/g1' },
});

describe('loadSpecValidator', () => {
  it('builds the validator once per process', async () => {
    expect(await loadSpecValidator()).toBe(v);
  });
});

describe('validateRequest', () => {
  it('accepts a build lookup with comma-joined includes, filters, limit and a paging cursor', () => {
    const query = {
      'filter[app]': 'app1',
      'filter[version]': '42',
      'filter[preReleaseVersion.platform]': 'IOS,MAC_OS',
      'filter[processingState]': 'VALID,PROCESSING',
      include: 'preReleaseVersion,buildBetaDetail',
      sort: '-uploadedDate',
      limit: '200',
      cursor: 'Ag.GYoEMQ',
    };
    expect(get('/v1/builds', query)).toEqual([]);
  });

  it('accepts a valid body and a linkage DELETE with its body', () => {
    expect(createGroup({ name: 'QA', publicLinkLimit: 10 })).toEqual([]);
    const linkage = { data: [{ type: 'betaTesters', id: 't1' }] };
    const path = '/v1/betaGroups/g1/relationships/betaTesters';
    expect(v.validateRequest({ method: 'DELETE', path, query: {}, body: linkage })).toEqual([]);
  });

  it('rejects a path or a method the spec does not have', () => {
    expect(get('/v1/betaGroupz')).toEqual(["GET /v1/betaGroupz: Apple's spec has no such path"]);
    const put = v.validateRequest({ method: 'PUT', path: '/v1/builds/b1', query: {}, body: {} });
    expect(put).toEqual(["PUT /v1/builds/b1: Apple's spec has no such method for this path"]);
  });

  it('rejects a query parameter the operation does not define', () => {
    expect(get('/v1/apps/app1/builds', { 'filter[version]': '42' })).toEqual([
      'GET /v1/apps/{id}/builds: query parameter filter[version] is not defined for this operation',
    ]);
  });

  it('checks each item of a comma-joined enum parameter', () => {
    expect(get('/v1/builds', { include: 'preReleaseVersion,bogus' })).toEqual([
      expect.stringMatching(
        /^GET \/v1\/builds: query parameter include item 1 is "bogus", not one of preReleaseVersion, /,
      ),
    ]);
  });

  it('keeps a single-value parameter whole and checks its enum', () => {
    const path = '/v1/betaGroups/g1/metrics/betaTesterUsages';
    expect(get(path, { period: 'P30D', groupBy: 'betaTesters' })).toEqual([]);
    expect(get(path, { period: 'P30D,P7D' })).toEqual([
      'GET /v1/betaGroups/{id}/metrics/betaTesterUsages: query parameter period is "P30D,P7D", not one of P7D, P30D, P90D, P365D',
    ]);
    expect(get('/v1/betaTesters/t1/metrics/betaTesterUsages', { period: 'P7D' })).toEqual([
      'GET /v1/betaTesters/{id}/metrics/betaTesterUsages: query parameter filter[apps] is required',
    ]);
  });

  it('enforces limit as an integer with its maximum', () => {
    expect(get('/v1/builds', { limit: '201' })).toEqual([
      'GET /v1/builds: query parameter limit must be <= 200, got "201"',
    ]);
    expect(get('/v1/builds', { limit: 'ten' })).toEqual([
      'GET /v1/builds: query parameter limit must be integer, got "ten"',
    ]);
    expect(get('/v1/betaGroups', { 'limit[builds]': '1000' })).toEqual([]);
    expect(get('/v1/betaGroups', { 'limit[betaTesters]': '51' })).toHaveLength(1);
  });

  it('rejects a body that lacks a required field or has a wrong type or an unknown attribute', () => {
    expect(createGroup({ feedbackEnabled: true })).toEqual([
      'POST /v1/betaGroups: request body /data/attributes lacks required property "name"',
    ]);
    expect(createGroup({ name: 'QA', publicLinkLimit: '10' })).toEqual([
      'POST /v1/betaGroups: request body /data/attributes/publicLinkLimit must be integer, got "10"',
    ]);
    const update = v.validateRequest({
      method: 'PATCH',
      path: '/v1/betaGroups/g1',
      query: {},
      body: { data: { type: 'betaGroups', id: 'g1', attributes: { isInternalGroup: true } } },
    });
    expect(update).toEqual([
      'PATCH /v1/betaGroups/{id}: request body /data/attributes has property "isInternalGroup", which the spec does not define',
    ]);
  });

  it('rejects a missing required body and a body where none is defined', () => {
    expect(
      v.validateRequest({ method: 'POST', path: '/v1/betaGroups', query: {}, body: undefined }),
    ).toEqual(['POST /v1/betaGroups: request body is required']);
    expect(v.validateRequest({ method: 'GET', path: '/v1/apps', query: {}, body: {} })).toEqual([
      'GET /v1/apps: takes no request body',
    ]);
  });
});

describe('validateResponse', () => {
  const ok = (method: string, path: string, status: number, body: unknown) =>
    v.validateResponse({ method, path, status, body });

  it('accepts a build list with included resources and Apple-style timestamps', () => {
    const body = {
      data: [
        {
          type: 'builds',
          id: 'b1',
          attributes: { version: '42', uploadedDate: '2024-01-21T20:52:18.921-08:00' },
          relationships: { preReleaseVersion: { data: { type: 'preReleaseVersions', id: 'p1' } } },
        },
      ],
      included: [
        { type: 'preReleaseVersions', id: 'p1', attributes: { version: '1.0', platform: 'IOS' } },
        { type: 'buildBetaDetails', id: 'd1', attributes: { autoNotifyEnabled: true } },
      ],
      links: {
        self: 'http://127.0.0.1:1/v1/builds',
        next: 'http://127.0.0.1:1/v1/builds?cursor=x',
      },
      meta: { paging: { total: 3, limit: 1 } },
    };
    expect(ok('GET', '/v1/builds', 200, body)).toEqual([]);
    expect(ok('GET', '/v1/betaGroups/g1', 200, group({ name: 'QA', publicLinkLimit: 5 }))).toEqual(
      [],
    );
  });

  it('rejects a response without data', () => {
    expect(ok('GET', '/v1/betaGroups/g1', 200, { links: { self: '/v1/betaGroups/g1' } })).toEqual([
      'GET /v1/betaGroups/{id} → 200: response body (root) lacks required property "data"',
    ]);
  });

  it('rejects a wrong attribute type, a bad date-time, an unknown attribute and an unknown type', () => {
    expect(ok('GET', '/v1/betaGroups/g1', 200, group({ publicLinkLimit: '5' }))).toEqual([
      'GET /v1/betaGroups/{id} → 200: response body /data/attributes/publicLinkLimit must be integer, got "5"',
    ]);
    expect(ok('GET', '/v1/betaGroups/g1', 200, group({ createdDate: '2024-01-21 20:52' }))).toEqual(
      [
        'GET /v1/betaGroups/{id} → 200: response body /data/attributes/createdDate must match format "date-time", got "2024-01-21 20:52"',
      ],
    );
    expect(ok('GET', '/v1/betaGroups/g1', 200, group({ isInternal: true }))).toEqual([
      'GET /v1/betaGroups/{id} → 200: response body /data/attributes has property "isInternal", which the spec does not define',
    ]);
    const body = { ...group({}), included: [{ type: 'bogus', id: 'x' }] };
    expect(ok('GET', '/v1/betaGroups/g1', 200, body)).toEqual([
      expect.stringContaining('/included/0 value of tag "type" must be in oneOf'),
    ]);
  });

  it("accepts Apple's listed nulls and no other; the spec-strict validator accepts none", async () => {
    const nulls = group({ publicLink: null, publicLinkId: null, hasAccessToAllBuilds: null });
    expect(ok('GET', '/v1/betaGroups/g1', 200, nulls)).toEqual([]);
    expect(ok('GET', '/v1/betaGroups/g1', 200, group({ name: null }))).toEqual([
      'GET /v1/betaGroups/{id} → 200: response body /data/attributes/name must be string, got null',
    ]);
    const emptyToOne = { data: null, links: { self: 'http://127.0.0.1:1/v1/builds/b1/x' } };
    expect(
      ok('GET', '/v1/builds/b1/relationships/appEncryptionDeclaration', 200, emptyToOne),
    ).toEqual([]);
    expect(ok('GET', '/v1/betaGroups/g1', 200, { ...emptyToOne })).toEqual([
      expect.stringContaining('/data must be object, got null'),
    ]);
    const strict = await loadSpecValidator({ appleNulls: false });
    expect(strict).not.toBe(v);
    expect(
      strict.validateResponse({
        method: 'GET',
        path: '/v1/betaGroups/g1',
        status: 200,
        body: nulls,
      }),
    ).toEqual([
      'GET /v1/betaGroups/{id} → 200: response body /data/attributes/hasAccessToAllBuilds must be boolean, got null',
      'GET /v1/betaGroups/{id} → 200: response body /data/attributes/publicLinkId must be string, got null',
      'GET /v1/betaGroups/{id} → 200: response body /data/attributes/publicLink must be string, got null',
    ]);
  });

  it('accepts 204 and 202 without a body only where the spec lists them', () => {
    expect(ok('DELETE', '/v1/betaGroups/g1', 204, undefined)).toEqual([]);
    expect(ok('DELETE', '/v1/betaTesters/t1', 202, undefined)).toEqual([]);
    expect(ok('DELETE', '/v1/betaGroups/g1', 202, undefined)).toEqual([
      'DELETE /v1/betaGroups/{id}: status 202 is not a response the spec lists (it lists 204, 400, 401, 403, 404, 429)',
    ]);
    expect(ok('DELETE', '/v1/betaGroups/g1', 204, { data: null })).toEqual([
      'DELETE /v1/betaGroups/{id}: a 204 has no body in the spec, got {"data":null}',
    ]);
  });

  it('checks error bodies, including 5xx and unknown paths, against ErrorResponse', () => {
    const error = (status: string, detail?: string) => ({
      errors: [{ status, code: 'X', title: 'T', ...(detail === undefined ? {} : { detail }) }],
    });
    expect(ok('GET', '/v1/betaGroups/g1', 404, error('404', 'gone'))).toEqual([]);
    expect(ok('GET', '/v1/betaGroups/g1', 409, error('409', 'no'))).toEqual([
      'GET /v1/betaGroups/{id}: status 409 is not a response the spec lists (it lists 200, 400, 401, 403, 404, 429)',
    ]);
    expect(ok('GET', '/v1/apps', 503, '<html>Service Unavailable</html>')).toEqual([]);
    expect(ok('GET', '/v1/apps', 500, error('500'))).toEqual([
      'GET /v1/apps: response body /errors/0 lacks required property "detail"',
    ]);
    expect(ok('GET', '/v1/nowhere', 404, error('404', 'no such path'))).toEqual([]);
    expect(ok('GET', '/v1/nowhere', 200, { data: [] })).toEqual([
      "GET /v1/nowhere: Apple's spec has no such path",
    ]);
  });
});
