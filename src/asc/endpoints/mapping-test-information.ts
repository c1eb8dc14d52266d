// Test Information and export compliance resources → the client's records, as leniently as mapping.ts.
import type { components } from '../generated/asc.js';
import type { Lenient } from '../jsonapi/documents.js';
import {
  PLATFORMS,
  type BetaAppLocalizationInfo,
  type EncryptionDeclarationInfo,
  type EncryptionDeclarationState,
  type LicenseAgreementInfo,
  type ReviewDetailInfo,
} from '../records.js';
import { bool, oneOf, str } from './lenient-values.js';

type Schemas = components['schemas'];

export type BetaAppLocalizationResource = Lenient<Schemas['BetaAppLocalization']>;
export type BetaAppReviewDetailResource = Lenient<Schemas['BetaAppReviewDetail']>;
export type BetaLicenseAgreementResource = Lenient<Schemas['BetaLicenseAgreement']>;
export type AppEncryptionDeclarationResource = Lenient<Schemas['AppEncryptionDeclaration']>;

const DECLARATION_STATES: readonly EncryptionDeclarationState[] = [
  'CREATED',
  'IN_REVIEW',
  'APPROVED',
  'REJECTED',
  'INVALID',
  'EXPIRED',
];

export function mapBetaAppLocalization(r: BetaAppLocalizationResource): BetaAppLocalizationInfo {
  const a = r.attributes ?? {};
  return {
    id: r.id,
    locale: str(a.locale) ?? '',
    description: str(a.description),
    feedbackEmail: str(a.feedbackEmail),
    marketingUrl: str(a.marketingUrl),
    privacyPolicyUrl: str(a.privacyPolicyUrl),
  };
}

export function mapReviewDetail(r: BetaAppReviewDetailResource): ReviewDetailInfo {
  const a = r.attributes ?? {};
  return {
    id: r.id,
    contactFirstName: str(a.contactFirstName),
    contactLastName: str(a.contactLastName),
    contactEmail: str(a.contactEmail),
    contactPhone: str(a.contactPhone),
    demoAccountName: str(a.demoAccountName),
    demoAccountPassword: str(a.demoAccountPassword),
    demoAccountRequired: bool(a.demoAccountRequired),
    notes: str(a.notes),
  };
}

export function mapLicenseAgreement(r: BetaLicenseAgreementResource): LicenseAgreementInfo {
  return { id: r.id, agreementText: str(r.attributes?.agreementText) };
}

export function mapEncryptionDeclaration(
  r: AppEncryptionDeclarationResource,
): EncryptionDeclarationInfo {
  const a = r.attributes ?? {};
  return {
    id: r.id,
    platform: oneOf(a.platform, PLATFORMS),
    state: oneOf(a.appEncryptionDeclarationState, DECLARATION_STATES),
    usesEncryption: bool(a.usesEncryption),
    exempt: bool(a.exempt),
  };
}
