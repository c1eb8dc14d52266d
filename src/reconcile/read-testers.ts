// The tester facts the preflight needs, read once the target groups' members are known: whether the emails
// aimed at internal groups belong to the team, the members of the app's other groups where a tester cap may
// be reached, and the records of listed testers who are in none of the target groups.
import type { AscApi, TesterInfo } from '../asc/index.js';
import { allBounded } from './bounded.js';
import type { CurrentState } from './current.js';
import type { DesiredState } from './desired.js';
import type { MatchedGroup } from './match-groups.js';
import { MAX_EXTERNAL_TESTERS } from './preflight.js';

const READ_CONCURRENCY = 4;

const TEAM_UNREADABLE =
  'This API key may not read the App Store Connect team (GET /v1/users answered 403), so the testers aimed at internal groups were not checked for team membership before the first change; App Store Connect refuses any who are not members, and the step then names them.';

export async function readTesterFacts(
  state: CurrentState,
  matched: MatchedGroup[],
  desired: DesiredState,
  api: AscApi,
): Promise<void> {
  const adding = { internal: new Set<string>(), external: new Set<string>() };
  for (const match of matched) {
    const members = match.existing ? (state.groupTesters.get(match.existing.id) ?? []) : [];
    const present = new Set(members.map((m) => m.email.toLowerCase()));
    const into = match.internal ? adding.internal : adding.external;
    for (const tester of match.desired.testers)
      if (!present.has(tester.email)) into.add(tester.email);
  }
  const readMembers = (ids: string[]) =>
    ids.map((id) => async () => {
      state.groupTesters.set(id, await api.listGroupTesters(id));
    });
  const unread = (internal: boolean) =>
    state.groups
      .filter((g) => g.isInternal === internal && !state.groupTesters.has(g.id))
      .map((g) => g.id);

  const reads: (() => Promise<void>)[] = [];
  if (adding.internal.size > 0) {
    reads.push(async () => {
      const members = await api.findTeamMembers([...adding.internal]);
      if (members === null) state.readWarnings.push(TEAM_UNREADABLE);
      else state.teamMembers = new Set(members);
    });
    // Internal groups are small (100 testers a team): read them all, the cap is counted over them.
    reads.push(...readMembers(unread(true)));
  }
  const externalUnread = unread(false);
  if (adding.external.size > 0 && externalUnread.length > 0) {
    reads.push(async () => {
      // One request bounds the count from above; only near the cap are the other groups read to count exactly.
      const total = await api.countAppTesters(state.app.id);
      if (total !== null && total + adding.external.size <= MAX_EXTERNAL_TESTERS) return;
      await allBounded(READ_CONCURRENCY, readMembers(externalUnread));
    });
  }
  await allBounded(READ_CONCURRENCY, reads);

  // Listed testers already in a group that was read are known; look up only the rest, in few requests.
  const known = new Set<string>();
  for (const members of state.groupTesters.values()) {
    for (const tester of members) known.add(tester.email.toLowerCase());
  }
  const listed = new Set(desired.groups.flatMap((g) => g.testers.map((t) => t.email)));
  const unknown = [...listed].filter((email) => !known.has(email));
  if (unknown.length > 0) {
    const found = await api.findTestersByEmail(unknown);
    const wanted = new Set(unknown);
    state.otherTesters = found.filter((t: TesterInfo) => wanted.has(t.email.toLowerCase()));
  }
}
