// The testers, read with their groups: every tester of the app (a small app, unlisted members to remove, or a
// long list) or, for a large app and a short list, only the listed ones by email (few requests, sent at once).
// Membership of the groups comes from the testers' groups, not from each group's member list. Then the facts the preflight needs
// once it is known who is added: team membership for internal groups, and the tester caps.
import {
  emailChunks,
  PAGE_LIMIT,
  type AscApi,
  type TesterInfo,
  type TesterWithGroups,
} from '../asc/index.js';
import { allBounded } from './bounded.js';
import { membersKnown, type CurrentState } from './current.js';
import type { DesiredState } from './desired.js';
import type { MatchedGroup } from './match-groups.js';
import { MAX_EXTERNAL_TESTERS } from './preflight.js';

const READ_CONCURRENCY = 4;

/** The testers as read, before they are laid out by group. */
export interface TesterRead {
  /** Every tester of the app was read: each group's members are complete. */
  everyTester: boolean;
  testers: TesterWithGroups[];
  /** How many testers the app has, as Apple counted them; null when not said. */
  appTesterCount: number | null;
}

/** Whether any declared group has testers to manage: only then are testers read. */
function testersInPlay(desired: DesiredState): boolean {
  return present(desired).some((g) => g.testers.length > 0 || g.removeUnlistedTesters);
}

function listedEmails(desired: DesiredState): string[] {
  return [...new Set(present(desired).flatMap((g) => g.testers.map((t) => t.email)))];
}

/** The groups declared present: one declared absent is only deleted. */
function present(desired: DesiredState) {
  return desired.groups.filter((g) => !g.absent);
}

/**
 * The tester read the desired state needs; it needs only the app's ID, so it goes beside the app's read. The
 * app's testers come 200 a page with their groups; the first page says how many there are. When the rest
 * would take more requests than looking the listed testers up by email (and no unlisted member is to be
 * removed), the listed ones are looked up instead, and the first page's count bounds the tester cap.
 */
export async function readTesters(
  appId: string,
  desired: DesiredState,
  api: AscApi,
): Promise<TesterRead | null> {
  if (!testersInPlay(desired)) return null;
  const pages = api.appTesterPages(appId)[Symbol.asyncIterator]();
  const first = await pages.next();
  const testers: TesterWithGroups[] = first.done ? [] : [...first.value.testers];
  const total = first.done ? 0 : first.value.total;
  const listed = listedEmails(desired);
  const pagesLeft =
    total === null ? Infinity : Math.ceil(Math.max(0, total - testers.length) / PAGE_LIMIT);
  const everyTester =
    first.done ||
    pagesLeft === 0 ||
    present(desired).some((g) => g.removeUnlistedTesters) ||
    pagesLeft <= emailChunks(listed).length;
  if (!everyTester) {
    await pages.return?.(undefined);
    return { everyTester, testers: await api.findTestersWithGroups(listed), appTesterCount: total };
  }
  for (let page = await pages.next(); !page.done; page = await pages.next()) {
    testers.push(...page.value.testers);
  }
  return { everyTester, testers, appTesterCount: total };
}

/**
 * Lays the testers out by group: every group's members when every tester of the app was read, else the
 * listed members of the target groups (marked partial). Listed testers in none of the target groups are
 * `otherTesters`; those the app does not know yet are looked up team-wide later (readTesterFacts).
 */
export function placeTesters(
  state: CurrentState,
  matched: MatchedGroup[],
  read: TesterRead | null,
): void {
  if (!read) return;
  const appGroupIds = new Set(state.groups.map((g) => g.id));
  const targets = new Set(matched.flatMap((m) => (m.existing ? [m.existing.id] : [])));
  const placed = read.everyTester ? appGroupIds : targets;
  for (const id of placed) {
    state.groupTesters.set(id, []);
    if (!read.everyTester) state.partialGroupIds.add(id);
  }
  const listed = new Set(matched.flatMap((m) => m.desired.testers.map((t) => t.email)));
  for (const { groupIds, ...tester } of read.testers) {
    let inTarget = false;
    for (const id of groupIds) {
      state.groupTesters.get(id)?.push(tester);
      if (targets.has(id)) inTarget = true;
    }
    if (!inTarget && listed.has(tester.email.toLowerCase())) state.otherTesters.push(tester);
  }
  state.testersReadInFull = read.everyTester;
  state.appTesterCount = read.appTesterCount;
}

/** The team's answers about the testers of the groups this run creates, asked as soon as the app is read. */
export interface EarlyTeamReads {
  /** The emails aimed at internal groups to create, and the team members among them (null: not readable). */
  internal: { asked: ReadonlySet<string>; members: Promise<string[] | null> } | null;
  /** The listed emails of groups to create, looked up team-wide. */
  listed: { asked: ReadonlySet<string>; found: Promise<TesterInfo[]> } | null;
}

const NO_EARLY_READS: EarlyTeamReads = { internal: null, listed: null };

/**
 * Every tester listed for a group this run creates is added, so what readTesterFacts would ask about them
 * once the testers are read can be asked beside that read: one round trip sooner.
 */
export function startEarlyTeamReads(matched: MatchedGroup[], api: AscApi): EarlyTeamReads {
  const toCreate = matched.filter((m) => !m.existing && m.desired.testers.length > 0);
  const emails = (groups: MatchedGroup[]) =>
    new Set(groups.flatMap((m) => m.desired.testers.map((t) => t.email)));
  const internal = emails(toCreate.filter((m) => m.internal));
  const listed = emails(toCreate);
  const reads: EarlyTeamReads = {
    internal:
      internal.size > 0 ? { asked: internal, members: api.findTeamMembers([...internal]) } : null,
    listed: listed.size > 0 ? { asked: listed, found: api.findTestersByEmail([...listed]) } : null,
  };
  // Awaited by readTesterFacts, or not at all when a read before it fails: never an unhandled rejection.
  reads.internal?.members.catch(() => {});
  reads.listed?.found.catch(() => {});
  return reads;
}

const TEAM_UNREADABLE =
  'This API key may not read the App Store Connect team (GET /v1/users answered 403), so the testers aimed at internal groups were not checked for team membership before the first change; App Store Connect refuses any who are not members, and the step then names them.';

/**
 * The team-wide lookup of listed emails the app does not know: whether the team already has them as testers
 * (they are then linked, not created). It can reveal no failure (a tester is added either way), so the
 * changes that do not name those emails start beside it (reconcile's overlap).
 */
export interface TeamLookup {
  /** The lower-cased emails looked up. */
  emails: ReadonlySet<string>;
  /** The team's testers among them. */
  found: Promise<TesterInfo[]>;
}

/** The team's testers the lookup found join the listed testers the app's groups do not hold. */
export function addTeamTesters(state: CurrentState, found: readonly TesterInfo[]): void {
  state.otherTesters.push(...found);
}

/**
 * The second round of tester reads, only where the first left a question, all at once: whether the emails
 * aimed at internal groups belong to the team, and the members of groups a tester cap is counted over. When the
 * app's testers were read, the team's records of listed testers the app does not know yet are asked too, and
 * returned unawaited (TeamLookup): the plan holds back only what names them.
 */
export async function readTesterFacts(
  state: CurrentState,
  matched: MatchedGroup[],
  desired: DesiredState,
  api: AscApi,
  early: EarlyTeamReads = NO_EARLY_READS,
): Promise<TeamLookup | null> {
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
      state.partialGroupIds.delete(id);
    });
  const unread = (internal: boolean) =>
    state.groups
      .filter((g) => g.isInternal === internal && !membersKnown(state, g.id))
      .map((g) => g.id);

  const lookup = state.testersReadInFull ? startTeamLookup(state, desired, api, early) : null;
  const reads: (() => Promise<void>)[] = [];
  if (adding.internal.size > 0) {
    const late = [...adding.internal].filter((email) => !early.internal?.asked.has(email));
    reads.push(async () => {
      const [asked, members] = await Promise.all([
        early.internal?.members ?? [],
        late.length > 0 ? api.findTeamMembers(late) : [],
      ]);
      if (asked === null || members === null) state.readWarnings.push(TEAM_UNREADABLE);
      else state.teamMembers = new Set([...asked, ...members]);
    });
    // Internal groups are small (100 testers a team): read them all, the cap is counted over them.
    reads.push(...readMembers(unread(true)));
  }
  const externalUnread = unread(false);
  if (adding.external.size > 0 && externalUnread.length > 0) {
    reads.push(async () => {
      // One count bounds the total from above (the tester read's, or a request of its own); only near the cap
      // are the other groups read to count exactly.
      const total = state.appTesterCount ?? (await api.countAppTesters(state.app.id));
      if (total !== null && total + adding.external.size <= MAX_EXTERNAL_TESTERS) return;
      await allBounded(READ_CONCURRENCY, readMembers(externalUnread));
    });
  }
  await allBounded(READ_CONCURRENCY, reads);
  return lookup;
}

/** The app's testers are known; a listed email the app does not know may still be a tester of the team. */
function startTeamLookup(
  state: CurrentState,
  desired: DesiredState,
  api: AscApi,
  early: EarlyTeamReads,
): TeamLookup | null {
  const known = new Set<string>();
  for (const members of state.groupTesters.values()) {
    for (const tester of members) known.add(tester.email.toLowerCase());
  }
  for (const tester of state.otherTesters) known.add(tester.email.toLowerCase());
  const unknown = listedEmails(desired).filter((email) => !known.has(email));
  if (unknown.length === 0) return null;
  const late = unknown.filter((email) => !early.listed?.asked.has(email));
  const emails = new Set(unknown);
  const found = Promise.all([
    early.listed?.found ?? [],
    late.length > 0 ? api.findTestersByEmail(late) : [],
  ]).then((answers) => answers.flat().filter((t) => emails.has(t.email.toLowerCase())));
  // Awaited by the plan or apply, or not at all when a read beside it fails: never an unhandled rejection.
  found.catch(() => {});
  return { emails, found };
}
