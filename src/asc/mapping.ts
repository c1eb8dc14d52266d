// JSON:API resources (typed by the generated spec types) → the domain shapes in src/reconcile/model.ts.
// Parsing is lenient on purpose: real responses carry nulls the spec does not allow, unknown attributes,
// relationships with only links, and dates with zone offsets (see spec/asc-openapi/recorded/README.md).
import type {
  AppInfo,
  BetaReviewState,
  BuildBetaDetailInfo,
  BuildInfo,
  GroupInfo,
  LocalizationInfo,
  Platform,
  ProcessingState,
  ReviewSubmissionInfo,
  TesterInfo,
} from '../reconcile/model.js';
import type { components } from './generated/asc.js';

type Schemas = components['schemas'];

/** A generated resource type whose attributes may each be null or missing, as real responses have them. */
export type Lenient<R extends { attributes?: object }> = Omit<R, 'attributes' | 'relationships'> & {
  attributes?:
    { [K in keyof NonNullable<R['attributes']>]?: NonNullable<R['attributes']>[K] | null } | null;
  relationships?: Record<string, { data?: unknown; links?: unknown } | null> | null;
};

/** Any JSON:API resource as it arrives, before it is known which type it is. */
export interface JsonApiResource {
  type: string;
  id: string;
  attributes?: Record<string, unknown> | null;
  relationships?: Record<string, { data?: unknown; links?: unknown } | null> | null;
}

export type AppResource = Lenient<Schemas['App']>;
export type BuildResource = Lenient<Schemas['Build']>;
export type BuildBetaDetailResource = Lenient<Schemas['BuildBetaDetail']>;
export type PreReleaseVersionResource = Lenient<Schemas['PrereleaseVersion']>;
export type BetaGroupResource = Lenient<Schemas['BetaGroup']>;
export type BetaTesterResource = Lenient<Schemas['BetaTester']>;
export type BetaBuildLocalizationResource = Lenient<Schemas['BetaBuildLocalization']>;
export type BetaAppReviewSubmissionResource = Lenient<Schemas['BetaAppReviewSubmission']>;

const PLATFORMS: readonly Platform[] = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'];
const PROCESSING_STATES: readonly ProcessingState[] = ['PROCESSING', 'FAILED', 'INVALID', 'VALID'];
const REVIEW_STATES: readonly BetaReviewState[] = [
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'REJECTED',
  'APPROVED',
];
const AUDIENCES = ['INTERNAL_ONLY', 'APP_STORE_ELIGIBLE'] as const;

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
    betaDetail: detail ? mapBuildBetaDetail(detail) : null,
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

/** `data` of a single-resource document, or null when the body holds none. */
export function documentData(document: unknown): {
  data: JsonApiResource | null;
  included: JsonApiResource[];
} {
  const d = (document ?? {}) as { data?: unknown; included?: unknown };
  const data = isResource(d.data) ? d.data : null;
  return { data, included: Array.isArray(d.included) ? d.included.filter(isResource) : [] };
}

/** `data` of a collection document. */
export function collectionData(document: unknown): {
  data: JsonApiResource[];
  included: JsonApiResource[];
} {
  const d = (document ?? {}) as { data?: unknown; included?: unknown };
  return {
    data: Array.isArray(d.data) ? d.data.filter(isResource) : [],
    included: Array.isArray(d.included) ? d.included.filter(isResource) : [],
  };
}

export function isResource(v: unknown): v is JsonApiResource {
  const r = v as JsonApiResource | null;
  return (
    typeof r === 'object' && r !== null && typeof r.type === 'string' && typeof r.id === 'string'
  );
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

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | null {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/** Dates arrive as `Z` or with offsets and milliseconds; normalised to UTC ISO so they compare as strings. */
function date(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString();
}
