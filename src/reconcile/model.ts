// Domain shapes the reconcile works on. The client (src/asc/) maps Apple's JSON:API resources
// (typed by src/asc/generated/asc.ts) onto these; the planner and report never see JSON:API.

export type Platform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS';
export type ProcessingState = 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID';
export type BetaReviewState = 'WAITING_FOR_REVIEW' | 'IN_REVIEW' | 'REJECTED' | 'APPROVED';

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
  audience: 'INTERNAL_ONLY' | 'APP_STORE_ELIGIBLE' | null;
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

export interface GroupAttributes {
  name?: string;
  isInternalGroup?: boolean;
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

/**
 * The App Store Connect calls the reconcile makes. Implemented by `AscResources` in src/asc/;
 * every method maps to the endpoint named in its comment.
 */
export interface AscApi {
  /** GET /v1/apps/{id}; null on 404. */
  findAppById(appId: string): Promise<AppInfo | null>;
  /** GET /v1/apps?filter[bundleId]=; exact match on the client side; null when none. */
  findAppByBundleId(bundleId: string): Promise<AppInfo | null>;
  /**
   * GET /v1/builds?filter[app]&filter[version]&filter[preReleaseVersion.version]&filter[preReleaseVersion.platform]
   * &include=preReleaseVersion,buildBetaDetail&sort=-uploadedDate. `buildNumber` omitted lists the newest builds
   * (at most `limit`, default 200), used to tell the user which build numbers do exist.
   */
  findBuilds(query: {
    appId: string;
    buildNumber?: string;
    marketingVersion?: string;
    platform: Platform;
    limit?: number;
  }): Promise<BuildInfo[]>;
  /** GET /v1/builds/{id}?include=preReleaseVersion,buildBetaDetail */
  getBuild(buildId: string): Promise<BuildInfo>;
  /** GET /v1/betaGroups?filter[app]= (all pages). */
  listGroups(appId: string): Promise<GroupInfo[]>;
  /** GET /v1/betaGroups?filter[app]=&filter[builds]= (all pages): IDs of the groups that have the build. */
  listGroupIdsWithBuild(appId: string, buildId: string): Promise<string[]>;
  /** GET /v1/betaGroups/{id}/relationships/builds?limit=1: whether the group holds any build. */
  groupHasBuilds(groupId: string): Promise<boolean>;
  /** GET /v1/betaGroups/{id}/betaTesters (all pages). */
  listGroupTesters(groupId: string): Promise<TesterInfo[]>;
  /** GET /v1/betaTesters?filter[email]=a,b,... in as few requests as the URL length allows; case-insensitive. */
  findTestersByEmail(emails: string[]): Promise<TesterInfo[]>;
  /** POST /v1/betaGroups (never blindly re-sent: an unknown outcome is read back by name). */
  createGroup(appId: string, attributes: GroupAttributes & { name: string }): Promise<GroupInfo>;
  /** PATCH /v1/betaGroups/{id} */
  updateGroup(groupId: string, attributes: GroupAttributes): Promise<GroupInfo>;
  /** POST /v1/builds/{id}/relationships/betaGroups: one request for every group. */
  addBuildToGroups(buildId: string, groupIds: string[]): Promise<void>;
  /** POST /v1/betaGroups/{id}/relationships/betaTesters (batched). */
  addTestersToGroup(groupId: string, testerIds: string[]): Promise<void>;
  /** DELETE /v1/betaGroups/{id}/relationships/betaTesters (batched). */
  removeTestersFromGroup(groupId: string, testerIds: string[]): Promise<void>;
  /** POST /v1/betaTesters with relationships.betaGroups; a 409 (email exists) is read back by email. */
  createTester(tester: {
    email: string;
    firstName?: string;
    lastName?: string;
    groupIds: string[];
  }): Promise<TesterInfo>;
  /** PATCH /v1/builds/{id} usesNonExemptEncryption */
  setUsesNonExemptEncryption(buildId: string, value: boolean): Promise<void>;
  /** GET /v1/betaBuildLocalizations?filter[build]= */
  listLocalizations(buildId: string): Promise<LocalizationInfo[]>;
  /** POST /v1/betaBuildLocalizations */
  createLocalization(buildId: string, locale: string, whatsNew: string): Promise<LocalizationInfo>;
  /** PATCH /v1/betaBuildLocalizations/{id} */
  updateLocalization(localizationId: string, whatsNew: string): Promise<LocalizationInfo>;
  /** GET /v1/betaAppReviewSubmissions?filter[build]= */
  listReviewSubmissions(buildId: string): Promise<ReviewSubmissionInfo[]>;
  /** POST /v1/betaAppReviewSubmissions */
  createReviewSubmission(buildId: string): Promise<ReviewSubmissionInfo>;
  /** POST /v1/buildBetaNotifications */
  sendBuildNotification(buildId: string): Promise<void>;
  /** The budget read from the latest X-Rate-Limit header. */
  readonly rateLimit: RateLimitInfo;
  /** How many POST/PATCH/DELETE requests reached the server (retries of one call count once). */
  readonly changingCalls: number;
}

/** One listed tester, as parsed from `testers` / `testers-file` (emails are lower-cased for comparison). */
export interface TesterSpec {
  email: string;
  firstName?: string;
  lastName?: string;
}

/** The names of the operations a plan is made of (the `op` of each entry of the `plan` output). */
export type OperationKind =
  | 'create-group'
  | 'update-group'
  | 'set-export-compliance'
  | 'add-build'
  | 'create-tester'
  | 'add-testers'
  | 'remove-testers'
  | 'set-what-to-test'
  | 'submit-for-review'
  | 'notify-testers';

/** The public shape of one planned operation: what the `plan` output and the summary show. */
export interface PlannedOperation {
  op: OperationKind;
  /** What it acts on: a group name, a build ("build 42"), a tester email, a locale. */
  target: string;
  /** One readable line: what changes, from what to what. */
  detail: string;
}

export type ReviewOutcome = BetaReviewState | 'not-needed' | 'skipped';

/** What happened to one declared group; the report renders this. */
export interface GroupOutcome {
  name: string;
  /** null only in a dry run for a group that would be created. */
  id: string | null;
  type: 'internal' | 'external';
  created: boolean;
  /** added: the build was put in the group; already: it was there; all-builds: internal group that gets every build; none: no build asked for. */
  build: 'added' | 'already' | 'all-builds' | 'none';
  testersAdded: string[];
  testersRemoved: string[];
  testersUnchanged: number;
  publicLink: string | null;
}

/** Everything the report (outputs + job summary) needs, produced by the reconcile for a real or dry run. */
export interface ReconcileResult {
  dryRun: boolean;
  app: AppInfo;
  build: BuildInfo | null;
  groups: GroupOutcome[];
  createdGroups: string[];
  testersAdded: number;
  testersRemoved: number;
  reviewState: ReviewOutcome;
  whatToTest: 'set' | 'already' | 'none';
  notified: boolean;
  plan: PlannedOperation[];
  /** Changing API calls made (planned, in a dry run). */
  changes: number;
  warnings: string[];
}
