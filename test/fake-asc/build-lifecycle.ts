// Build processing and TestFlight states, computed from the clock and the store (nothing is stored twice).
import { TITLES, unprocessable } from './errors.js';
import type { FakeStore } from './store.js';
import type { FakeBuild, FakeGroup, FakeTester } from './types.js';

export type InternalBuildState =
  | 'PROCESSING'
  | 'PROCESSING_EXCEPTION'
  | 'MISSING_EXPORT_COMPLIANCE'
  | 'READY_FOR_BETA_TESTING'
  | 'IN_BETA_TESTING'
  | 'EXPIRED';

export type ExternalBuildState =
  | InternalBuildState
  | 'READY_FOR_BETA_SUBMISSION'
  | 'WAITING_FOR_BETA_REVIEW'
  | 'IN_BETA_REVIEW'
  | 'BETA_REJECTED'
  | 'BETA_APPROVED'
  | 'NOT_APPLICABLE';

/** TestFlight builds expire 90 days after upload. */
export const BUILD_LIFETIME_MS = 90 * 24 * 3600 * 1000;

export function isVisible(store: FakeStore, build: FakeBuild): boolean {
  return store.processingState(build.id) !== undefined;
}

export function isExpired(store: FakeStore, build: FakeBuild): boolean {
  return build.expired || store.now() >= build.uploadedAt + BUILD_LIFETIME_MS;
}

/** The builds a group holds: its explicit ones, plus every usable build when it gets all builds. */
export function groupBuildIds(store: FakeStore, group: FakeGroup): string[] {
  const ids = new Set(group.buildIds);
  if (group.isInternal && group.hasAccessToAllBuilds) {
    for (const b of store.builds.values()) {
      if (b.appId === group.appId && store.processingState(b.id) === 'VALID') ids.add(b.id);
    }
  }
  return [...ids].filter((id) => {
    const b = store.builds.get(id);
    return b !== undefined && isVisible(store, b);
  });
}

/**
 * Whether the group gives its testers a build to install: a VALID, unexpired one it holds, and for an external
 * group one Beta App Review approved (Apple releases a build to external testers only then).
 */
export function offersBuild(store: FakeStore, group: FakeGroup): boolean {
  return groupBuildIds(store, group).some((id) => {
    const b = store.builds.get(id);
    if (b === undefined || store.processingState(id) !== 'VALID' || isExpired(store, b))
      return false;
    return group.isInternal || store.submissionFor(id)?.state === 'APPROVED';
  });
}

/** Apple invites a group's testers (NOT_INVITED becomes INVITED) once the group offers them a build. */
export function inviteMembers(store: FakeStore, group: FakeGroup): void {
  const waiting: FakeTester[] = [];
  for (const id of group.testerIds) {
    const t = store.testers.get(id);
    if (t?.state === 'NOT_INVITED') waiting.push(t);
  }
  if (waiting.length === 0 || !offersBuild(store, group)) return;
  for (const t of waiting) t.state = 'INVITED';
}

/**
 * The invitations no request sent: a build that finished processing (for an all-builds group, or one seeded
 * into a group) and seeded testers, so every request first invites the members of each group that offers one.
 */
export function sendDueInvitations(store: FakeStore): void {
  for (const g of store.groups.values()) inviteMembers(store, g);
}

export function groupsHoldingBuild(store: FakeStore, build: FakeBuild): FakeGroup[] {
  return [...store.groups.values()].filter((g) => groupBuildIds(store, g).includes(build.id));
}

function commonState(store: FakeStore, build: FakeBuild): InternalBuildState | undefined {
  const processing = store.processingState(build.id);
  if (processing === 'PROCESSING' || processing === undefined) return 'PROCESSING';
  if (processing !== 'VALID') return 'PROCESSING_EXCEPTION';
  if (isExpired(store, build)) return 'EXPIRED';
  if (build.usesNonExemptEncryption === null) return 'MISSING_EXPORT_COMPLIANCE';
  return undefined;
}

export function internalBuildState(store: FakeStore, build: FakeBuild): InternalBuildState {
  const common = commonState(store, build);
  if (common) return common;
  return groupsHoldingBuild(store, build).some((g) => g.isInternal)
    ? 'IN_BETA_TESTING'
    : 'READY_FOR_BETA_TESTING';
}

export function externalBuildState(store: FakeStore, build: FakeBuild): ExternalBuildState {
  const common = commonState(store, build);
  if (common) return common;
  if (build.audience === 'INTERNAL_ONLY') return 'NOT_APPLICABLE';
  switch (store.submissionFor(build.id)?.state) {
    case 'WAITING_FOR_REVIEW':
      return 'WAITING_FOR_BETA_REVIEW';
    case 'IN_REVIEW':
      return 'IN_BETA_REVIEW';
    case 'REJECTED':
      return 'BETA_REJECTED';
    case 'APPROVED':
      return groupsHoldingBuild(store, build).some((g) => !g.isInternal)
        ? 'IN_BETA_TESTING'
        : 'BETA_APPROVED';
    default:
      return 'READY_FOR_BETA_SUBMISSION';
  }
}

/** Apple's detail when a build cannot go into an internal group (processing, expired, no export compliance). */
export const NOT_INTERNALLY_TESTABLE = 'Build is not in an internally testable state.';
/** …and into an external group (the same, or a build for internal testing only). */
export const NOT_EXTERNALLY_ASSIGNABLE = 'Build is not in an externally assignable state.';

/**
 * Why a build may not go into this group: Apple answers 422 ENTITY_UNPROCESSABLE with its own short texts,
 * which never name the cause (README "Evidence"); the fake keeps them verbatim.
 */
export function assertAssignable(store: FakeStore, build: FakeBuild, group: FakeGroup): void {
  if (group.isInternal && group.hasAccessToAllBuilds) {
    throw unprocessable(
      'Cannot add internal group to a build.',
      'ENTITY_UNPROCESSABLE',
      TITLES.internalGroupAllBuilds,
    );
  }
  const testable =
    store.processingState(build.id) === 'VALID' &&
    !isExpired(store, build) &&
    build.usesNonExemptEncryption !== null;
  if (group.isInternal) {
    if (!testable) notAssignable(NOT_INTERNALLY_TESTABLE);
    return;
  }
  if (!testable || build.audience === 'INTERNAL_ONLY') notAssignable(NOT_EXTERNALLY_ASSIGNABLE);
}

function notAssignable(detail: string): never {
  throw unprocessable(detail, 'ENTITY_UNPROCESSABLE', TITLES.buildNotAssignable);
}
