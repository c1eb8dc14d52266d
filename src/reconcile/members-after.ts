// A group's members once the run is done, from what the run read and what it did (the members before, plus
// the testers it added, less those it removed), so the summary's funnel needs no read of them afterwards. Only
// where each member's state is known: Apple's answer to a create says the new tester's, a linked tester keeps
// the one read, and a tester joining a group that offers a build is invited (NOT_INVITED becomes INVITED): an
// internal group holding a build, an external one holding a build Beta App Review approved (Apple releases a
// build to external testers only then). Added to a group without a build, Apple leaves the states in flux, so
// there the members are read again (null here).
import type { TesterInfo } from '../asc/index.js';
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
 * Whether `group` gives its testers a build after the run: an internal group holding one always does; an
 * external one once Beta App Review approved the run's build it holds (`review`: the run's outcome), or when it
 * holds another of the app's unexpired builds of the platform that Apple lists as approved. Null when that
 * listing did not hold every group of a build.
 */
export function offersBuild(
  group: Pick<GroupOutcome, 'id' | 'type' | 'build'>,
  review: ReviewOutcome,
  current: Pick<CurrentState, 'build' | 'appBuilds'>,
): boolean | null {
  if (group.type === 'internal') return true;
  if ((group.build === 'added' || group.build === 'already') && review === 'APPROVED') return true;
  if (group.id === null) return false;
  let complete = true;
  for (const build of current.appBuilds) {
    if (build.id === current.build?.id || build.expired || build.processingState !== 'VALID')
      continue;
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
 * `offers`: whether the group gives its testers a build now (offersBuild).
 */
export function membersAfter(
  group: GroupOutcome,
  known: ReadonlyMap<string, TesterInfo>,
  offers: boolean | null,
): TesterInfo[] | null {
  const before = group.created ? [] : group.members;
  if (!before || (group.testersAdded.length > 0 && !HOLDS_BUILD.has(group.build))) return null;
  if (offers === null && group.testersAdded.length > 0) return null;
  const removed = new Set(group.testersRemoved.map((email) => email.toLowerCase()));
  const members = before.filter((m) => !removed.has(m.email.toLowerCase()));
  for (const email of group.testersAdded) {
    const tester = known.get(email.toLowerCase());
    if (!tester) return null;
    members.push(
      offers && tester.state === 'NOT_INVITED' ? { ...tester, state: 'INVITED' } : tester,
    );
  }
  return members;
}
