// What to Test, Beta App Review submissions and tester notifications for one build.
import type { AscApi } from '../api.js';
import type { components } from '../generated/asc.js';
import { requireData } from '../jsonapi/documents.js';
import { collect } from '../jsonapi/paging.js';
import type { LocalizationInfo, ReviewSubmissionInfo } from '../records.js';
import type { AscHttp } from '../transport/http.js';
import {
  mapLocalization,
  mapReviewSubmission,
  type BetaAppReviewSubmissionResource,
  type BetaBuildLocalizationResource,
} from './mapping.js';
import { seg } from './request-parts.js';

type Schemas = components['schemas'];

export type BuildBetaEndpoints = Pick<
  AscApi,
  | 'listLocalizations'
  | 'createLocalization'
  | 'updateLocalization'
  | 'listReviewSubmissions'
  | 'createReviewSubmission'
  | 'sendBuildNotification'
>;

export function buildBetaEndpoints(http: AscHttp): BuildBetaEndpoints {
  const localizationsOf = async (buildId: string): Promise<LocalizationInfo[]> => {
    const { data } = await collect(http, '/v1/betaBuildLocalizations', {
      'filter[build]': buildId,
    });
    return data.map((r) => mapLocalization(r as BetaBuildLocalizationResource));
  };
  const submissionsOf = async (buildId: string): Promise<ReviewSubmissionInfo[]> => {
    const { data } = await collect(http, '/v1/betaAppReviewSubmissions', {
      'filter[build]': buildId,
    });
    return data.map((r) => mapReviewSubmission(r as BetaAppReviewSubmissionResource));
  };

  return {
    listLocalizations: localizationsOf,

    createLocalization(buildId, locale, whatsNew) {
      const path = '/v1/betaBuildLocalizations';
      const body: Schemas['BetaBuildLocalizationCreateRequest'] = {
        data: {
          type: 'betaBuildLocalizations',
          attributes: { locale, whatsNew },
          relationships: { build: { data: { type: 'builds', id: buildId } } },
        },
      };
      return http.create(path, body, {
        map: (doc) =>
          mapLocalization(requireData(doc, 'POST', path) as BetaBuildLocalizationResource),
        // A build has at most one localization per locale.
        readBack: async () =>
          (await localizationsOf(buildId)).find((l) => l.locale === locale) ?? null,
      });
    },

    async updateLocalization(localizationId, whatsNew) {
      const body: Schemas['BetaBuildLocalizationUpdateRequest'] = {
        data: { type: 'betaBuildLocalizations', id: localizationId, attributes: { whatsNew } },
      };
      const path = `/v1/betaBuildLocalizations/${seg(localizationId)}`;
      return mapLocalization((await http.patchOne(path, body)) as BetaBuildLocalizationResource);
    },

    listReviewSubmissions: submissionsOf,

    createReviewSubmission(buildId) {
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
          (await submissionsOf(buildId)).find((s) => s.state !== 'REJECTED') ?? null,
      });
    },

    async sendBuildNotification(buildId) {
      const body: Schemas['BuildBetaNotificationCreateRequest'] = {
        data: {
          type: 'buildBetaNotifications',
          relationships: { build: { data: { type: 'builds', id: buildId } } },
        },
      };
      // No read-back: a notification cannot be looked up, and a second email to every tester is worse than
      // reporting that the outcome is unknown.
      await http.create('/v1/buildBetaNotifications', body, { map: () => undefined });
    },
  };
}
