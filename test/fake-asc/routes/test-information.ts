// Test Information writes: beta app localizations, the review detail, the license agreement; and assigning an
// app encryption declaration to builds, which answers their export compliance.
import {
  declaresNonExemptEncryption,
  newBetaAppLocalization,
  localizationsOfApp,
} from '../app-information.js';
import {
  attributeInvalid,
  entityError,
  idMismatch,
  relationshipInvalid,
  stateError,
  TITLES,
} from '../errors.js';
import { singleDocument } from '../jsonapi.js';
import {
  appEncryptionDeclarations,
  betaAppLocalizations,
  betaAppReviewDetails,
  betaLicenseAgreements,
} from '../kinds-app.js';
import { findBuildsById } from '../membership.js';
import type { FakeStore } from '../store.js';
import type {
  FakeBetaAppLocalization,
  FakeBuild,
  FakeEncryptionDeclaration,
  FakeLicenseAgreement,
  FakeReviewDetail,
} from '../types.js';
import {
  dataOf,
  findOr404,
  linkageIds,
  NO_CONTENT,
  toOneId,
  type RouteContext,
  type RouteTable,
} from './route.js';

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const LOCALIZATION_FIELDS = [
  'description',
  'feedbackEmail',
  'marketingUrl',
  'privacyPolicyUrl',
  'tvOsPrivacyPolicy',
] as const;
const REVIEW_DETAIL_FIELDS = [
  'contactFirstName',
  'contactLastName',
  'contactPhone',
  'contactEmail',
  'demoAccountName',
  'demoAccountPassword',
  'notes',
] as const;

/** Copies the attributes a body names (null clears one); the spec check already typed them. */
function copyFields<T extends object, K extends keyof T & string>(
  target: T,
  attributes: Record<string, unknown>,
  fields: readonly K[],
): void {
  for (const field of fields) {
    if (field in attributes) (target as Record<string, unknown>)[field] = attributes[field] ?? null;
  }
}

function createLocalization(ctx: RouteContext) {
  const data = dataOf(ctx);
  const appId = toOneId(data, 'app') ?? '';
  if (!ctx.store.apps.has(appId)) {
    throw relationshipInvalid(
      `There is no resource of type 'apps' with id '${appId}'`,
      '/data/relationships/app/data/id',
    );
  }
  const attributes = data.attributes ?? {};
  const locale = attributes.locale as string;
  if (!LOCALE.test(locale)) throw attributeInvalid('locale', `'${locale}' is not a valid locale.`);
  if (localizationsOfApp(ctx.store, appId).some((l) => l.locale === locale)) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      TITLES.attributeDuplicate,
      `A betaAppLocalization for locale '${locale}' already exists for app '${appId}'.`,
      '/data/attributes/locale',
    );
  }
  const l = newBetaAppLocalization(appId, locale);
  copyFields(l, attributes, LOCALIZATION_FIELDS);
  ctx.store.betaAppLocalizations.set(l.id, l);
  return {
    status: 201,
    body: singleDocument(betaAppLocalizations, l, {
      ...ctx,
      path: `/v1/betaAppLocalizations/${l.id}`,
      query: {},
    }),
  };
}

function updateLocalization(ctx: RouteContext) {
  const l = findOr404<FakeBetaAppLocalization>(betaAppLocalizations, ctx);
  const data = dataOf(ctx);
  if (data.id !== l.id) throw idMismatch(data.id, l.id);
  copyFields(l, data.attributes ?? {}, LOCALIZATION_FIELDS);
  return { status: 200, body: singleDocument(betaAppLocalizations, l, { ...ctx, query: {} }) };
}

function updateReviewDetail(ctx: RouteContext) {
  const detail = findOr404<FakeReviewDetail>(betaAppReviewDetails, ctx);
  const data = dataOf(ctx);
  if (data.id !== detail.id) throw idMismatch(data.id, detail.id);
  const attributes = data.attributes ?? {};
  copyFields(detail, attributes, REVIEW_DETAIL_FIELDS);
  if (typeof attributes.demoAccountRequired === 'boolean') {
    detail.demoAccountRequired = attributes.demoAccountRequired;
  } else if (attributes.demoAccountRequired === null) detail.demoAccountRequired = false;
  return { status: 200, body: singleDocument(betaAppReviewDetails, detail, { ...ctx, query: {} }) };
}

function updateLicenseAgreement(ctx: RouteContext) {
  const agreement = findOr404<FakeLicenseAgreement>(betaLicenseAgreements, ctx);
  const data = dataOf(ctx);
  if (data.id !== agreement.id) throw idMismatch(data.id, agreement.id);
  copyFields(agreement, data.attributes ?? {}, ['agreementText']);
  return {
    status: 200,
    body: singleDocument(betaLicenseAgreements, agreement, { ...ctx, query: {} }),
  };
}

/**
 * Assigns a declaration to builds of its app and platform, which answers their export compliance; only an
 * approved one may be assigned (Apple's answer to another is not public: README "Evidence").
 */
export function assignDeclaration(
  store: FakeStore,
  declaration: FakeEncryptionDeclaration,
  builds: FakeBuild[],
  pointer: string,
): void {
  if (declaration.state !== 'APPROVED') {
    throw stateError(
      `App encryption declaration '${declaration.id}' is ${declaration.state}; only an APPROVED declaration can be assigned to builds.`,
    );
  }
  for (const b of builds) {
    if (b.appId !== declaration.appId || b.platform !== declaration.platform) {
      throw relationshipInvalid(
        `Build '${b.id}' is not a ${declaration.platform} build of the app of app encryption declaration '${declaration.id}'.`,
        pointer,
      );
    }
  }
  for (const b of builds) {
    b.encryptionDeclarationId = declaration.id;
    b.usesNonExemptEncryption = declaresNonExemptEncryption(declaration);
  }
}

export const testInformationRoutes: RouteTable = {
  'POST /v1/betaAppLocalizations': createLocalization,
  'PATCH /v1/betaAppLocalizations/{id}': updateLocalization,
  'DELETE /v1/betaAppLocalizations/{id}': (ctx) => {
    const l = findOr404<FakeBetaAppLocalization>(betaAppLocalizations, ctx);
    ctx.store.betaAppLocalizations.delete(l.id);
    return NO_CONTENT;
  },
  'PATCH /v1/betaAppReviewDetails/{id}': updateReviewDetail,
  'PATCH /v1/betaLicenseAgreements/{id}': updateLicenseAgreement,
  'POST /v1/appEncryptionDeclarations/{id}/relationships/builds': (ctx) => {
    const declaration = findOr404<FakeEncryptionDeclaration>(appEncryptionDeclarations, ctx);
    assignDeclaration(ctx.store, declaration, findBuildsById(ctx.store, linkageIds(ctx)), '/data');
    return NO_CONTENT;
  },
};
