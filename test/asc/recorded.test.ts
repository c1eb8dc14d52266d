// Every recorded real response (spec/asc-openapi/recorded/) goes through the client's readers: documents
// map to the domain shapes, error bodies to AscError entries. A few also go through the HTTP layer.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AscError, parseErrorEntries } from '../../src/asc/errors.js';
import {
  collectionData,
  documentData,
  type JsonApiResource,
} from '../../src/asc/jsonapi/documents.js';
import {
  mapApp,
  mapBuild,
  mapBuildBetaDetail,
  mapGroup,
  mapLocalization,
  mapReviewSubmission,
  mapTester,
  type BuildResource,
  type PreReleaseVersionResource,
} from '../../src/asc/endpoints/mapping.js';
import { mockClientTest } from '../helpers/mock-client.js';

const DIR = new URL('../../spec/asc-openapi/recorded/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));
// The readers hand back untyped resources; the mapping functions take the generated (lenient) types.
const list = <T = never>(name: string): T[] => collectionData(read(name)).data as T[];
const one = <T = never>(name: string): T => documentData(read(name)).data as T;

describe('recorded responses map to the domain shapes', () => {
  it('covers every recorded file', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(Object.keys(expectations).sort());
  });

  const expectations: Record<string, () => void> = {
    'fastlane__testflight__app.json': () => {
      expect(mapApp(one('fastlane__testflight__app.json'))).toEqual({
        id: '123456789',
        bundleId: 'com.joshholtz.FastlaneTest',
        name: 'FastlaneTest',
      });
    },
    'fastlane__testflight__beta_groups.json': () => {
      const groups = list('fastlane__testflight__beta_groups.json').map(mapGroup);
      expect(groups.map((g) => g.name)).toEqual([
        'App Store Connect Users',
        'Testing Group',
        'Spacey Group',
      ]);
      for (const g of groups) expect(typeof g.isInternal).toBe('boolean');
      // Nulls where the spec allows none become null, never a crash or the string "null".
      expect(groups.some((g) => g.publicLink === null || g.publicLinkLimit === null)).toBe(true);
    },
    'fastlane__testflight__beta_group.json': () => {
      expect(mapGroup(one('fastlane__testflight__beta_group.json'))).toEqual({
        id: '123456789',
        name: 'Spacey Group',
        isInternal: false,
        hasAccessToAllBuilds: false,
        publicLinkEnabled: true,
        publicLinkLimitEnabled: true,
        publicLinkLimit: 10,
        publicLink: 'https://testflight.apple.com/join/abcd1234',
        feedbackEnabled: null,
      });
    },
    'fastlane__testflight__beta_create_group.json': () => {
      const g = mapGroup(one('fastlane__testflight__beta_create_group.json'));
      expect(g).toMatchObject({
        name: 'Brand New Group',
        hasAccessToAllBuilds: false,
        publicLinkLimit: 10000,
      });
    },
    'fastlane__testflight__beta_testers.json': () => {
      const testers = list('fastlane__testflight__beta_testers.json').map(mapTester);
      expect(testers[0]).toEqual({
        id: '123456789',
        email: 'email@email.com',
        firstName: 'Cats',
        lastName: 'AreCute',
        state: 'INSTALLED',
        inviteType: 'EMAIL',
      });
      expect(testers.map((t) => t.email)).toEqual(['email@email.com', 'email2@email.com']);
    },
    'fastlane__testflight__builds.json': () => {
      const builds = list('fastlane__testflight__builds.json').map((r) => mapBuild(r));
      expect(builds.map((b) => [b.number, b.processingState])).toEqual([
        ['225', 'VALID'],
        ['221', 'VALID'],
      ]);
      // Relationships carry only links, so what lives on related resources is unknown, not wrong.
      expect(builds[0]).toMatchObject({ marketingVersion: null, platform: null, betaDetail: null });
      expect(builds[0]!.uploadedDate).toBe('2019-05-01T00:16:21.000Z');
    },
    'fastlane__testflight__build.json': () => {
      expect(mapBuild(one('fastlane__testflight__build.json'))).toMatchObject({
        id: '123456789',
        number: '225',
        expired: false,
        usesNonExemptEncryption: false,
        audience: null,
      });
    },
    'codemagic__mocks__build.json': () => {
      // A bare resource (no document around it), with a null attribute and offset dates.
      const build = mapBuild(read('codemagic__mocks__build.json') as BuildResource);
      expect(build).toMatchObject({
        number: '67',
        processingState: 'VALID',
        audience: 'APP_STORE_ELIGIBLE',
        uploadedDate: '2021-02-02T12:00:19.000Z',
      });
    },
    'fastlane__testflight__pre_release_versions.json': () => {
      const versions = list<PreReleaseVersionResource>(
        'fastlane__testflight__pre_release_versions.json',
      );
      const details = list<JsonApiResource>('fastlane__testflight__build_beta_details.json');
      // Joined onto a build as `include=preReleaseVersion,buildBetaDetail` would deliver them.
      const build: JsonApiResource = {
        ...one<JsonApiResource>('fastlane__testflight__build.json'),
        relationships: {
          preReleaseVersion: { data: { type: 'preReleaseVersions', id: versions[1]!.id } },
          buildBetaDetail: { data: { type: 'buildBetaDetails', id: details[0]!.id } },
        },
      };
      expect(
        mapBuild(build as BuildResource, [...versions, ...details] as JsonApiResource[]),
      ).toMatchObject({
        marketingVersion: '3.0.0',
        platform: 'IOS',
        betaDetail: {
          id: '123456789',
          autoNotifyEnabled: false,
          externalBuildState: 'READY_FOR_BETA_SUBMISSION',
        },
      });
    },
    'fastlane__testflight__build_beta_details.json': () => {
      expect(list('fastlane__testflight__build_beta_details.json').map(mapBuildBetaDetail)).toEqual(
        [
          {
            id: '123456789',
            autoNotifyEnabled: false,
            internalBuildState: 'IN_BETA_TESTING',
            externalBuildState: 'READY_FOR_BETA_SUBMISSION',
          },
        ],
      );
    },
    'fastlane__testflight__beta_build_localizations.json': () => {
      expect(
        list('fastlane__testflight__beta_build_localizations.json').map(mapLocalization),
      ).toEqual([
        { id: '123456789', locale: 'en-US', whatsNew: 'so many en-us things2' },
        { id: '987654321', locale: 'en-GB', whatsNew: 'so many en-gb things' },
      ]);
    },
    'fastlane__testflight__beta_app_review_submissions.json': () => {
      expect(
        list('fastlane__testflight__beta_app_review_submissions.json').map(mapReviewSubmission),
      ).toEqual([{ id: '123456789', state: 'APPROVED', submittedDate: null }]);
    },
    'codemagic__mocks__error_response.json': () => {
      const e = new AscError({
        method: 'GET',
        path: '/v1/bundleIds/NLRN94JD591',
        status: 404,
        errors: parseErrorEntries(read('codemagic__mocks__error_response.json')),
      });
      expect(e.hasCode('NOT_FOUND')).toBe(true);
      expect(e.errors[0]).toMatchObject({ status: '404', pointer: 'data/id' });
      expect(e.message).toBe(
        "GET /v1/bundleIds/NLRN94JD591: 404 NOT_FOUND: There is no resource of type 'bundleIds' with id 'NLRN94JD591' (at data/id)",
      );
    },
    'codemagic__mocks__error_response_entity_state_invalid.json': () => {
      const [entry] = parseErrorEntries(
        read('codemagic__mocks__error_response_entity_state_invalid.json'),
      );
      expect(entry).toMatchObject({ code: 'STATE_ERROR.ENTITY_STATE_INVALID', status: '409' });
      expect(Object.keys(entry!.meta!.associatedErrors as object)).toHaveLength(1);
    },
    'codemagic__mocks__error_response_with_links.json': () => {
      const entries = parseErrorEntries(read('codemagic__mocks__error_response_with_links.json'));
      expect(entries[0]).toMatchObject({
        code: 'FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED',
        status: '403',
      });
    },
    'issue__egodigital-node-appstore-connect-3__401.json': () => {
      const entries = parseErrorEntries(
        read('issue__egodigital-node-appstore-connect-3__401.json'),
      );
      expect(entries).toEqual([
        expect.objectContaining({ id: null, code: 'NOT_AUTHORIZED', status: '401', pointer: null }),
      ]);
    },
  };

  for (const [file, check] of Object.entries(expectations)) it(file, check);
});

describe('recorded responses through the HTTP layer', () => {
  mockClientTest(
    'follows an iris-host next link on the configured host only',
    async ({ mockClient }) => {
      const { api, pool } = mockClient();
      const headers = {
        'content-type': 'application/json',
        'x-rate-limit': 'user-hour-lim:3600;user-hour-rem:3598;',
      };
      pool
        .intercept({ path: '/v1/betaGroups?limit=200&filter%5Bapp%5D=1358899889', method: 'GET' })
        .reply(200, readFileSync(new URL('fastlane__testflight__beta_groups.json', DIR), 'utf8'), {
          headers,
        });
      pool
        .intercept({
          path: '/v1/betaGroups?cursor=Aw.LiYF2g&limit=3&filter%5Bapp%5D=1358899889',
          method: 'GET',
        })
        .reply(
          200,
          {
            data: [{ type: 'betaGroups', id: 'last', attributes: { name: 'Last' } }],
            links: { self: 'x' },
          },
          { headers },
        );
      const groups = await api.listGroups('1358899889');
      expect(groups.map((g) => g.id)).toEqual(['123456789', '987654321', '111222333', 'last']);
      expect(api.rateLimit).toEqual({ limit: 3600, remaining: 3598 });
    },
  );

  mockClientTest(
    'turns a recorded 404 into null for findAppById and a 403 into an AscError',
    async ({ mockClient }) => {
      const { api, pool } = mockClient();
      pool
        .intercept({ path: '/v1/apps/nope', method: 'GET' })
        .reply(404, readFileSync(new URL('codemagic__mocks__error_response.json', DIR), 'utf8'));
      expect(await api.findAppById('nope')).toBeNull();
      pool
        .intercept({ path: '/v1/apps/a1', method: 'GET' })
        .reply(
          403,
          readFileSync(new URL('codemagic__mocks__error_response_with_links.json', DIR), 'utf8'),
        );
      const error = await api.findAppById('a1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AscError);
      expect((error as AscError).message).toMatch(
        /^GET \/v1\/apps\/a1: 403 FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED: /,
      );
    },
  );
});
