// Test Information writes (beta app localizations, the review detail, the license agreement) and export
// compliance through an app encryption declaration.
import type { AscApi } from '../api.js';
import type { components } from '../generated/asc.js';
import { requireData } from '../jsonapi/documents.js';
import { collect } from '../jsonapi/paging.js';
import type { AscHttp } from '../transport/http.js';
import {
  mapBetaAppLocalization,
  type BetaAppLocalizationResource,
} from './mapping-test-information.js';
import { definedOnly, seg } from './request-parts.js';

type Schemas = components['schemas'];

export type TestInformationEndpoints = Pick<
  AscApi,
  | 'createBetaAppLocalization'
  | 'updateBetaAppLocalization'
  | 'updateReviewDetail'
  | 'updateLicenseAgreement'
  | 'assignEncryptionDeclaration'
>;

export function testInformationEndpoints(http: AscHttp): TestInformationEndpoints {
  return {
    createBetaAppLocalization(appId, locale, fields) {
      const path = '/v1/betaAppLocalizations';
      const body: Schemas['BetaAppLocalizationCreateRequest'] = {
        data: {
          type: 'betaAppLocalizations',
          attributes: { ...definedOnly(fields), locale },
          relationships: { app: { data: { type: 'apps', id: appId } } },
        },
      };
      return http.create(path, body, {
        map: (doc) =>
          mapBetaAppLocalization(requireData(doc, 'POST', path) as BetaAppLocalizationResource),
        // An app has at most one localization per locale.
        readBack: async () => {
          const { data } = await collect(http, path, {
            'filter[app]': appId,
            'filter[locale]': locale,
          });
          const found = data.map((r) => mapBetaAppLocalization(r as BetaAppLocalizationResource));
          return found.find((l) => l.locale === locale) ?? null;
        },
      });
    },

    async updateBetaAppLocalization(localizationId, fields) {
      const body: Schemas['BetaAppLocalizationUpdateRequest'] = {
        data: { type: 'betaAppLocalizations', id: localizationId, attributes: definedOnly(fields) },
      };
      const path = `/v1/betaAppLocalizations/${seg(localizationId)}`;
      await http.patchOne(path, body);
    },

    async updateReviewDetail(reviewDetailId, fields) {
      const body: Schemas['BetaAppReviewDetailUpdateRequest'] = {
        data: { type: 'betaAppReviewDetails', id: reviewDetailId, attributes: definedOnly(fields) },
      };
      await http.patchOne(`/v1/betaAppReviewDetails/${seg(reviewDetailId)}`, body);
    },

    async updateLicenseAgreement(agreementId, text) {
      const body: Schemas['BetaLicenseAgreementUpdateRequest'] = {
        data: {
          type: 'betaLicenseAgreements',
          id: agreementId,
          attributes: { agreementText: text },
        },
      };
      await http.patchOne(`/v1/betaLicenseAgreements/${seg(agreementId)}`, body);
    },

    async assignEncryptionDeclaration(declarationId, buildId) {
      const body: Schemas['AppEncryptionDeclarationBuildsLinkagesRequest'] = {
        data: [{ type: 'builds', id: buildId }],
      };
      const path = `/v1/appEncryptionDeclarations/${seg(declarationId)}/relationships/builds`;
      await http.link('POST', path, body);
    },
  };
}
