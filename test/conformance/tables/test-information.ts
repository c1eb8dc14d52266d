// What a first external submission needs, written through the API: Test Information (beta app localizations,
// the review detail, the license agreement), an encryption declaration for the build, and the team.
import { expect } from 'vitest';
import { dataIds, linkage, type Document, type Ids, type Table } from '../steps.js';

const only =
  (...names: string[]) =>
  (body: Document, ids: Ids) =>
    expect(dataIds(body).sort()).toEqual(names.map((n) => ids[n]).sort());
const app = { data: { type: 'apps', id: '$app' } };

export const testInformation: Table = {
  title: 'Test Information, encryption declarations and the team',
  seed(state) {
    const a = state.addApp({ bundleId: 'com.example.testinfo', name: 'Test Info' });
    const build = state.addBuild({ appId: a.id, version: '7', usesNonExemptEncryption: null });
    state.addGroup({ appId: a.id, name: 'External', buildIds: [] });
    const approved = state.addEncryptionDeclaration({ appId: a.id, exempt: true });
    const pending = state.addEncryptionDeclaration({
      appId: a.id,
      platform: 'MAC_OS',
      state: 'IN_REVIEW',
    });
    const member = state.addTeamMember('lead@example.com', { roles: ['APP_MANAGER'] });
    state.addTeamMember('dev@example.com');
    return {
      app: a.id,
      build: build.id,
      approved: approved.id,
      pending: pending.id,
      member: member.id,
      detail: state.reviewDetails.get(a.id)!.id,
      agreement: state.licenseAgreements.get(a.id)!.id,
    };
  },
  steps: [
    {
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      body: {
        data: {
          type: 'betaAppReviewSubmissions',
          relationships: { build: { data: { type: 'builds', id: '$build' } } },
        },
      },
      status: 422,
      note: 'no Test Information and no export compliance yet',
    },
    {
      method: 'POST',
      path: '/v1/betaAppLocalizations',
      body: {
        data: {
          type: 'betaAppLocalizations',
          attributes: {
            locale: 'en-US',
            description: 'Try the beta.',
            feedbackEmail: 'beta@example.com',
            marketingUrl: 'https://example.com',
          },
          relationships: { app },
        },
      },
      status: 201,
      save: 'en',
      check: (body) =>
        expect(body.data.attributes).toMatchObject({ locale: 'en-US', privacyPolicyUrl: null }),
    },
    {
      method: 'POST',
      path: '/v1/betaAppLocalizations',
      body: {
        data: {
          type: 'betaAppLocalizations',
          attributes: { locale: 'en-US' },
          relationships: { app },
        },
      },
      status: 409,
      note: 'one localization per app and locale',
    },
    {
      method: 'POST',
      path: '/v1/betaAppLocalizations',
      body: {
        data: {
          type: 'betaAppLocalizations',
          attributes: { locale: 'fr-FR', description: 'Essayez la bêta.' },
          relationships: { app },
        },
      },
      status: 201,
      save: 'fr',
    },
    {
      method: 'GET',
      path: '/v1/betaAppLocalizations',
      query: {
        'filter[app]': '$app',
        'filter[locale]': 'en-US,fr-FR',
        include: 'app',
        'fields[betaAppLocalizations]': 'locale,description,app',
        limit: '10',
      },
      status: 200,
      check: only('en', 'fr'),
    },
    {
      method: 'PATCH',
      path: '/v1/betaAppLocalizations/$en',
      body: {
        data: {
          type: 'betaAppLocalizations',
          id: '$en',
          attributes: { privacyPolicyUrl: 'https://example.com/privacy', marketingUrl: null },
        },
      },
      status: 200,
      check: (body) =>
        expect(body.data.attributes).toMatchObject({
          privacyPolicyUrl: 'https://example.com/privacy',
          marketingUrl: null,
        }),
    },
    { method: 'GET', path: '/v1/betaAppLocalizations/$en', query: { include: 'app' }, status: 200 },
    {
      method: 'GET',
      path: '/v1/apps/$app/betaAppLocalizations',
      query: { limit: '5' },
      status: 200,
      check: only('en', 'fr'),
    },
    { method: 'DELETE', path: '/v1/betaAppLocalizations/$fr', status: 204 },
    {
      method: 'GET',
      path: '/v1/apps/$app/betaAppReviewDetail',
      status: 200,
      check: (body, ids) => expect(body.data.id).toBe(ids.detail),
    },
    {
      method: 'GET',
      path: '/v1/betaAppReviewDetails',
      query: { 'filter[app]': '$app', include: 'app' },
      status: 200,
      check: only('detail'),
    },
    {
      method: 'PATCH',
      path: '/v1/betaAppReviewDetails/$detail',
      body: {
        data: {
          type: 'betaAppReviewDetails',
          id: '$detail',
          attributes: {
            contactFirstName: 'Jane',
            contactLastName: 'Appleseed',
            contactEmail: 'jane@example.com',
            contactPhone: '+1 555 0100',
            demoAccountRequired: false,
            notes: 'Sign in is not needed.',
          },
        },
      },
      status: 200,
    },
    { method: 'GET', path: '/v1/betaAppReviewDetails/$detail', status: 200 },
    {
      method: 'GET',
      path: '/v1/apps/$app/betaLicenseAgreement',
      status: 200,
      check: (body, ids) => expect(body.data.id).toBe(ids.agreement),
    },
    {
      method: 'GET',
      path: '/v1/betaLicenseAgreements',
      query: { 'filter[app]': '$app' },
      status: 200,
      check: only('agreement'),
    },
    {
      method: 'PATCH',
      path: '/v1/betaLicenseAgreements/$agreement',
      body: {
        data: {
          type: 'betaLicenseAgreements',
          id: '$agreement',
          attributes: { agreementText: 'For testing only.' },
        },
      },
      status: 200,
      check: (body) => expect(body.data.attributes?.agreementText).toBe('For testing only.'),
    },
    { method: 'GET', path: '/v1/betaLicenseAgreements/$agreement', status: 200 },
    {
      method: 'GET',
      path: '/v1/appEncryptionDeclarations',
      query: { 'filter[app]': '$app', 'filter[platform]': 'IOS' },
      status: 200,
      check: only('approved'),
    },
    {
      method: 'GET',
      path: '/v1/apps/$app/appEncryptionDeclarations',
      status: 200,
      check: only('approved', 'pending'),
    },
    {
      method: 'POST',
      path: '/v1/appEncryptionDeclarations/$pending/relationships/builds',
      body: linkage('builds', '$build'),
      status: 409,
      note: 'a declaration still in review cannot be assigned',
    },
    {
      method: 'GET',
      path: '/v1/builds/$build/relationships/appEncryptionDeclaration',
      status: 200,
      note: 'no declaration yet: data null',
      check: (body) => expect(body.data).toBeNull(),
    },
    {
      method: 'POST',
      path: '/v1/appEncryptionDeclarations/$approved/relationships/builds',
      body: linkage('builds', '$build'),
      status: 204,
    },
    {
      method: 'GET',
      path: '/v1/appEncryptionDeclarations/$approved',
      query: { include: 'builds', 'limit[builds]': '50' },
      status: 200,
      check: (body, ids) =>
        expect(body.data.relationships?.builds?.data).toEqual([{ type: 'builds', id: ids.build }]),
    },
    {
      method: 'GET',
      path: '/v1/builds/$build/appEncryptionDeclaration',
      status: 200,
      check: (body, ids) => expect(body.data.id).toBe(ids.approved),
    },
    {
      method: 'GET',
      path: '/v1/builds/$build/relationships/appEncryptionDeclaration',
      status: 200,
      check: (body, ids) => expect(body.data.id).toBe(ids.approved),
    },
    {
      method: 'GET',
      path: '/v1/users',
      query: {
        'filter[username]': 'lead@example.com,nobody@example.com',
        'filter[roles]': 'APP_MANAGER',
        sort: 'username',
        limit: '200',
      },
      status: 200,
      check: only('member'),
    },
    {
      method: 'GET',
      path: '/v1/apps/$app',
      query: {
        include:
          'betaGroups,betaAppLocalizations,betaAppReviewDetail,appEncryptionDeclarations,betaLicenseAgreement',
        'limit[betaGroups]': '50',
        'limit[betaAppLocalizations]': '50',
        'limit[appEncryptionDeclarations]': '50',
      },
      status: 200,
      note: 'one read for the whole of Test Information',
      check: (body) =>
        expect(new Set((body.included ?? []).map((r) => r.type))).toEqual(
          new Set([
            'betaGroups',
            'betaAppLocalizations',
            'betaAppReviewDetails',
            'appEncryptionDeclarations',
            'betaLicenseAgreements',
          ]),
        ),
    },
    {
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      body: {
        data: {
          type: 'betaAppReviewSubmissions',
          relationships: { build: { data: { type: 'builds', id: '$build' } } },
        },
      },
      status: 201,
      note: 'Test Information complete, export compliance answered by the declaration',
    },
  ],
};
