// The app and what TestFlight keeps beside it (groups, Test Information, encryption declarations), in the
// one request `include` allows; a list past the include's cap of 50 is read in full from its own collection.
import type { AppLookup, AscApi } from '../api.js';
import { AscError } from '../errors.js';
import { documentData, type JsonApiResource } from '../jsonapi/documents.js';
import { collect, pages } from '../jsonapi/paging.js';
import type { AppOverview } from '../records.js';
import type { AscHttp } from '../transport/http.js';
import {
  includedMany,
  INCLUDED_LIMIT,
  mapApp,
  mapGroup,
  type AppResource,
  type BetaGroupResource,
} from './mapping.js';
import {
  mapBetaAppLocalization,
  mapEncryptionDeclaration,
  mapLicenseAgreement,
  mapReviewDetail,
  type AppEncryptionDeclarationResource,
  type BetaAppLocalizationResource,
  type BetaAppReviewDetailResource,
  type BetaLicenseAgreementResource,
} from './mapping-test-information.js';
import { seg } from './request-parts.js';
import { str } from './lenient-values.js';

const TO_MANY = {
  betaGroups: 'betaGroups',
  betaAppLocalizations: 'betaAppLocalizations',
  appEncryptionDeclarations: 'appEncryptionDeclarations',
} as const;
const TO_ONE = {
  betaAppReviewDetail: 'betaAppReviewDetails',
  betaLicenseAgreement: 'betaLicenseAgreements',
} as const;
const APP_QUERY = {
  include: [...Object.keys(TO_MANY), ...Object.keys(TO_ONE)].join(','),
  ...Object.fromEntries(Object.keys(TO_MANY).map((name) => [`limit[${name}]`, INCLUDED_LIMIT])),
};

export type AppOverviewEndpoints = Pick<AscApi, 'readApp'>;

export function appOverviewEndpoints(http: AscHttp): AppOverviewEndpoints {
  return {
    async readApp(ref) {
      const found = await findWithIncludes(http, ref);
      return found ? overviewOf(http, found.app, found.included) : null;
    },
  };
}

async function findWithIncludes(
  http: AscHttp,
  ref: AppLookup,
): Promise<{ app: JsonApiResource; included: JsonApiResource[] } | null> {
  if (ref.appId !== undefined) {
    try {
      const { data, included } = documentData(
        await http.get(`/v1/apps/${seg(ref.appId)}`, APP_QUERY),
      );
      return data ? { app: data, included } : null;
    } catch (error) {
      if (error instanceof AscError && error.status === 404) return null;
      throw error;
    }
  }
  // The filter is not documented as exact, so the match is made here.
  for await (const page of pages(http, '/v1/apps', {
    'filter[bundleId]': ref.bundleId,
    ...APP_QUERY,
  })) {
    const app = page.data.find((r) => mapApp(r as AppResource).bundleId === ref.bundleId);
    if (app) return { app, included: page.included };
  }
  return null;
}

async function overviewOf(
  http: AscHttp,
  r: JsonApiResource,
  included: JsonApiResource[],
): Promise<AppOverview> {
  const appId = r.id;
  const many = async (name: keyof typeof TO_MANY, path: string): Promise<JsonApiResource[]> => {
    const listed = includedMany(r, name, TO_MANY[name], included);
    return listed ?? (await collect(http, path, { 'filter[app]': appId })).data;
  };
  const one = async (name: keyof typeof TO_ONE): Promise<JsonApiResource | null> => {
    const linked = includedOne(r, name, TO_ONE[name], included);
    if (linked !== undefined) return linked;
    return documentData(await http.get(`/v1/apps/${seg(appId)}/${name}`)).data;
  };
  const [groups, localizations, declarations, reviewDetail, licenseAgreement] = await Promise.all([
    many('betaGroups', '/v1/betaGroups'),
    many('betaAppLocalizations', '/v1/betaAppLocalizations'),
    many('appEncryptionDeclarations', '/v1/appEncryptionDeclarations'),
    one('betaAppReviewDetail'),
    one('betaLicenseAgreement'),
  ]);
  return {
    app: mapApp(r as AppResource),
    primaryLocale: str((r.attributes ?? {}).primaryLocale),
    groups: groups.map((g) => mapGroup(g as BetaGroupResource)),
    betaAppLocalizations: localizations.map((l) =>
      mapBetaAppLocalization(l as BetaAppLocalizationResource),
    ),
    reviewDetail: reviewDetail && mapReviewDetail(reviewDetail as BetaAppReviewDetailResource),
    licenseAgreement:
      licenseAgreement && mapLicenseAgreement(licenseAgreement as BetaLicenseAgreementResource),
    encryptionDeclarations: declarations.map((d) =>
      mapEncryptionDeclaration(d as AppEncryptionDeclarationResource),
    ),
  };
}

/** The included target of a to-one relationship: null when it has none, undefined when the answer did not say. */
function includedOne(
  r: JsonApiResource,
  name: string,
  type: string,
  included: JsonApiResource[],
): JsonApiResource | null | undefined {
  const relationship = r.relationships?.[name];
  if (!relationship || !('data' in relationship)) return undefined;
  const id = (relationship.data as { id?: unknown } | null | undefined)?.id;
  if (relationship.data === null) return null;
  return included.find((i) => i.type === type && i.id === id);
}
