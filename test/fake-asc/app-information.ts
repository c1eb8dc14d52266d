// The records a first external submission and a team check need: an app's Test Information (beta app
// localizations, review detail, license agreement), its encryption declarations, and the team's users.
import { randomUUID } from 'node:crypto';
import type {
  FakeBetaAppLocalization,
  FakeEncryptionDeclaration,
  FakeLicenseAgreement,
  FakeReviewDetail,
  FakeTestInformation,
  FakeUser,
} from './records.js';

/** The part of the store Test Information lives in (the store itself imports this module). */
export interface AppInformationStore {
  apps: ReadonlyMap<string, unknown>;
  betaAppLocalizations: Map<string, FakeBetaAppLocalization>;
  reviewDetailOf(appId: string): FakeReviewDetail;
  licenseAgreementOf(appId: string): FakeLicenseAgreement;
}

/** Every app has one review detail from creation; Apple offers no POST or DELETE for it. */
export function newReviewDetail(appId: string): FakeReviewDetail {
  return {
    id: randomUUID(),
    appId,
    contactFirstName: null,
    contactLastName: null,
    contactPhone: null,
    contactEmail: null,
    demoAccountName: null,
    demoAccountPassword: null,
    demoAccountRequired: false,
    notes: null,
  };
}

export function newLicenseAgreement(appId: string): FakeLicenseAgreement {
  return { id: randomUUID(), appId, agreementText: null };
}

export function newBetaAppLocalization(
  appId: string,
  locale: string,
  fields: Partial<Omit<FakeBetaAppLocalization, 'id' | 'appId' | 'locale'>> = {},
): FakeBetaAppLocalization {
  return {
    id: randomUUID(),
    appId,
    locale,
    description: null,
    feedbackEmail: null,
    marketingUrl: null,
    privacyPolicyUrl: null,
    tvOsPrivacyPolicy: null,
    ...fields,
  };
}

export function localizationsOfApp(
  store: Pick<AppInformationStore, 'betaAppLocalizations'>,
  appId: string,
): FakeBetaAppLocalization[] {
  return [...store.betaAppLocalizations.values()].filter((l) => l.appId === appId);
}

export function writeTestInformation(
  store: AppInformationStore,
  appId: string,
  info: FakeTestInformation,
): void {
  if (!store.apps.has(appId)) throw new Error(`fake-asc seed: no app ${appId}`);
  for (const [locale, fields] of Object.entries(info.locales ?? {})) {
    const existing = localizationsOfApp(store, appId).find((l) => l.locale === locale);
    if (existing) Object.assign(existing, fields);
    else {
      const created = newBetaAppLocalization(appId, locale, fields);
      store.betaAppLocalizations.set(created.id, created);
    }
  }
  if (info.review) Object.assign(store.reviewDetailOf(appId), info.review);
  if (info.licenseAgreement !== undefined) {
    store.licenseAgreementOf(appId).agreementText = info.licenseAgreement;
  }
}

/** Test Information Beta App Review accepts: a described primary locale with a feedback email, a contact. */
export function completeTestInformation(locale = 'en-US'): FakeTestInformation {
  return {
    locales: {
      [locale]: {
        description: 'A beta of the app, for testers outside the team.',
        feedbackEmail: 'beta-feedback@example.com',
        marketingUrl: 'https://example.com',
        privacyPolicyUrl: 'https://example.com/privacy',
      },
    },
    review: {
      contactFirstName: 'Jane',
      contactLastName: 'Appleseed',
      contactEmail: 'jane@example.com',
      contactPhone: '+1 555 0100',
    },
  };
}

export function newEncryptionDeclaration(
  d: Partial<Omit<FakeEncryptionDeclaration, 'appId'>> & { appId: string },
  now: number,
): FakeEncryptionDeclaration {
  const exempt = d.exempt ?? true;
  return {
    id: d.id ?? randomUUID(),
    appId: d.appId,
    platform: d.platform ?? 'IOS',
    state: d.state ?? 'APPROVED',
    usesEncryption: d.usesEncryption ?? true,
    exempt,
    containsProprietaryCryptography: d.containsProprietaryCryptography ?? false,
    containsThirdPartyCryptography: d.containsThirdPartyCryptography ?? false,
    availableOnFrenchStore: d.availableOnFrenchStore ?? true,
    appDescription: d.appDescription ?? 'Uses HTTPS only.',
    codeValue: d.codeValue ?? (exempt ? null : 'EXPORT-CODE-1'),
    createdAt: d.createdAt ?? now,
  };
}

/** What a build an encryption declaration is assigned to declares: non-exempt encryption, or not. */
export function declaresNonExemptEncryption(d: FakeEncryptionDeclaration): boolean {
  return d.usesEncryption && !d.exempt;
}

/** A team member; without names, "alice@example.com" is Alice Example. */
export function newTeamMember(
  email: string,
  user: Partial<Omit<FakeUser, 'id' | 'username' | 'visibleAppIds'>> & {
    visibleAppIds?: Iterable<string>;
  } = {},
): FakeUser {
  const [local = email, domain = ''] = email.split('@');
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    id: randomUUID(),
    username: email,
    firstName: user.firstName ?? capital(local),
    lastName: user.lastName ?? capital(domain.split('.')[0] || 'Member'),
    roles: user.roles ?? ['DEVELOPER'],
    allAppsVisible: user.allAppsVisible ?? true,
    provisioningAllowed: user.provisioningAllowed ?? false,
    visibleAppIds: new Set(user.visibleAppIds ?? []),
  };
}
