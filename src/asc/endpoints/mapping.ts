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
  TesterWithGroups,
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
/** Apple's cap on an included to-many relationship (`limit[…]`). */
export const INCLUDED_LIMIT = 50;
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

/**
 * A build of a list that included its review submission, its groups' linkage and (when asked for) its What to
 * Test localizations: what the plan needs about the run's build, and what expiry and the review train read.
 */
export function mapAppBuild(r: BuildResource, included: readonly JsonApiResource[]): AppBuildInfo {
  const relationship = r.relationships?.betaAppReviewSubmission;
  const submission = related(r, 'betaAppReviewSubmission', 'betaAppReviewSubmissions', included) as
    BetaAppReviewSubmissionResource | undefined;
  const review = submission ? mapReviewSubmission(submission) : null;
  const groups = linkageIds(r, 'betaGroups');
  const localizations = includedMany(
    r,
    'betaBuildLocalizations',
    'betaBuildLocalizations',
    included,
  );
  // A to-one with `data: null` says "none"; one with only links says nothing.
  const saysSubmission = !!relationship && 'data' in relationship;
  return {
    ...mapBuild(r, included),
    groupIds: groups?.ids ?? [],
    groupIdsComplete: groups?.complete ?? false,
    reviewState: review?.state ?? null,
    reviewSubmissions: review ? [review] : saysSubmission && relationship.data === null ? [] : null,
    localizations:
      localizations &&
      localizations.map((l) => mapLocalization(l as BetaBuildLocalizationResource)),
  };
}

/** The linkage IDs of a to-many relationship, and whether they are all of them (Apple caps an include at 50). */
function linkageIds(
  r: { relationships?: JsonApiResource['relationships'] },
  name: string,
): { ids: string[]; complete: boolean } | null {
  const relationship = r.relationships?.[name];
  const data = relationship?.data;
  if (!Array.isArray(data)) return null;
  const ids = data.flatMap((g: { id?: unknown }) => (typeof g.id === 'string' ? [g.id] : []));
  // Apple says how many there are beside the capped linkage; without it, a full cap may hide more.
  const total = (relationship as { meta?: { paging?: { total?: unknown } } }).meta?.paging?.total;
  const complete = typeof total === 'number' ? total <= ids.length : ids.length < INCLUDED_LIMIT;
  return { ids, complete };
}

/** The included resources of a to-many relationship, in its order; null when the include did not hold them all. */
export function includedMany(
  r: { relationships?: JsonApiResource['relationships'] },
  name: string,
  type: string,
  included: readonly JsonApiResource[],
): JsonApiResource[] | null {
  const linkage = linkageIds(r, name);
  if (!linkage?.complete) return null;
  const found: JsonApiResource[] = [];
  for (const id of linkage.ids) {
    const resource = included.find((i) => i.type === type && i.id === id);
    if (!resource) return null;
    found.push(resource);
  }
  return found;
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

/** A tester read with `include=betaGroups`: its groups' IDs; null when the answer did not list them all. */
export function mapTesterWithGroups(
  r: BetaTesterResource,
): TesterWithGroups & { complete: boolean } {
  const groups = linkageIds(r, 'betaGroups');
  return { ...mapTester(r), groupIds: groups?.ids ?? [], complete: groups?.complete ?? false };
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
