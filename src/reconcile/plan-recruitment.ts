// Recruitment criteria: the device families and OS versions an external group's public link admits, created,
// changed or removed to match the declared ones (a group has at most one set). Compared as sets, with OS
// versions compared by their numbers ("17" is "17.0"), so a re-run plans nothing.
import type { DeviceFamily, DeviceFamilyOsFilter, RecruitmentCriteriaInfo } from '../asc/index.js';
import type { MatchedGroup } from './match-groups.js';
import type { Operation } from './operations.js';
import { groupRef } from './plan-groups.js';
import type { RecruitmentOutcome } from './result.js';

const FAMILY_WORDS: Record<DeviceFamily, string> = {
  IPHONE: 'iPhone',
  IPAD: 'iPad',
  APPLE_TV: 'Apple TV',
  APPLE_WATCH: 'Apple Watch',
  MAC: 'Mac',
  VISION: 'Apple Vision',
};

export interface RecruitmentPlan {
  operation: Operation | null;
  outcome: RecruitmentOutcome | null;
}

/** `current`: the group's criteria as read (undefined when it has none, or they were not read). */
export function planRecruitment(
  match: MatchedGroup,
  current: RecruitmentCriteriaInfo | undefined,
): RecruitmentPlan {
  const wanted = match.desired.recruitment;
  const name = match.desired.name;
  const unchanged = (filters: DeviceFamilyOsFilter[]): RecruitmentPlan => ({
    operation: null,
    outcome: {
      filters,
      description: describeRecruitment(filters),
      changed: false,
      compatibleBuild: null,
    },
  });
  // Internal groups have no public link to recruit through (planGroupSettings warns when some are declared).
  if (match.internal) return { operation: null, outcome: null };
  if (wanted === null)
    return current ? unchanged(current.filters) : { operation: null, outcome: null };
  const outcome: RecruitmentOutcome = {
    filters: wanted,
    description: describeRecruitment(wanted),
    changed: true,
    compatibleBuild: null,
  };
  if (wanted.length === 0) {
    if (!current) return { operation: null, outcome: null };
    const was = describeRecruitment(current.filters);
    return {
      operation: {
        op: 'delete-recruitment-criteria',
        target: name,
        detail: `remove the recruitment criteria of ${name} (${was})`,
        change: `${was} → none`,
        criteriaId: current.id,
      },
      outcome,
    };
  }
  const words = describeRecruitment(wanted);
  if (!current) {
    return {
      operation: {
        op: 'create-recruitment-criteria',
        target: name,
        detail: `set the recruitment criteria of ${name}: ${words}`,
        change: words,
        group: groupRef(match),
        filters: wanted,
      },
      outcome,
    };
  }
  if (sameFilters(current.filters, wanted)) return unchanged(current.filters);
  const was = describeRecruitment(current.filters);
  return {
    operation: {
      op: 'update-recruitment-criteria',
      target: name,
      detail: `change the recruitment criteria of ${name}: ${was} → ${words}`,
      change: `${was} → ${words}`,
      criteriaId: current.id,
      filters: wanted,
    },
    outcome,
  };
}

/** "iPhone 17.0 or later, iPad 16.0 to 17.5", or "none". */
function describeRecruitment(filters: readonly DeviceFamilyOsFilter[]): string {
  if (filters.length === 0) return 'none';
  return filters
    .map((f) => {
      const range =
        f.minimumOs && f.maximumOs
          ? `${f.minimumOs} to ${f.maximumOs}`
          : f.minimumOs
            ? `${f.minimumOs} or later`
            : f.maximumOs
              ? `up to ${f.maximumOs}`
              : 'any version';
      return `${FAMILY_WORDS[f.deviceFamily]} ${range}`;
    })
    .join(', ');
}

function sameFilters(
  a: readonly DeviceFamilyOsFilter[],
  b: readonly DeviceFamilyOsFilter[],
): boolean {
  const keys = (filters: readonly DeviceFamilyOsFilter[]): string[] =>
    filters.map((f) => [f.deviceFamily, osKey(f.minimumOs), osKey(f.maximumOs)].join('|')).sort();
  return JSON.stringify(keys(a)) === JSON.stringify(keys(b));
}

/** "17.0" and "17" are one version: trailing zero parts are dropped, numbers compared without leading zeros. */
function osKey(version: string | null): string {
  if (version === null) return '';
  const parts = version
    .trim()
    .split('.')
    .map((part) => String(Number(part)));
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}
