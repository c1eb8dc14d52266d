// The client's records: Apple's JSON:API resources (typed by generated/asc.ts) read into plain shapes, so
// nothing above src/asc/ ever sees JSON:API. Fields Apple may leave unset are null, never guessed.

export type Platform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS';
export type ProcessingState = 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID';
export type BetaReviewState = 'WAITING_FOR_REVIEW' | 'IN_REVIEW' | 'REJECTED' | 'APPROVED';
export type BuildAudience = 'INTERNAL_ONLY' | 'APP_STORE_ELIGIBLE';

export const PLATFORMS: readonly Platform[] = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'];

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
  betaDetail: BuildBetaDetailInfo | null;
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
