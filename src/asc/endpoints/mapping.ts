// JSON:API resources (typed by the generated spec types) → the client's records (records.ts).
// Parsing is lenient on purpose: real responses carry nulls the spec does not allow, unknown attributes,
// relationships with only links, and dates with zone offsets (see spec/asc-openapi/recorded/README.md).
import type {
  AppBuildInfo,
  AppInfo,
  BetaReviewState,
  BuildAudience,
  BuildBetaDetailInfo,
  BuildInfo,
  GroupInfo,
  LocalizationInfo,
  ProcessingState,
  ReviewSubmissionInfo,
  TesterInfo,
} from '../records.js';
import { PLATFORMS } from '../records.js';
import type { components } from '../generated/asc.js';
import type { JsonApiResource, Lenient } from '../jsonapi/documents.js';
import { bool, date, num, oneOf, str } from './lenient-values.js';

type Schemas = components['schemas'];

export type AppResource = Lenient<Schemas['App']>;
export type BuildResource = Lenient<Schemas['Build']>;
export type BuildBetaDetailResource = Lenient<Schemas['BuildBetaDetail']>;
export type PreReleaseVersionResource = Lenient<Schemas['PrereleaseVersion']>;
export type BetaGroupResource = Lenient<Schemas['BetaGroup']>;
export type BetaTesterResource = Lenient<Schemas['BetaTester']>;
export type BetaBuildLocalizationResource = Lenient<Schemas['BetaBuildLocalization']>;
export type BetaAppReviewSubmissionResource = Lenient<Schemas['BetaAppReviewSubmission']>;

const PROCESSING_STATES: readonly ProcessingState[] = ['PROCESSING', 'FAILED', 'INVALID', 'VALID'];
const REVIEW_STATES: readonly BetaReviewState[] = [
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'REJECTED',
  'APPROVED',
];
const AUDIENCES: readonly BuildAudience[] = ['INTERNAL_ONLY', 'APP_STORE_ELIGIBLE'];
const INVITE_TYPES: readonly NonNullable<TesterInfo['inviteType']>[] = ['EMAIL', 'PUBLIC_LINK'];

export function mapApp(r: AppResource): AppInfo {
  const a = r.attributes ?? {};
  return { id: r.id, bundleId: str(a.bundleId) ?? '', name: str(a.name) ?? '' };
}

/** `included` supplies the build's preReleaseVersion and buildBetaDetail when the request asked for them. */
export function mapBuild(r: BuildResource, included: readonly JsonApiResource[] = []): BuildInfo {
  const a = r.attributes ?? {};
  const version = related(r, 'preReleaseVersion', 'preReleaseVersions', included) as
    PreReleaseVersionResource | undefined;
  const detail = related(r, 'buildBetaDetail', 'buildBetaDetails', included) as
    BuildBetaDetailResource | undefined;
  return {
    id: r.id,
    number: str(a.version) ?? '',
    marketingVersion: str(version?.attributes?.version),
    platform: oneOf(version?.attributes?.platform, PLATFORMS),
    processingState: oneOf(a.processingState, PROCESSING_STATES),
    expired: a.expired === true,
    usesNonExemptEncryption: bool(a.usesNonExemptEncryption),
    audience: oneOf(a.buildAudienceType, AUDIENCES),
    uploadedDate: date(a.uploadedDate),
    expirationDate: date(a.expirationDate),
    betaDetail: detail ? mapBuildBetaDetail(detail) : null,
  };
}

/** A build of a list that included its review submission and its groups' linkage. */
export function mapAppBuild(r: BuildResource, included: readonly JsonApiResource[]): AppBuildInfo {
  const submission = related(r, 'betaAppReviewSubmission', 'betaAppReviewSubmissions', included) as
    BetaAppReviewSubmissionResource | undefined;
  const groups = r.relationships?.betaGroups?.data;
  return {
    ...mapBuild(r, included),
    groupIds: Array.isArray(groups)
      ? groups.flatMap((g: { id?: unknown }) => (typeof g.id === 'string' ? [g.id] : []))
      : [],
    reviewState: submission ? mapReviewSubmission(submission).state : null,
  };
}

export function mapBuildBetaDetail(r: BuildBetaDetailResource): BuildBetaDetailInfo {
  const a = r.attributes ?? {};
  return {
    id: r.id,
    autoNotifyEnabled: bool(a.autoNotifyEnabled),
    internalBuildState: str(a.internalBuildState),
    externalBuildState: str(a.externalBuildState),
  };
}

export function mapGroup(r: BetaGroupResource): GroupInfo {
  const a = r.attributes ?? {};
  return {
    id: r.id,
    name: str(a.name) ?? '',
    isInternal: a.isInternalGroup === true,
    hasAccessToAllBuilds: a.hasAccessToAllBuilds === true,
    publicLinkEnabled: bool(a.publicLinkEnabled),
    publicLinkLimitEnabled: bool(a.publicLinkLimitEnabled),
    publicLinkLimit: num(a.publicLinkLimit),
    publicLink: str(a.publicLink),
    feedbackEnabled: bool(a.feedbackEnabled),
  };
}

export function mapTester(r: BetaTesterResource): TesterInfo {
  const a = (r.attributes ?? {}) as NonNullable<BetaTesterResource['attributes']> & {
    betaTesterState?: unknown;
  };
  return {
    id: r.id,
    email: str(a.email) ?? '',
    firstName: str(a.firstName),
    lastName: str(a.lastName),
    // `betaTesterState` is the web ("iris") API's name for the public API's `state`; fastlane's fixtures carry it.
    state: str(a.state) ?? str(a.betaTesterState),
    inviteType: oneOf(a.inviteType, INVITE_TYPES),
  };
}

export function mapLocalization(r: BetaBuildLocalizationResource): LocalizationInfo {
  const a = r.attributes ?? {};
  return { id: r.id, locale: str(a.locale) ?? '', whatsNew: str(a.whatsNew) };
}

export function mapReviewSubmission(r: BetaAppReviewSubmissionResource): ReviewSubmissionInfo {
  const a = r.attributes ?? {};
  return {
    id: r.id,
    state: oneOf(a.betaReviewState, REVIEW_STATES),
    submittedDate: date(a.submittedDate),
  };
}

/** The included resource a to-one relationship points at; undefined when only links were sent. */
function related(
  r: { relationships?: JsonApiResource['relationships'] },
  name: string,
  type: string,
  included: readonly JsonApiResource[],
): JsonApiResource | undefined {
  const data = r.relationships?.[name]?.data as { id?: unknown } | null | undefined;
  const id = typeof data?.id === 'string' ? data.id : undefined;
  return id === undefined ? undefined : included.find((i) => i.type === type && i.id === id);
}
