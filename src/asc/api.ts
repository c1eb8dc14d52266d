// The App Store Connect calls the action makes: each one's types are written here once, and the endpoint
// modules (endpoints/) implement them. Every method maps to the endpoint named in its comment.
import type {
  AppBuildInfo,
  AppInfo,
  AppOverview,
  BetaAppLocalizationFields,
  BetaAppLocalizationInfo,
  BetaReviewState,
  BuildInfo,
  DeviceFamilyOsFilter,
  GroupAttributes,
  GroupInfo,
  GroupTesterUsage,
  LocalizationInfo,
  Platform,
  PublicLinkUsage,
  RateLimitInfo,
  RecruitmentCriteriaInfo,
  ReviewDetailFields,
  ReviewSubmissionInfo,
  TesterInfo,
  TesterSample,
  UsagePeriod,
  TesterPage,
  TesterWithGroups,
} from './records.js';

export interface FindBuildsQuery {
  appId: string;
  /** CFBundleVersion; omitted lists the newest builds. */
  buildNumber?: string;
  marketingVersion?: string;
  /** Omitted: every platform (the wait looks for a build number everywhere, to say where it is). */
  platform?: Platform;
  /** At most this many builds, newest first; default 200. */
  limit?: number;
}

/** The app, by App Store Connect ID or by bundle ID. */
export type AppLookup =
  { appId: string; bundleId?: undefined } | { bundleId: string; appId?: undefined };

export type NewGroup = GroupAttributes & { name: string };

export interface NewTester {
  email: string;
  firstName?: string;
  lastName?: string;
  /** The groups the tester is created in. */
  groupIds: string[];
}

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
  findBuilds(query: FindBuildsQuery): Promise<BuildInfo[]>;
  /** GET /v1/builds/{id}?include=preReleaseVersion,buildBetaDetail */
  getBuild(buildId: string): Promise<BuildInfo>;
  /**
   * GET /v1/apps/{id} (or /v1/apps?filter[bundleId]=) with include=betaGroups,betaAppLocalizations,
   * betaAppReviewDetail,betaLicenseAgreement,appEncryptionDeclarations: one request, unless a list is past the
   * include's cap (50), which is then read from its own collection. null when no app matches.
   */
  readApp(ref: AppLookup): Promise<AppOverview | null>;
  /**
   * GET /v1/builds?filter[app]&filter[preReleaseVersion.platform]&filter[expired]=false&include=preReleaseVersion,
   * buildBetaDetail,betaAppReviewSubmission,betaGroups,betaBuildLocalizations&sort=-uploadedDate (all pages):
   * the app's unexpired builds with what the plan needs about any of them (the run's build once processed).
   */
  listAppBuilds(appId: string, platform: Platform): Promise<AppBuildInfo[]>;
  /** GET /v1/builds/{id}?include=preReleaseVersion,buildBetaDetail,betaAppReviewSubmission: one poll of a review. */
  getBuildReview(
    buildId: string,
  ): Promise<{ build: BuildInfo; reviewState: BetaReviewState | null }>;
  /** PATCH /v1/builds/{id} usesNonExemptEncryption */
  setUsesNonExemptEncryption(buildId: string, value: boolean): Promise<void>;
  /** PATCH /v1/builds/{id} expired: true (cannot be undone). */
  expireBuild(buildId: string): Promise<void>;
  /** POST /v1/appEncryptionDeclarations/{id}/relationships/builds: answers the build's export compliance. */
  assignEncryptionDeclaration(declarationId: string, buildId: string): Promise<void>;

  /** POST /v1/betaAppLocalizations (an unknown outcome is read back by app and locale). */
  createBetaAppLocalization(
    appId: string,
    locale: string,
    fields: BetaAppLocalizationFields,
  ): Promise<BetaAppLocalizationInfo>;
  /** PATCH /v1/betaAppLocalizations/{id} */
  updateBetaAppLocalization(
    localizationId: string,
    fields: BetaAppLocalizationFields,
  ): Promise<void>;
  /** PATCH /v1/betaAppReviewDetails/{id} (every app has exactly one; there is no POST). */
  updateReviewDetail(reviewDetailId: string, fields: ReviewDetailFields): Promise<void>;
  /** PATCH /v1/betaLicenseAgreements/{id} */
  updateLicenseAgreement(agreementId: string, text: string): Promise<void>;

  /**
   * GET /v1/users?filter[username]=a,b,... (batched): which of the emails belong to team members, lower-cased.
   * null when the key's role may not read the team (403 FORBIDDEN_ERROR).
   */
  findTeamMembers(emails: string[]): Promise<string[] | null>;
  /** GET /v1/betaTesters?filter[apps]=&limit=1: how many testers the app has (meta.paging.total); null if not said. */
  countAppTesters(appId: string): Promise<number | null>;

  /** GET /v1/betaGroups?filter[app]= (all pages). */
  listGroups(appId: string): Promise<GroupInfo[]>;
  /** GET /v1/betaGroups?filter[app]=&filter[builds]= (all pages): IDs of the groups that have the build. */
  listGroupIdsWithBuild(appId: string, buildId: string): Promise<string[]>;
  /** GET /v1/betaGroups/{id}/relationships/builds?limit=1: whether the group holds any build. */
  groupHasBuilds(groupId: string): Promise<boolean>;
  /**
   * POST /v1/betaGroups, with `buildIds` in the same request (relationships.builds), so a new group can be
   * created with its build and its public link on at once. Never blindly re-sent: an unknown outcome is read
   * back by name.
   */
  createGroup(
    appId: string,
    attributes: NewGroup,
    buildIds?: readonly string[],
  ): Promise<GroupInfo>;
  /** PATCH /v1/betaGroups/{id}; the create-only attributes are refused as a bug. */
  updateGroup(groupId: string, attributes: GroupAttributes): Promise<GroupInfo>;
  /** POST /v1/builds/{id}/relationships/betaGroups: one request for every group. */
  addBuildToGroups(buildId: string, groupIds: string[]): Promise<void>;
  /** DELETE /v1/betaGroups/{id} (its testers stay testers of the app); a group already gone counts as done. */
  deleteGroup(groupId: string): Promise<void>;

  /**
   * GET /v1/betaGroups?filter[app]=&include=betaRecruitmentCriteria&fields[betaGroups]=betaRecruitmentCriteria
   * (all pages): the recruitment criteria of every group of the app that has some.
   */
  listRecruitmentCriteria(appId: string): Promise<RecruitmentCriteriaInfo[]>;
  /** GET /v1/betaGroups/{id}/betaRecruitmentCriteria: one group's criteria; null when it has none. */
  readGroupRecruitmentCriteria(groupId: string): Promise<RecruitmentCriteriaInfo | null>;
  /** POST /v1/betaRecruitmentCriteria (an unknown outcome is read back through the group). */
  createRecruitmentCriteria(
    groupId: string,
    filters: readonly DeviceFamilyOsFilter[],
  ): Promise<RecruitmentCriteriaInfo>;
  /** PATCH /v1/betaRecruitmentCriteria/{id} deviceFamilyOsVersionFilters */
  updateRecruitmentCriteria(
    criteriaId: string,
    filters: readonly DeviceFamilyOsFilter[],
  ): Promise<void>;
  /** DELETE /v1/betaRecruitmentCriteria/{id} */
  deleteRecruitmentCriteria(criteriaId: string): Promise<void>;
  /**
   * GET /v1/betaGroups/{id}/betaRecruitmentCriterionCompatibleBuildCheck: whether the group holds a build that
   * meets its recruitment criteria (null when Apple did not say).
   */
  checkCompatibleBuild(groupId: string): Promise<boolean | null>;

  /** GET /v1/betaGroups/{id}/betaTesters (all pages). */
  listGroupTesters(groupId: string): Promise<TesterInfo[]>;
  /**
   * GET /v1/betaGroups/{id}/betaTesters?limit=200 with each member's email, names, state and invite type (all
   * pages, 200 at a time): every member of a group, for writing them out (export-config).
   */
  listGroupMembers(groupId: string): Promise<TesterInfo[]>;
  /**
   * GET /v1/betaTesters?filter[apps]=&include=betaGroups&limit[betaGroups]=50, page by page (200 a page): every
   * tester of the app with every group it is in (past 50, read from /v1/betaTesters/{id}/relationships/betaGroups).
   */
  appTesterPages(appId: string): AsyncIterable<TesterPage>;
  /**
   * GET /v1/betaTesters?filter[email]=a,b,...&include=betaGroups, as findTestersByEmail: the team's testers
   * with these emails, with every group each is in.
   */
  findTestersWithGroups(emails: string[]): Promise<TesterWithGroups[]>;
  /**
   * GET /v1/betaTesters?filter[email]=a,b,... in as few requests as the URL length allows (EMAIL_FILTER_CHARS),
   * sent at once; case-insensitive.
   */
  findTestersByEmail(emails: string[]): Promise<TesterInfo[]>;
  /** POST /v1/betaGroups/{id}/relationships/betaTesters (in chunks of TESTER_LINK_CHUNK, sent at once). */
  addTestersToGroup(groupId: string, testerIds: string[]): Promise<void>;
  /** DELETE /v1/betaGroups/{id}/relationships/betaTesters (in chunks of TESTER_LINK_CHUNK, sent at once). */
  removeTestersFromGroup(groupId: string, testerIds: string[]): Promise<void>;
  /** POST /v1/betaTesters with relationships.betaGroups; a 409 (email exists) is read back by email. */
  createTester(tester: NewTester): Promise<TesterInfo>;

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
  /** POST /v1/buildBetaNotifications (never re-sent when its outcome is unknown). */
  sendBuildNotification(buildId: string): Promise<void>;

  /**
   * GET /v1/betaGroups/{id}/metrics/betaTesterUsages?period&groupBy=betaTesters&limit=200: the first page (200
   * testers with usage), summed; sent once, never retried, as the metrics below.
   */
  readGroupTesterUsage(groupId: string, period: UsagePeriod): Promise<GroupTesterUsage>;
  /** GET /v1/betaGroups/{id}/metrics/publicLinkUsages?limit=200, summed; sent once. */
  readPublicLinkUsage(groupId: string): Promise<PublicLinkUsage>;
  /** GET /v1/betaGroups/{id}/betaTesters?fields[betaTesters]=email,state&limit=200: the first page; sent once. */
  sampleGroupTesters(groupId: string): Promise<TesterSample>;

  /** The budget read from the latest X-Rate-Limit header. */
  readonly rateLimit: RateLimitInfo;
  /** How many POST/PATCH/DELETE requests took effect (retries of one call count once). */
  readonly changingCalls: number;
}
