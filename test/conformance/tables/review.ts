// External testing: What to Test, Beta App Review, tester notifications, and the remaining metrics.
import { expect } from 'vitest';
import { completeTestInformation } from '../../fake-asc/index.js';
import { dataIds, type Document, type Ids, type Table } from '../steps.js';

const only =
  (...names: string[]) =>
  (body: Document, ids: Ids) =>
    expect(dataIds(body).sort()).toEqual(names.map((n) => ids[n]).sort());
const build = { data: { type: 'builds', id: '$build' } };

export const review: Table = {
  title: 'What to Test, Beta App Review and notifications',
  seed(state) {
    const app = state.addApp({ bundleId: 'com.example.review', name: 'Review' });
    // Beta App Review takes a build only once the app's Test Information is complete.
    state.setTestInformation(app.id, completeTestInformation());
    const b = state.addBuild({ appId: app.id, version: '9', usesNonExemptEncryption: false });
    const quiet = state.addBuild({ appId: app.id, version: '10', autoNotifyEnabled: false });
    state.addGroup({ appId: app.id, name: 'External', buildIds: [b.id] });
    const team = state.addGroup({
      appId: app.id,
      name: 'Team',
      isInternal: true,
      buildIds: [quiet.id],
    });
    const en = state.addLocalization({ buildId: b.id, locale: 'en-US', whatsNew: 'Seeded notes' });
    const tester = state.addTester({ email: 'tess@example.com', appIds: [app.id] });
    const approved = state.addBuild({ appId: app.id, version: '8' });
    const past = state.addReviewSubmission({ buildId: approved.id, state: 'APPROVED' });
    return {
      app: app.id,
      build: b.id,
      quiet: quiet.id,
      team: team.id,
      en: en.id,
      tester: tester.id,
      approved: approved.id,
      past: past.id,
    };
  },
  steps: [
    {
      method: 'GET',
      path: '/v1/betaBuildLocalizations',
      query: { 'filter[build]': '$build', 'filter[locale]': 'en-US', include: 'build' },
      status: 200,
      check: only('en'),
    },
    {
      method: 'POST',
      path: '/v1/betaBuildLocalizations',
      body: {
        data: {
          type: 'betaBuildLocalizations',
          attributes: { locale: 'de-DE', whatsNew: 'Neu' },
          relationships: { build },
        },
      },
      status: 201,
      save: 'de',
      check: (body) =>
        expect(body.data.attributes).toMatchObject({ locale: 'de-DE', whatsNew: 'Neu' }),
    },
    {
      method: 'PATCH',
      path: '/v1/betaBuildLocalizations/$en',
      body: {
        data: {
          type: 'betaBuildLocalizations',
          id: '$en',
          attributes: { whatsNew: 'Try the new flow' },
        },
      },
      status: 200,
      check: (body) => expect(body.data.attributes?.whatsNew).toBe('Try the new flow'),
    },
    { method: 'GET', path: '/v1/betaBuildLocalizations/$en', status: 200 },
    {
      method: 'GET',
      path: '/v1/betaBuildLocalizations/$en/build',
      status: 200,
      check: (b, ids) => expect(b.data.id).toBe(ids.build),
    },
    { method: 'GET', path: '/v1/betaBuildLocalizations/$en/relationships/build', status: 200 },
    {
      method: 'GET',
      path: '/v1/builds/$build/betaBuildLocalizations',
      status: 200,
      check: only('en', 'de'),
    },
    { method: 'GET', path: '/v1/builds/$build/relationships/betaBuildLocalizations', status: 200 },
    { method: 'DELETE', path: '/v1/betaBuildLocalizations/$de', status: 204 },
    {
      method: 'GET',
      path: '/v1/betaAppReviewSubmissions',
      query: {
        'filter[build]': '$approved',
        'filter[betaReviewState]': 'APPROVED',
        include: 'build',
      },
      status: 200,
      check: only('past'),
    },
    {
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      body: { data: { type: 'betaAppReviewSubmissions', relationships: { build } } },
      status: 201,
      save: 'submission',
      check: (body) => expect(body.data.attributes?.betaReviewState).toBe('WAITING_FOR_REVIEW'),
    },
    {
      method: 'GET',
      path: '/v1/betaAppReviewSubmissions',
      query: { 'filter[build]': '$build' },
      status: 200,
      check: only('submission'),
    },
    { method: 'GET', path: '/v1/betaAppReviewSubmissions/$submission', status: 200 },
    { method: 'GET', path: '/v1/betaAppReviewSubmissions/$submission/build', status: 200 },
    {
      method: 'GET',
      path: '/v1/betaAppReviewSubmissions/$submission/relationships/build',
      status: 200,
    },
    {
      method: 'GET',
      path: '/v1/builds/$build/betaAppReviewSubmission',
      status: 200,
      check: (b, ids) => expect(b.data.id).toBe(ids.submission),
    },
    { method: 'GET', path: '/v1/builds/$build/relationships/betaAppReviewSubmission', status: 200 },
    {
      method: 'POST',
      path: '/v1/buildBetaNotifications',
      body: {
        data: {
          type: 'buildBetaNotifications',
          relationships: { build: { data: { type: 'builds', id: '$quiet' } } },
        },
      },
      status: 201,
      note: 'build with autoNotifyEnabled false in an internal group',
    },
    { method: 'GET', path: '/v1/betaRecruitmentCriterionOptions', status: 200 },
    { method: 'GET', path: '/v1/builds/$build/metrics/betaBuildUsages', status: 200 },
    {
      method: 'GET',
      path: '/v1/betaTesters/$tester/metrics/betaTesterUsages',
      query: { 'filter[apps]': '$app', period: 'P7D' },
      status: 200,
    },
  ],
};
