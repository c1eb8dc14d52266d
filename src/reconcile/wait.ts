// Waits for the build to appear and finish processing, polling with growing intervals on an injected
// clock, and explains what it found when it gives up.
import type { AscApi, BuildInfo, Platform } from '../asc/index.js';
import { describeBuild } from './plan-build.js';
import { ReconcileError } from './reconcile-error.js';

export interface WaitDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

export interface BuildQuery {
  appId: string;
  appLabel: string;
  buildNumber: string;
  marketingVersion: string | null;
  platform: Platform;
  waitMinutes: number;
}

const FIRST_INTERVAL_MS = 10_000;
const INTERVAL_STEP_MS = 5_000;
const MAX_INTERVAL_MS = 60_000;

export async function waitForBuild(
  api: AscApi,
  query: BuildQuery,
  deps: WaitDeps,
): Promise<BuildInfo> {
  const deadline = deps.now() + query.waitMinutes * 60_000;
  let interval = FIRST_INTERVAL_MS;
  let last: BuildInfo | null;
  for (;;) {
    const builds = await api.findBuilds({
      appId: query.appId,
      buildNumber: query.buildNumber,
      platform: query.platform,
      ...(query.marketingVersion ? { marketingVersion: query.marketingVersion } : {}),
    });
    if (builds.length > 1) throw severalBuilds(query, builds);
    last = builds[0] ?? null;
    if (last) checkUsable(last, query);
    if (last?.processingState === 'VALID') return last;

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
      `Build ${describeBuild(last)} is still ${last.processingState ?? 'processing'} after ${waited(query)}: raise \`wait-for-processing\`, or re-run the job once App Store Connect has finished processing it.`,
    );
  }
  throw await notFound(api, query);
}

function checkUsable(build: BuildInfo, query: BuildQuery): void {
  if (build.processingState === 'FAILED' || build.processingState === 'INVALID') {
    throw new ReconcileError(
      `Build ${describeBuild(build)} of ${query.appLabel} finished processing as ${build.processingState}, so TestFlight cannot offer it: see the build's details in App Store Connect (or the email Apple sent) for the reason, then upload a fixed build.`,
    );
  }
  if (build.expired) {
    throw new ReconcileError(
      `Build ${describeBuild(build)} of ${query.appLabel} has expired, so TestFlight no longer offers it: upload a new build and set \`build-number\` to it.`,
    );
  }
}

function severalBuilds(query: BuildQuery, builds: BuildInfo[]): ReconcileError {
  const versions = [...new Set(builds.map((b) => b.marketingVersion ?? 'unknown'))]
    .sort()
    .join(', ');
  return new ReconcileError(
    `Build number ${query.buildNumber} of ${query.appLabel} exists under several versions (${versions}) on ${query.platform}: set \`app-version\` to the marketing version of the build to distribute.`,
  );
}

/** The failure names the builds that do exist, so a typo or a wrong version is obvious. */
async function notFound(api: AscApi, query: BuildQuery): Promise<ReconcileError> {
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
  const wanted = query.marketingVersion
    ? `${query.buildNumber} (${query.marketingVersion})`
    : query.buildNumber;
  return new ReconcileError(
    `Build ${wanted} of ${query.appLabel} was not found on ${query.platform} after ${waited(query)}, and ${found}: check \`build-number\`, \`app-version\` and \`platform\`, or raise \`wait-for-processing\` if the upload is still on its way.`,
  );
}

function waited(query: BuildQuery): string {
  return query.waitMinutes === 0
    ? 'one look (`wait-for-processing` is 0)'
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
