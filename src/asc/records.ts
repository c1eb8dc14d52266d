// The client's records: Apple's JSON:API resources (typed by generated/asc.ts) read into plain shapes, so
// nothing above src/asc/ ever sees JSON:API. Fields Apple may leave unset are null, never guessed.

export type Platform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS';
export type ProcessingState = 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID';
export type BetaReviewState = 'WAITING_FOR_REVIEW' | 'IN_REVIEW' | 'REJECTED' | 'APPROVED';
export type BuildAudience = 'INTERNAL_ONLY' | 'APP_STORE_ELIGIBLE';

export const PLATFORMS: readonly Platform[] = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'];

/** The device families a group's recruitment criteria name (Apple's `DeviceFamily`). */
export type DeviceFamily = 'IPHONE' | 'IPAD' | 'APPLE_TV' | 'APPLE_WATCH' | 'MAC' | 'VISION';
export const DEVICE_FAMILIES: readonly DeviceFamily[] = [
  'IPHONE',
  'IPAD',
  'APPLE_TV',
  'APPLE_WATCH',
  'MAC',
  'VISION',
];

export interface AppInfo {
  id: string;
  bundleId: string;
  name: string;
}

export interface BuildBetaDetailInfo {
  id: string;
  autoNotifyEnabled: boolean | null;
  internalBuildState: string | null;
  externalBuildState: string | null;
}

export interface BuildInfo {
  id: string;
  /** CFBundleVersion (Apple's `version` attribute on builds). */
  number: string;
  /** CFBundleShortVersionString, from the build's preReleaseVersion. */
  marketingVersion: string | null;
  platform: Platform | null;
  processingState: ProcessingState | null;
  expired: boolean;
  usesNonExemptEncryption: boolean | null;
  audience: BuildAudience | null;
  uploadedDate: string | null;
  /** When TestFlight stops offering the build (Apple's `expirationDate`, 90 days after upload). */
  expirationDate: string | null;
  betaDetail: BuildBetaDetailInfo | null;
}

/** A build of the app as the expiry and review checks see it: its groups and its latest review. */
export interface AppBuildInfo extends BuildInfo {
  /** The groups holding it (at most 50 are listed per build, the include's cap). */
  groupIds: string[];
  /** Whether `groupIds` is every group holding it (false past the include's cap, or when not included). */
  groupIdsComplete: boolean;
  /** State of its latest Beta App Review submission; null when never submitted. */
  reviewState: BetaReviewState | null;
  /** Its Beta App Review submission as a list (Apple links one per build); null when the answer did not say. */
  reviewSubmissions: ReviewSubmissionInfo[] | null;
  /** Its What to Test localizations; null when the answer did not hold them all. */
  localizations: LocalizationInfo[] | null;
}

export interface GroupInfo {
  id: string;
  name: string;
  isInternal: boolean;
  hasAccessToAllBuilds: boolean;
  publicLinkEnabled: boolean | null;
  publicLinkLimitEnabled: boolean | null;
  publicLinkLimit: number | null;
  publicLink: string | null;
  feedbackEnabled: boolean | null;
}

/** A beta group's attributes as they are sent; undefined ones are left out of the request. */
export interface GroupAttributes {
  name?: string;
  /** Create only: Apple fixes it when the group is created. */
  isInternalGroup?: boolean;
  /** Create only, as isInternalGroup. */
  hasAccessToAllBuilds?: boolean;
  publicLinkEnabled?: boolean;
  publicLinkLimitEnabled?: boolean;
  publicLinkLimit?: number;
  feedbackEnabled?: boolean;
}

export interface TesterInfo {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  state: string | null;
  /** How the tester joined: invited by email, or through a group's public link. */
  inviteType: 'EMAIL' | 'PUBLIC_LINK' | null;
}

/** One device family a group recruits testers with, and its OS range (null ends are open). */
export interface DeviceFamilyOsFilter {
  deviceFamily: DeviceFamily;
  minimumOs: string | null;
  maximumOs: string | null;
}

/** A group's recruitment criteria (Apple's betaRecruitmentCriteria: at most one per external group). */
export interface RecruitmentCriteriaInfo {
  id: string;
  groupId: string;
  filters: DeviceFamilyOsFilter[];
}

/** A tester with the IDs of every beta group it is in (of all the team's apps, not only this one). */
export interface TesterWithGroups extends TesterInfo {
  groupIds: string[];
}

/** One page of an app's testers, and how many the app has in all (`meta.paging.total`; null if not said). */
export interface TesterPage {
  testers: TesterWithGroups[];
  total: number | null;
}

export interface LocalizationInfo {
  id: string;
  locale: string;
  whatsNew: string | null;
}

export interface ReviewSubmissionInfo {
  id: string;
  state: BetaReviewState | null;
  submittedDate: string | null;
}

export interface RateLimitInfo {
  /** From `X-Rate-Limit: user-hour-lim:N;` of the latest response; null before any. */
  limit: number | null;
  /** From `user-hour-rem:N;`; null before any response. */
  remaining: number | null;
}

/** Test Information of one locale (a beta app localization): what testers and reviewers read. */
export interface BetaAppLocalizationInfo {
  id: string;
  locale: string;
  description: string | null;
  feedbackEmail: string | null;
  marketingUrl: string | null;
  privacyPolicyUrl: string | null;
}

/** The Beta App Review fields of a beta app localization, as they are sent; undefined ones are left out. */
export type BetaAppLocalizationFields = Partial<
  Record<'description' | 'feedbackEmail' | 'marketingUrl' | 'privacyPolicyUrl', string>
>;

/** The app's one Beta App Review detail. Apple may send the demo password empty even when one is set. */
export interface ReviewDetailInfo {
  id: string;
  contactFirstName: string | null;
  contactLastName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  demoAccountName: string | null;
  demoAccountPassword: string | null;
  demoAccountRequired: boolean | null;
  notes: string | null;
}

/** The review detail's attributes as they are sent; undefined ones are left out. */
export type ReviewDetailFields = Partial<Omit<ReviewDetailInfo, 'id' | 'demoAccountRequired'>> & {
  demoAccountRequired?: boolean;
};

export interface LicenseAgreementInfo {
  id: string;
  agreementText: string | null;
}

export type EncryptionDeclarationState =
  'CREATED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'INVALID' | 'EXPIRED';

export interface EncryptionDeclarationInfo {
  id: string;
  platform: Platform | null;
  state: EncryptionDeclarationState | null;
  usesEncryption: boolean | null;
  exempt: boolean | null;
}

/** The app with what TestFlight keeps beside it, read in one request where the include caps allow. */
export interface AppOverview {
  app: AppInfo;
  primaryLocale: string | null;
  /** Every beta group of the app. */
  groups: GroupInfo[];
  betaAppLocalizations: BetaAppLocalizationInfo[];
  /** null only when Apple sent none (every app has one). */
  reviewDetail: ReviewDetailInfo | null;
  licenseAgreement: LicenseAgreementInfo | null;
  encryptionDeclarations: EncryptionDeclarationInfo[];
}

/** The periods Apple's usage metrics cover: 7, 30, 90 or 365 days up to now. */
export type UsagePeriod = 'P7D' | 'P30D' | 'P90D' | 'P365D';

/** A beta group's tester usage over a period (Apple's `betaTesterUsages`, one entry per tester), summed. */
export interface GroupTesterUsage {
  sessions: number;
  crashes: number;
  feedback: number;
  /** Testers the summed entries cover. */
  testers: number;
  /** Testers Apple has usage for (its `meta.paging.total`): more than `testers` when only a first page was read. */
  totalTesters: number;
}

/** A public link's usage (Apple's `publicLinkUsages`), summed over the points Apple sends. */
export interface PublicLinkUsage {
  views: number;
  accepted: number;
  didNotAccept: number;
  didNotMeetCriteria: number;
}

/** The first page of a group's members, and how many it has in all. */
export interface TesterSample {
  testers: TesterInfo[];
  /** Apple's `meta.paging.total`; the sample's length when Apple does not say. */
  total: number;
}
