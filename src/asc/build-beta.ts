// What to Test, Beta App Review submissions and tester notifications for one build.
import type { LocalizationInfo, ReviewSubmissionInfo } from '../reconcile/model.js';
import type { components } from './generated/asc.js';
import type { AscHttp } from './http.js';
import {
  mapLocalization,
  mapReviewSubmission,
  type BetaAppReviewSubmissionResource,
  type BetaBuildLocalizationResource,
} from './mapping.js';
import { collect } from './paging.js';
import { requireData, seg } from './request-parts.js';

type Schemas = components['schemas'];

export async function listLocalizations(
  http: AscHttp,
  buildId: string,
): Promise<LocalizationInfo[]> {
  const { data } = await collect(http, '/v1/betaBuildLocalizations', { 'filter[build]': buildId });
  return data.map((r) => mapLocalization(r as BetaBuildLocalizationResource));
}

export async function createLocalization(
  http: AscHttp,
  buildId: string,
  locale: string,
  whatsNew: string,
): Promise<LocalizationInfo> {
  const path = '/v1/betaBuildLocalizations';
  const body: Schemas['BetaBuildLocalizationCreateRequest'] = {
    data: {
      type: 'betaBuildLocalizations',
      attributes: { locale, whatsNew },
      relationships: { build: { data: { type: 'builds', id: buildId } } },
    },
  };
  return http.create(path, body, {
    map: (doc) => mapLocalization(requireData(doc, 'POST', path) as BetaBuildLocalizationResource),
    // A build has at most one localization per locale.
    readBack: async () =>
      (await listLocalizations(http, buildId)).find((l) => l.locale === locale) ?? null,
  });
}

export async function updateLocalization(
  http: AscHttp,
  localizationId: string,
  whatsNew: string,
): Promise<LocalizationInfo> {
  const path = `/v1/betaBuildLocalizations/${seg(localizationId)}`;
  const body: Schemas['BetaBuildLocalizationUpdateRequest'] = {
    data: { type: 'betaBuildLocalizations', id: localizationId, attributes: { whatsNew } },
  };
  const document = await http.request('PATCH', path, undefined, body);
  return mapLocalization(requireData(document, 'PATCH', path) as BetaBuildLocalizationResource);
}

export async function listReviewSubmissions(
  http: AscHttp,
  buildId: string,
): Promise<ReviewSubmissionInfo[]> {
  const { data } = await collect(http, '/v1/betaAppReviewSubmissions', {
    'filter[build]': buildId,
  });
  return data.map((r) => mapReviewSubmission(r as BetaAppReviewSubmissionResource));
}

export async function createReviewSubmission(
  http: AscHttp,
  buildId: string,
): Promise<ReviewSubmissionInfo> {
  const path = '/v1/betaAppReviewSubmissions';
  const body: Schemas['BetaAppReviewSubmissionCreateRequest'] = {
    data: {
      type: 'betaAppReviewSubmissions',
      relationships: { build: { data: { type: 'builds', id: buildId } } },
    },
  };
  return http.create(path, body, {
    map: (doc) =>
      mapReviewSubmission(requireData(doc, 'POST', path) as BetaAppReviewSubmissionResource),
    // A build has at most one live submission; a rejected one stays beside the new one it may be sent again as.
    readBack: async () =>
      (await listReviewSubmissions(http, buildId)).find((s) => s.state !== 'REJECTED') ?? null,
  });
}

export async function sendBuildNotification(http: AscHttp, buildId: string): Promise<void> {
  const body: Schemas['BuildBetaNotificationCreateRequest'] = {
    data: {
      type: 'buildBetaNotifications',
      relationships: { build: { data: { type: 'builds', id: buildId } } },
    },
  };
  // No read-back: a notification cannot be looked up, and a second email to every tester is worse than
  // reporting that the outcome is unknown.
  await http.create('/v1/buildBetaNotifications', body, { map: () => undefined });
}
