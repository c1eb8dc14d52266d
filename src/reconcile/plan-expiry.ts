// Build expiry: `keep-builds` expires all but the newest N builds of the app and platform (by upload date,
// over every version; this run's build always among the N, a build in review never expired), and each declared
// group's newest unexpired build once the run is done, with a warning when it expires soon or there is none.
import type { AppBuildInfo, BuildInfo } from '../asc/index.js';
import type { DesiredExpiry, SettingHints } from './desired.js';
import type { MatchedGroup } from './match-groups.js';
import type { Operation } from './operations.js';
import { describeBuild } from './plan-build.js';
import type { GroupExpiry, GroupOutcome } from './result.js';

const DAY_MS = 24 * 3600 * 1000;
/** TestFlight's lifetime of a build, for a build whose expiration date Apple did not send. */
const BUILD_LIFETIME_MS = 90 * DAY_MS;

export interface ExpiryPlan {
  operations: Operation[];
  groups: GroupExpiry[];
  warnings: string[];
}

const inReview = (b: AppBuildInfo): boolean =>
  b.reviewState === 'WAITING_FOR_REVIEW' || b.reviewState === 'IN_REVIEW';

export function planExpiry(
  expiry: DesiredExpiry,
  build: BuildInfo | null,
  appBuilds: AppBuildInfo[],
  matched: MatchedGroup[],
  buildStatus: GroupOutcome['build'][],
  now: number,
  hints: Pick<SettingHints, 'input'>,
): ExpiryPlan {
  const valid = appBuilds
    .filter((b) => b.processingState === 'VALID' && !b.expired)
    .sort((a, b) => uploaded(b) - uploaded(a));
  const operations: Operation[] = [];
  const expiring = new Set<string>();
  if (expiry.keepBuilds !== null) {
    const others = valid.filter((b) => b.id !== build?.id);
    const slots = Math.max(0, expiry.keepBuilds - (build ? 1 : 0));
    for (const old of others.slice(slots)) {
      if (inReview(old)) continue;
      expiring.add(old.id);
      operations.push({
        op: 'expire-build',
        target: `build ${old.number}`,
        detail: `expire build ${describeBuild(old)}, uploaded ${day(old.uploadedDate)}: older than the newest ${expiry.keepBuilds} (keep-builds)`,
        change: `uploaded ${day(old.uploadedDate)}, older than the newest ${expiry.keepBuilds}`,
        buildId: old.id,
        number: old.number,
      });
    }
  }

  const remaining = valid.filter((b) => !expiring.has(b.id));
  const warnings: string[] = [];
  const groups = matched.map((match, i): GroupExpiry => {
    const existing = match.existing;
    const allBuilds = existing?.isInternal === true && existing.hasAccessToAllBuilds;
    const held: BuildInfo[] = remaining.filter(
      (b) => allBuilds || (existing !== null && b.groupIds.includes(existing.id)),
    );
    const status = buildStatus[i];
    if (build && (status === 'added' || status === 'already' || status === 'all-builds')) {
      if (!held.some((b) => b.id === build.id)) held.push(build);
    }
    const newest = held.sort((a, b) => uploaded(b) - uploaded(a))[0] ?? null;
    const name = match.desired.name;
    if (!newest) {
      warnings.push(
        `Group ${name} holds no unexpired build${build?.platform ? ` for ${build.platform}` : ''}, so its testers have nothing to test and its public link admits no one: distribute a new build to it.`,
      );
      return { name, newestBuild: null, expiresAt: null, daysLeft: null };
    }
    const expiresAt = expirationOf(newest);
    const daysLeft = expiresAt === null ? null : Math.floor((Date.parse(expiresAt) - now) / DAY_MS);
    if (daysLeft !== null && daysLeft < expiry.warningDays) {
      warnings.push(
        `The newest build of group ${name}, ${describeBuild(newest)}, expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${day(expiresAt)}), within ${hints.input('expiryWarningDays')} (${expiry.warningDays}): distribute a newer build to it before then.`,
      );
    }
    return {
      name,
      newestBuild: { number: newest.number, marketingVersion: newest.marketingVersion },
      expiresAt,
      daysLeft,
    };
  });
  return { operations, groups, warnings };
}

/** Apple's expiration date, or 90 days after upload when Apple sent none. */
export function expirationOf(build: BuildInfo): string | null {
  if (build.expirationDate) return build.expirationDate;
  const at = build.uploadedDate ? Date.parse(build.uploadedDate) : NaN;
  return Number.isNaN(at) ? null : new Date(at + BUILD_LIFETIME_MS).toISOString();
}

function uploaded(build: BuildInfo): number {
  const at = build.uploadedDate ? Date.parse(build.uploadedDate) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'an unknown date';
}
