// A group's members once the run is done, from what the run read and what it did (the members before, plus
// the testers it added, less those it removed), so the summary's funnel needs no read of them afterwards. Only
// where each member's state is known: Apple's answer to a create says the new tester's, a linked tester keeps
// the one read, and a tester joining a group that holds a build is invited (NOT_INVITED becomes INVITED). Added
// to a group without a build, Apple leaves the states in flux, so there the members are read again (null here).
import type { TesterInfo } from '../asc/index.js';
import type { CurrentState } from './current.js';
import type { GroupOutcome } from './result.js';

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

/**
 * The members of `group` after the run changed them; null when the run did not know them all before, or
 * cannot say the state of one it added. `group.members` is the members as read (none for a created group).
 */
export function membersAfter(
  group: GroupOutcome,
  known: ReadonlyMap<string, TesterInfo>,
): TesterInfo[] | null {
  const before = group.created ? [] : group.members;
  if (!before || (group.testersAdded.length > 0 && !HOLDS_BUILD.has(group.build))) return null;
  const removed = new Set(group.testersRemoved.map((email) => email.toLowerCase()));
  const members = before.filter((m) => !removed.has(m.email.toLowerCase()));
  for (const email of group.testersAdded) {
    const tester = known.get(email.toLowerCase());
    if (!tester) return null;
    members.push(tester.state === 'NOT_INVITED' ? { ...tester, state: 'INVITED' } : tester);
  }
  return members;
}
