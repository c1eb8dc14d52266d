// Test Information, encryption declarations and the team as JSON:API resources.
import { appleDate } from './apple-date.js';
import { isVisible } from './build-lifecycle.js';
import { anyOf, defineKind, oneOf } from './resource-kind.js';
import type { FakeStore } from './store.js';
import type {
  FakeBetaAppLocalization,
  FakeEncryptionDeclaration,
  FakeLicenseAgreement,
  FakeReviewDetail,
  FakeUser,
} from './types.js';

export const betaAppLocalizations = defineKind<FakeBetaAppLocalization>({
  type: 'betaAppLocalizations',
  schema: 'BetaAppLocalization',
  find: (store, id) => store.betaAppLocalizations.get(id),
  list: (store) => [...store.betaAppLocalizations.values()],
  id: (l) => l.id,
  attributes: (l) => ({
    feedbackEmail: l.feedbackEmail,
    marketingUrl: l.marketingUrl,
    privacyPolicyUrl: l.privacyPolicyUrl,
    tvOsPrivacyPolicy: l.tvOsPrivacyPolicy,
    description: l.description,
    locale: l.locale,
  }),
  related: { app: (l) => l.appId },
  filters: {
    'filter[locale]': (l, v) => oneOf(v, l.locale),
    'filter[app]': (l, v) => oneOf(v, l.appId),
  },
  sorts: {},
});

function reviewDetails(store: FakeStore): FakeReviewDetail[] {
  return [...store.apps.keys()].map((appId) => store.reviewDetailOf(appId));
}

export const betaAppReviewDetails = defineKind<FakeReviewDetail>({
  type: 'betaAppReviewDetails',
  schema: 'BetaAppReviewDetail',
  find: (store, id) => reviewDetails(store).find((d) => d.id === id),
  list: reviewDetails,
  id: (d) => d.id,
  attributes: (d) => ({
    contactFirstName: d.contactFirstName,
    contactLastName: d.contactLastName,
    contactPhone: d.contactPhone,
    contactEmail: d.contactEmail,
    demoAccountName: d.demoAccountName,
    demoAccountPassword: d.demoAccountPassword,
    demoAccountRequired: d.demoAccountRequired,
    notes: d.notes,
  }),
  related: { app: (d) => d.appId },
  filters: { 'filter[app]': (d, v) => oneOf(v, d.appId) },
  sorts: {},
});

function licenseAgreements(store: FakeStore): FakeLicenseAgreement[] {
  return [...store.apps.keys()].map((appId) => store.licenseAgreementOf(appId));
}

export const betaLicenseAgreements = defineKind<FakeLicenseAgreement>({
  type: 'betaLicenseAgreements',
  schema: 'BetaLicenseAgreement',
  find: (store, id) => licenseAgreements(store).find((a) => a.id === id),
  list: licenseAgreements,
  id: (a) => a.id,
  attributes: (a) => ({ agreementText: a.agreementText }),
  related: { app: (a) => a.appId },
  filters: { 'filter[app]': (a, v) => oneOf(v, a.appId) },
  sorts: {},
});

/** Visible builds the declaration was assigned to (the build holds the link; nothing is stored twice). */
export function buildsOfDeclaration(store: FakeStore, d: FakeEncryptionDeclaration): string[] {
  return [...store.builds.values()]
    .filter((b) => b.encryptionDeclarationId === d.id && isVisible(store, b))
    .map((b) => b.id);
}

export const appEncryptionDeclarations = defineKind<FakeEncryptionDeclaration>({
  type: 'appEncryptionDeclarations',
  schema: 'AppEncryptionDeclaration',
  find: (store, id) => store.encryptionDeclarations.get(id),
  list: (store) => [...store.encryptionDeclarations.values()],
  id: (d) => d.id,
  attributes: (d) => ({
    appDescription: d.appDescription,
    createdDate: appleDate(d.createdAt),
    usesEncryption: d.usesEncryption,
    exempt: d.exempt,
    containsProprietaryCryptography: d.containsProprietaryCryptography,
    containsThirdPartyCryptography: d.containsThirdPartyCryptography,
    availableOnFrenchStore: d.availableOnFrenchStore,
    platform: d.platform,
    uploadedDate: appleDate(d.createdAt),
    documentUrl: null,
    documentName: null,
    documentType: null,
    appEncryptionDeclarationState: d.state,
    codeValue: d.codeValue,
  }),
  related: {
    app: (d) => d.appId,
    builds: (d, store) => buildsOfDeclaration(store, d),
    appEncryptionDeclarationDocument: () => null,
  },
  filters: {
    'filter[platform]': (d, v) => oneOf(v, d.platform),
    'filter[app]': (d, v) => oneOf(v, d.appId),
    'filter[builds]': (d, v, store) => anyOf(v, buildsOfDeclaration(store, d)),
  },
  sorts: {},
});

function visibleAppIds(store: FakeStore, u: FakeUser): string[] {
  return u.allAppsVisible ? [...store.apps.keys()] : [...u.visibleAppIds];
}

export const users = defineKind<FakeUser>({
  type: 'users',
  schema: 'User',
  find: (store, id) => store.users.get(id),
  list: (store) => [...store.users.values()],
  id: (u) => u.id,
  attributes: (u) => ({
    username: u.username,
    firstName: u.firstName,
    lastName: u.lastName,
    roles: u.roles,
    allAppsVisible: u.allAppsVisible,
    provisioningAllowed: u.provisioningAllowed,
  }),
  related: { visibleApps: (u, store) => visibleAppIds(store, u) },
  filters: {
    // Usernames are Apple ID emails; like filter[email] on testers, they match without regard to case.
    'filter[username]': (u, v) => v.some((name) => name.toLowerCase() === u.username.toLowerCase()),
    'filter[roles]': (u, v) => anyOf(v, u.roles),
    'filter[visibleApps]': (u, v, store) => anyOf(v, visibleAppIds(store, u)),
  },
  sorts: { username: (u) => u.username, lastName: (u) => u.lastName },
});
