// The App Store Connect client, as the rest of the action sees it: its vocabulary (records, the AscApi
// calls, errors, constants) and the factory. Nothing outside src/asc/ imports a path below this file, and
// nothing in src/asc/ imports from outside it. Inside, endpoints/ use jsonapi/ and transport/; auth/ mints
// the tokens transport/ sends; client.ts wires them together.
export type { AppLookup, AscApi, FindBuildsQuery, NewGroup, NewTester } from './api.js';
export {
  createAscApi,
  DEFAULT_CONCURRENCY,
  type AscApiOptions,
  type AscClient,
  type AscConnection,
} from './client.js';
export type {
  AppBuildInfo,
  AppInfo,
  AppOverview,
  BetaAppLocalizationFields,
  BetaAppLocalizationInfo,
  BetaReviewState,
  BuildAudience,
  BuildBetaDetailInfo,
  BuildInfo,
  DeviceFamily,
  DeviceFamilyOsFilter,
  EncryptionDeclarationInfo,
  EncryptionDeclarationState,
  GroupAttributes,
  GroupInfo,
  GroupTesterUsage,
  LicenseAgreementInfo,
  LocalizationInfo,
  Platform,
  ProcessingState,
  PublicLinkUsage,
  RateLimitInfo,
  RecruitmentCriteriaInfo,
  ReviewDetailFields,
  ReviewDetailInfo,
  ReviewSubmissionInfo,
  TesterInfo,
  TesterSample,
  UsagePeriod,
  TesterPage,
  TesterWithGroups,
} from './records.js';
export { DEVICE_FAMILIES } from './records.js';
export { AscError, InternalError, type AscErrorEntry } from './errors.js';
export { PrivateKeyError } from './auth/key.js';
export { PAGE_LIMIT, PagingError } from './jsonapi/paging.js';
export { RateBudgetError } from './transport/rate-budget.js';
export { emailChunks, EMAIL_FILTER_CHARS, TESTER_LINK_CHUNK } from './endpoints/testers.js';
