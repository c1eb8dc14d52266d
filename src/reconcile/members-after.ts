// A group's members once the run is done, from what the run read and what it did (the members before, plus
// the testers it added, less those it removed), so the summary's funnel needs no read of them afterwards. Only
// where each member's state is known: Apple's answer to a create says the new tester's, a linked tester keeps
// the one read, and a tester joining a group that offers a build is invited (NOT_INVITED becomes INVITED): an
// internal group holding a build, an external one holding a build Beta App Review approved (Apple releases a
// build to external testers only then). Added to a group without a build, Apple leaves the states in flux, so
// there the members are read again (null here).
import type { AppBuildInfo, TesterInfo } from '../asc/index.js';
import type { CurrentState } from './current.js';
import type { GroupOutcome, ReviewOutcome } from './result.js';

/** Where the run's build stands after the run, for a group that holds it (or every build). */
const HOLDS_BUILD: ReadonlySet<GroupOutcome['build']> = new Set(['added', 'already', 'all-builds']);

/** Every tester the run knows by email: the app's, the listed ones the team knows, those it created. */
export function knownTesters(
  current: Pick<CurrentState, 'groupTesters' | 'otherTesters'>,
  created: ReadonlyMap<string, TesterInfo>,
): Map<string, TesterInfo> {
  const known = new Map<string, TesterInfo>();
  for (const members of current.groupTesters.values()) {
    for (const tester of members) known.set(tester.email.toLowerCase(), tester);
  }
  for (const tester of current.otherTesters) known.set(tester.email.toLowerCase(), tester);
  for (const [email, tester] of created) known.set(email.toLowerCase(), tester);
  return known;
}

/** External states of a build Beta App Review approved. */
const APPROVED_EXTERNALLY = new Set(['BETA_APPROVED', 'IN_BETA_TESTING']);

/**
 * Whether an external group holds, after the run, a build its testers are invited to: the run's build once
 * Beta App Review approved it (`review`: the run's outcome), or another of the app's unexpired builds of the
 * platform that Apple lists in the group as approved. Null when the listing did not hold every group of a build.
 */
export function externalOffer(
  group: Pick<GroupOutcome, 'id' | 'build'>,
  review: ReviewOutcome,
  runBuildId: string | null,
  appBuilds: readonly AppBuildInfo[],
): boolean | null {
  if ((group.build === 'added' || group.build === 'already') && review === 'APPROVED') return true;
  if (group.id === null) return false;
  let complete = true;
  for (const build of appBuilds) {
    if (build.id === runBuildId || build.expired || build.processingState !== 'VALID') continue;
    if (!build.groupIdsComplete) complete = false;
    const approved =
      build.reviewState === 'APPROVED' ||
      APPROVED_EXTERNALLY.has(build.betaDetail?.externalBuildState ?? '');
    if (approved && build.groupIds.includes(group.id)) return true;
  }
  return complete ? false : null;
}

/**
 * The members of `group` after the run changed them; null when the run did not know them all before, or
 * cannot say the state of one it added. `group.members` is the members as read (none for a created group).
 * `offers`: whether an external group gives its testers a build now (externalOffer); internal groups holding a
 * build always do.
 */
export function membersAfter(
  group: GroupOutcome,
  known: ReadonlyMap<string, TesterInfo>,
  offers: boolean | null = true,
): TesterInfo[] | null {
  const before = group.created ? [] : group.members;
  if (!before || (group.testersAdded.length > 0 && !HOLDS_BUILD.has(group.build))) return null;
  const invites = group.type === 'internal' || offers;
  if (invites === null && group.testersAdded.length > 0) return null;
  const removed = new Set(group.testersRemoved.map((email) => email.toLowerCase()));
  const members = before.filter((m) => !removed.has(m.email.toLowerCase()));
  for (const email of group.testersAdded) {
    const tester = known.get(email.toLowerCase());
    if (!tester) return null;
    members.push(
      invites && tester.state === 'NOT_INVITED' ? { ...tester, state: 'INVITED' } : tester,
    );
  }
  return members;
}
