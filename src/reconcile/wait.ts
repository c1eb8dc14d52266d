// Waits for the build to appear and finish processing, polling with growing intervals on an injected
// clock, and explains what it found when it gives up.
import type { AscApi, BuildInfo, Platform } from '../asc/index.js';
import type { SettingHints } from './desired.js';
import { describeBuild } from './plan-build.js';
import { ReconcileError } from './reconcile-error.js';

export interface WaitDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  warn: (line: string) => void;
}

export interface BuildQuery {
  appId: string;
  appLabel: string;
  buildNumber: string;
  marketingVersion: string | null;
  platform: Platform;
  waitMinutes: number;
  /** How the sentences name the build's settings (src/inputs/ words them). */
  hints: Pick<SettingHints, 'input'>;
}

const FIRST_INTERVAL_MS = 10_000;
const INTERVAL_STEP_MS = 5_000;
const MAX_INTERVAL_MS = 60_000;
/**
 * A build of the asked-for number under another version, uploaded this recently, is taken for this run's
 * upload with its version mistyped. An older one may belong to a team that starts its build numbers over
 * for each version, whose asked-for build can still arrive: for that one the wait goes on.
 */
const RECENT_UPLOAD_MS = 2 * 60 * 60_000;

/**
 * `listed`: the app's unexpired builds of the platform, already read; when the build is among them, that is
 * the first look, and no request is made for it.
 */
export async function waitForBuild(
  api: AscApi,
  query: BuildQuery,
  deps: WaitDeps,
  listed: readonly BuildInfo[] = [],
): Promise<BuildInfo> {
  const deadline = deps.now() + query.waitMinutes * 60_000;
  deps.log(
    `Looking for build ${wantedBuild(query)} of ${query.appLabel}; ${query.waitMinutes === 0 ? `looking once (${query.hints.input('waitForProcessing')} is 0)` : `waiting up to ${formatMinutes(query.waitMinutes * 60_000)} for it to appear and finish processing`}.`,
  );
  let interval = FIRST_INTERVAL_MS;
  let last: BuildInfo | null;
  let elsewhere: BuildInfo[] | null = null;
  let firstLook: BuildInfo[] | null = listed.filter(
    (b) =>
      b.number === query.buildNumber &&
      (!query.marketingVersion || b.marketingVersion === query.marketingVersion),
  );
  for (;;) {
    // An expired or missing build is not in the listing: the first look then asks on its own.
    const builds = firstLook?.length
      ? firstLook
      : await api.findBuilds({
          appId: query.appId,
          buildNumber: query.buildNumber,
          platform: query.platform,
          ...(query.marketingVersion ? { marketingVersion: query.marketingVersion } : {}),
        });
    firstLook = null;
    if (builds.length > 1) throw severalBuilds(query, builds);
    last = builds[0] ?? null;
    if (last) checkUsable(last, query);
    if (last?.processingState === 'VALID') return last;
    // On the first look that finds nothing, say at once where that build number is instead.
    if (!last && elsewhere === null) elsewhere = await lookElsewhere(api, query, deps);

    const left = deadline - deps.now();
    if (left <= 0) break;
    const pause = Math.min(interval, left);
    deps.log(
      `Build ${query.buildNumber} ${last ? `is ${last.processingState ?? 'not processed yet'}` : 'is not in App Store Connect yet'}; looking again in ${Math.round(pause / 1000)} s (${formatMinutes(left)} left to wait).`,
    );
    await deps.sleep(pause);
    interval = Math.min(interval + INTERVAL_STEP_MS, MAX_INTERVAL_MS);
  }
  if (last) {
    throw new ReconcileError(
      `Build ${describeBuild(last)} is still ${last.processingState ?? 'processing'} after ${waited(query)}: raise ${query.hints.input('waitForProcessing')}, or re-run the job once App Store Connect has finished processing it.`,
    );
  }
  throw await notFound(api, query, elsewhere ?? []);
}

/** "3 (version 1.0.0) on IOS", or "3 (any version) on IOS": what the wait filters on. */
function wantedBuild(query: BuildQuery): string {
  return `${query.buildNumber} (${query.marketingVersion ? `version ${query.marketingVersion}` : 'any version'}) on ${query.platform}`;
}

/** "1.1.0 on MAC_OS" for each build of that number under another version or platform. */
function describePlaces(builds: BuildInfo[]): string {
  const places = builds.map(
    (b) =>
      `${b.marketingVersion ?? 'an unknown version'} on ${b.platform ?? 'an unknown platform'}`,
  );
  return [...new Set(places)].join(', ');
}

/**
 * The asked-for build number under another version or platform. Under another version on the same platform,
 * uploaded recently, it is this run's build with a version that does not match, and a build never changes
 * its version: that fails at once. Anything else (another platform's upload, an older build of another
 * version) can sit beside the asked-for build, which may still be on its way: a warning, and the wait goes on.
 */
async function lookElsewhere(api: AscApi, query: BuildQuery, deps: WaitDeps): Promise<BuildInfo[]> {
  const all = await api.findBuilds({ appId: query.appId, buildNumber: query.buildNumber });
  const elsewhere = all.filter(
    (b) =>
      b.platform !== query.platform ||
      (query.marketingVersion !== null && b.marketingVersion !== query.marketingVersion),
  );
  if (elsewhere.length === 0) return [];
  const uploaded = (b: BuildInfo) => (b.uploadedDate ? Date.parse(b.uploadedDate) : Number.NaN);
  const mistyped = elsewhere.filter(
    (b) =>
      b.platform === query.platform &&
      b.marketingVersion !== null &&
      deps.now() - uploaded(b) <= RECENT_UPLOAD_MS,
  );
  if (mistyped.length > 0) {
    throw new ReconcileError(
      `Build ${query.buildNumber} of ${query.appLabel} exists as ${describePlaces(mistyped)}; you asked for ${query.marketingVersion} (${query.hints.input('appVersion')}), and an uploaded build never changes its version: set ${query.hints.input('appVersion')} to ${mistyped.map((b) => b.marketingVersion).join(' or ')}, or ${query.hints.input('buildNumber')} to the build of ${query.marketingVersion}.`,
    );
  }
  deps.warn(
    `Build ${query.buildNumber} of ${query.appLabel} exists as ${describePlaces(elsewhere)}; you asked for ${wantedBuild(query)}: waiting for that one, which may be an upload of its own still on its way.`,
  );
  return elsewhere;
}

function checkUsable(build: BuildInfo, query: BuildQuery): void {
  if (build.processingState === 'FAILED' || build.processingState === 'INVALID') {
    throw new ReconcileError(
      `Build ${describeBuild(build)} of ${query.appLabel} finished processing as ${build.processingState}, so TestFlight cannot offer it: see the build's details in App Store Connect (or the email Apple sent) for the reason, then upload a fixed build.`,
    );
  }
  if (build.expired) {
    throw new ReconcileError(
      `Build ${describeBuild(build)} of ${query.appLabel} has expired, so TestFlight no longer offers it: upload a new build and set ${query.hints.input('buildNumber')} to it.`,
    );
  }
}

function severalBuilds(query: BuildQuery, builds: BuildInfo[]): ReconcileError {
  const versions = [...new Set(builds.map((b) => b.marketingVersion ?? 'unknown'))]
    .sort()
    .join(', ');
  return new ReconcileError(
    `Build number ${query.buildNumber} of ${query.appLabel} exists under several versions (${versions}) on ${query.platform}: set ${query.hints.input('appVersion')} to the marketing version of the build to distribute.`,
  );
}

/** The failure names the builds that do exist, so a typo or a wrong version is obvious. */
async function notFound(
  api: AscApi,
  query: BuildQuery,
  elsewhere: BuildInfo[],
): Promise<ReconcileError> {
  const wanted = query.marketingVersion
    ? `${query.buildNumber} (${query.marketingVersion})`
    : query.buildNumber;
  if (elsewhere.length > 0) {
    return new ReconcileError(
      `Build ${wanted} of ${query.appLabel} was not found on ${query.platform} after ${waited(query)}, and build ${query.buildNumber} exists as ${describePlaces(elsewhere)}: check ${checkSettings(query)}, or raise ${query.hints.input('waitForProcessing')} if the upload is still on its way.`,
    );
  }
  const base = { appId: query.appId, platform: query.platform, limit: 10 };
  let existing = await api.findBuilds(
    query.marketingVersion ? { ...base, marketingVersion: query.marketingVersion } : base,
  );
  let scope = query.marketingVersion ? ` of version ${query.marketingVersion}` : '';
  if (existing.length === 0 && query.marketingVersion) {
    existing = await api.findBuilds(base);
    scope = '';
  }
  const found =
    existing.length === 0
      ? `the app has no ${query.platform} builds${scope} in App Store Connect`
      : `the newest ${query.platform} builds${scope} are ${existing.map(describeBuild).join(', ')}`;
  return new ReconcileError(
    `Build ${wanted} of ${query.appLabel} was not found on ${query.platform} after ${waited(query)}, and ${found}: check ${checkSettings(query)}, or raise ${query.hints.input('waitForProcessing')} if the upload is still on its way.`,
  );
}

function waited(query: BuildQuery): string {
  return query.waitMinutes === 0
    ? `one look (${query.hints.input('waitForProcessing')} is 0)`
    : `waiting ${formatMinutes(query.waitMinutes * 60_000)}`;
}

function formatMinutes(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes >= 1) {
    const rounded = Math.round(minutes * 10) / 10;
    return `${rounded} minute${rounded === 1 ? '' : 's'}`;
  }
  return `${Math.round(ms / 1000)} s`;
}

/** "`build-number`, `app-version` and `platform`": what names the build the run looks for. */
function checkSettings(query: BuildQuery): string {
  const name = query.hints.input;
  return `${name('buildNumber')}, ${name('appVersion')} and ${name('platform')}`;
}
