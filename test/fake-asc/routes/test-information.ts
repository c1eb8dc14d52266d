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
  relatedAppId,
  type RouteContext,
  type RouteTable,
} from './route.js';

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/**
 * Copies a body's attributes onto a record; the spec check already let through only the attributes the
 * operation takes, with their types, so `null` (clear) is the one value to translate.
 */
function copyAttributes(
  target: object,
  attributes: Record<string, unknown>,
  except: string[] = [],
) {
  for (const [name, value] of Object.entries(attributes)) {
    if (!except.includes(name)) (target as Record<string, unknown>)[name] = value ?? null;
  }
}

function createLocalization(ctx: RouteContext) {
  const data = dataOf(ctx);
  const appId = relatedAppId(ctx);
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
  copyAttributes(l, attributes, ['locale']);
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
  copyAttributes(l, data.attributes ?? {});
  return { status: 200, body: singleDocument(betaAppLocalizations, l, { ...ctx, query: {} }) };
}

function updateReviewDetail(ctx: RouteContext) {
  const detail = findOr404<FakeReviewDetail>(betaAppReviewDetails, ctx);
  const data = dataOf(ctx);
  if (data.id !== detail.id) throw idMismatch(data.id, detail.id);
  const attributes = data.attributes ?? {};
  copyAttributes(detail, attributes, ['demoAccountRequired']);
  // A boolean the spec lets be null: null clears it, which for Apple's checkbox means not required.
  if ('demoAccountRequired' in attributes) {
    detail.demoAccountRequired = attributes.demoAccountRequired === true;
  }
  return { status: 200, body: singleDocument(betaAppReviewDetails, detail, { ...ctx, query: {} }) };
}

function updateLicenseAgreement(ctx: RouteContext) {
  const agreement = findOr404<FakeLicenseAgreement>(betaLicenseAgreements, ctx);
  const data = dataOf(ctx);
  if (data.id !== agreement.id) throw idMismatch(data.id, agreement.id);
  copyAttributes(agreement, data.attributes ?? {});
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
    assignDeclaration(declaration, findBuildsById(ctx.store, linkageIds(ctx)), '/data');
    return NO_CONTENT;
  },
};
