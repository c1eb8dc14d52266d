// The records the fake keeps, as tests seed and read them through FakeState (types.ts).
export type FakePlatform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS';
export type FakeProcessingState = 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID';
export type FakeReviewState = 'WAITING_FOR_REVIEW' | 'IN_REVIEW' | 'REJECTED' | 'APPROVED';

export interface FakeApp {
  id: string;
  bundleId: string;
  name: string;
  sku: string;
  primaryLocale: string;
}

export interface FakeBuild {
  id: string;
  appId: string;
  /** Build number (CFBundleVersion). */
  version: string;
  marketingVersion: string;
  platform: FakePlatform;
  /** The lowest OS version the build runs on (Apple's `minOsVersion`): 14.0 on macOS, 17.0 elsewhere by default. */
  minOsVersion: string;
  preReleaseVersionId: string;
  uploadedAt: number;
  /** The build is absent from every list and GET until uploadedAt + appearsAfterMs. */
  appearsAfterMs: number;
  /** processingState is PROCESSING until uploadedAt + processingMs, then finalState. */
  processingMs: number;
  finalState: 'VALID' | 'FAILED' | 'INVALID';
  expired: boolean;
  usesNonExemptEncryption: boolean | null;
  audience: 'INTERNAL_ONLY' | 'APP_STORE_ELIGIBLE';
  autoNotifyEnabled: boolean;
  buildBetaDetailId: string;
  /** The app encryption declaration assigned to the build, which answered its export compliance. */
  encryptionDeclarationId: string | null;
}

export interface FakeGroup {
  id: string;
  appId: string;
  name: string;
  isInternal: boolean;
  hasAccessToAllBuilds: boolean;
  publicLinkEnabled: boolean;
  publicLinkLimitEnabled: boolean;
  publicLinkLimit: number | null;
  publicLinkId: string | null;
  feedbackEnabled: boolean;
  /** Optional: defaults to false. */
  iosBuildsAvailableForAppleSiliconMac?: boolean;
  /** Optional: defaults to false. */
  iosBuildsAvailableForAppleVision?: boolean;
  createdAt: number;
  testerIds: Set<string>;
  buildIds: Set<string>;
}

export interface FakeTester {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  inviteType: 'EMAIL' | 'PUBLIC_LINK';
  state: 'NOT_INVITED' | 'INVITED' | 'ACCEPTED' | 'INSTALLED' | 'REVOKED';
  appIds: Set<string>;
}

export interface FakeLocalization {
  id: string;
  buildId: string;
  locale: string;
  whatsNew: string | null;
}

export interface FakeReviewSubmission {
  id: string;
  buildId: string;
  state: FakeReviewState;
  submittedAt: number;
}

/** An app's Test Information for one locale (betaAppLocalizations): what testers and reviewers read. */
export interface FakeBetaAppLocalization {
  id: string;
  appId: string;
  locale: string;
  description: string | null;
  feedbackEmail: string | null;
  marketingUrl: string | null;
  privacyPolicyUrl: string | null;
  tvOsPrivacyPolicy: string | null;
}

/** The one Beta App Review detail of an app: the reviewers' contact, demo account and notes. */
export interface FakeReviewDetail {
  id: string;
  appId: string;
  contactFirstName: string | null;
  contactLastName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  demoAccountName: string | null;
  demoAccountPassword: string | null;
  demoAccountRequired: boolean;
  notes: string | null;
}

/** The one beta license agreement of an app. */
export interface FakeLicenseAgreement {
  id: string;
  appId: string;
  agreementText: string | null;
}

export type FakeEncryptionDeclarationState =
  'CREATED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'INVALID' | 'EXPIRED';

/** An app encryption declaration (export compliance documentation), per app and platform. */
export interface FakeEncryptionDeclaration {
  id: string;
  appId: string;
  platform: FakePlatform;
  state: FakeEncryptionDeclarationState;
  /** Whether the app uses encryption at all; with `exempt`, what a build it is assigned to declares. */
  usesEncryption: boolean;
  exempt: boolean;
  containsProprietaryCryptography: boolean;
  containsThirdPartyCryptography: boolean;
  availableOnFrenchStore: boolean;
  appDescription: string;
  /** The export compliance code Apple issues for a non-exempt declaration; null otherwise. */
  codeValue: string | null;
  createdAt: number;
}

/** A member of the App Store Connect team (`/v1/users`); `username` is the Apple ID email. */
export interface FakeUser {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  roles: string[];
  allAppsVisible: boolean;
  provisioningAllowed: boolean;
  /** Apps the user sees when `allAppsVisible` is false. */
  visibleAppIds: Set<string>;
}

/** What `setTestInformation` writes; each part replaces only the fields it names. */
export interface FakeTestInformation {
  /** Beta app localizations by locale, created when missing. */
  locales?: Record<string, Partial<Omit<FakeBetaAppLocalization, 'id' | 'appId' | 'locale'>>>;
  review?: Partial<Omit<FakeReviewDetail, 'id' | 'appId'>>;
  licenseAgreement?: string | null;
}

/** A group's recruitment criteria: Apple's deviceFamilyOsVersionFilters, as sent. */
export interface FakeRecruitmentCriterion {
  id: string;
  groupId: string;
  deviceFamilyOsVersionFilters: unknown[];
  modifiedAt: number;
}
