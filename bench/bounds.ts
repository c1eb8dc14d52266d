// Each scenario's bound: the fewest requests and dependent round trips Apple's API shape allows for it, with
// the client's own limits (requests in flight, testers per linkage body). bench/README.md derives each one.
import { DEFAULT_CONCURRENCY, TESTER_LINK_CHUNK } from '../src/asc/index.js';
import { CONFIG_EXAMPLE, FIRST_DISTRIBUTION, LARGE_GROUP } from './worlds.js';

/** Apple's largest page for a top-level list (`limit` ≤ 200). */
const PAGE = 200;

export interface Bound {
  requests: number;
  /** Of them, the changing ones (POST, PATCH, DELETE). */
  changing: number;
  /** Round trips one after another: dependencies, cursor pages, and waves of at most DEFAULT_CONCURRENCY. */
  roundTrips: number;
  arithmetic: string;
  /** The job summary's Testers section (issue 11), an add-on counted apart from the run's own requests. */
  summary: SummaryBound;
}

/**
 * The Testers section's reads: each existing declared group's 30-day usage (1; Apple's betaTesterUsages are
 * per group or per app grouped by tester, never by group) and its public link's usage (1, when it has a link).
 * A group the run created has no usage yet, and the members of a group come from the run, except where
 * testers joined a group without a build (their states are Apple's to settle): 1 first page each. The reads
 * need only the groups' IDs, so they take the writes' free slots; with no writes, one round trip after the
 * first.
 */
interface SummaryBound {
  reads: number;
  /** Round trips they add to the run's: ⌈(writes + reads)/4⌉ − ⌈writes/4⌉, or ⌈reads/4⌉ with no writes. */
  roundTrips: number;
  arithmetic: string;
}

function summary(usages: number, links: number, members: number, writes: number): SummaryBound {
  const reads = usages + links + members;
  const roundTrips =
    reads === 0 ? 0 : writes === 0 ? waves(reads) : waves(writes + reads) - waves(writes);
  const parts = [
    `${usages} usage${usages === 1 ? '' : 's'}`,
    links > 0 ? `${links} link usage${links === 1 ? '' : 's'}` : '',
    members > 0 ? `${members} member list${members === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const where =
    writes === 0
      ? `${waves(reads)} round trip after the first`
      : `in the writes' free slots: ⌈(${writes} + ${reads})/${DEFAULT_CONCURRENCY}⌉ − ⌈${writes}/${DEFAULT_CONCURRENCY}⌉ = ${roundTrips} more round trip${roundTrips === 1 ? '' : 's'}`;
  return {
    reads,
    roundTrips,
    arithmetic: reads === 0 ? 'no reads' : `${parts.join(' + ')} = ${reads}, ${where}`,
  };
}

/** The bound with the Testers section counted in: what a run that writes a summary may cost at least. */
export function withSummary(bound: Bound): { requests: number; roundTrips: number } {
  return {
    requests: bound.requests + bound.summary.reads,
    roundTrips: bound.roundTrips + bound.summary.roundTrips,
  };
}

/** Round trips for independent requests sent at most DEFAULT_CONCURRENCY at a time. */
function waves(requests: number): number {
  return Math.ceil(requests / DEFAULT_CONCURRENCY);
}

/** Pages of a list of `records`: one request each, one after another (each needs the last one's cursor). */
function pages(records: number): number {
  return Math.max(1, Math.ceil(records / PAGE));
}

function links(testers: number): number {
  return Math.ceil(testers / TESTER_LINK_CHUNK);
}

/**
 * S1: three reads at once (the app with its groups and Test Information; the build with its beta detail,
 * version, groups, localizations and review submission; the listed testers with their groups), then the
 * writes, which need only what those reads returned: the build into the 3 groups (1), the known testers into
 * each group (1 per group), each new tester created in the 3 groups (1 each), What to Test (1) and the review
 * submission (1, after What to Test), at most DEFAULT_CONCURRENCY at a time.
 */
function firstDistribution(readRounds: number): Bound {
  const { groups, newTesters } = FIRST_DISTRIBUTION;
  const writes = 1 + groups.length + newTesters + 1 + 1;
  const reads = 3;
  return {
    requests: reads + writes,
    changing: writes,
    roundTrips: readRounds + waves(writes),
    arithmetic: `${reads} reads in ${readRounds} round trip${readRounds > 1 ? 's' : ''} + ${writes} writes (1 build link + ${groups.length} tester links + ${newTesters} creates + What to Test + review) in ⌈${writes}/${DEFAULT_CONCURRENCY}⌉ = ${waves(writes)} waves`,
    // The 3 existing groups' usages; the members are the run's (the groups get the build).
    summary: summary(groups.length, 0, 0, writes),
  };
}

/** S1 with `app-id`: every read filters by the app's ID, so all three go in the first round trip. */
export const S1 = firstDistribution(1);
/** S1b with `bundle-id`: the app is found first (with the same includes); the build and testers need its ID. */
export const S1B = firstDistribution(2);
/** S2: S1's three reads in one round trip, and nothing to change. */
export const S2: Bound = {
  requests: 3,
  changing: 0,
  roundTrips: 1,
  arithmetic: '3 reads in 1 round trip, no writes',
  // The 3 groups' usages; the members were read with the app's testers.
  summary: summary(FIRST_DISTRIBUTION.groups.length, 0, 0, 0),
};

/**
 * S3: the app with its groups (1, alongside the first page) and every tester of the app with their groups,
 * 200 a page, page after page; then the missing members linked in bodies of TESTER_LINK_CHUNK.
 */
function largeGroup(appTesters: number, added: number, removed: number): Bound {
  // The group's usage; its members are read again when the run changed them, since it has no build.
  const changed = added + removed > 0 ? 1 : 0;
  const reads = 1 + pages(appTesters);
  const writes = links(added) + links(removed);
  const pageText = `⌈${appTesters}/${PAGE}⌉ = ${pages(appTesters)} pages`;
  const writeText =
    writes === 0
      ? 'no writes'
      : `${writes} linkage request${writes > 1 ? 's' : ''} (${[
          added > 0 ? `${added} added, ⌈${added}/${TESTER_LINK_CHUNK}⌉` : '',
          removed > 0 ? `${removed} removed, ⌈${removed}/${TESTER_LINK_CHUNK}⌉` : '',
        ]
          .filter(Boolean)
          .join('; ')}) in ${waves(writes)} wave${waves(writes) > 1 ? 's' : ''}`;
  return {
    requests: reads + writes,
    changing: writes,
    roundTrips: pages(appTesters) + (writes > 0 ? waves(writes) : 0),
    arithmetic: `app read beside ${pageText} of the app's testers, one after another; ${writeText}`,
    summary: summary(1, 0, changed, writes),
  };
}

const toAdd = LARGE_GROUP.listed - LARGE_GROUP.alreadyMembers;
export const S3_FIRST = largeGroup(LARGE_GROUP.listed, toAdd, 0);
export const S3_RERUN = largeGroup(LARGE_GROUP.listed, 0, 0);
export const S3_REMOVE = largeGroup(
  LARGE_GROUP.listed + LARGE_GROUP.unlistedMembers,
  toAdd,
  LARGE_GROUP.unlistedMembers,
);

/**
 * S5, the README's config file example on an app that has none of it: the app by its bundle ID with its groups
 * and Test Information (1), then the builds, the listed testers and the team (3, at once: the internal group's
 * testers must be team members). Writes: the 2 groups created with the build and their settings, the external
 * group's recruitment criteria, each new tester created in its group (2 + 20), the primary locale's beta app
 * localization and the review details, What to Test in 2 locales, the review submission, and the deletion of
 * the group declared absent, which comes after every other change (operations.ts: what cannot be undone, last).
 * Apple's compatible-build check of the new criteria (1 read) needs the criteria and the build in the group,
 * so it can go beside the deletion.
 */
function configExample(): Bound {
  const { csvTesters, internalTesters, whatToTestLocales } = CONFIG_EXAMPLE;
  const undoable = 2 + 1 + internalTesters + csvTesters + 2 + whatToTestLocales + 1;
  const writes = undoable + 1;
  const reads = 4 + 1;
  return {
    requests: reads + writes,
    changing: writes,
    roundTrips: 2 + waves(undoable) + 1,
    arithmetic: `4 reads in 2 round trips (the app by bundle ID, then builds, testers and team) + ${writes} writes (2 group creates, recruitment, ${internalTesters + csvTesters} tester creates, localization, review details, ${whatToTestLocales} What to Test, review; then the deletion) in ⌈${undoable}/${DEFAULT_CONCURRENCY}⌉ + 1 = ${waves(undoable) + 1} waves, the compatible-build check beside the deletion`,
    // Both declared groups are created by the run, and the one declared absent is deleted: nothing to read.
    summary: summary(0, 0, 0, writes),
  };
}

export const S5 = configExample();
/**
 * S5 again: the app, then the builds, testers, the new group's recruitment criteria and Apple's compatible-build
 * check of them (the group's ID is in the app's read); nothing to change.
 */
export const S5_RERUN: Bound = {
  requests: 5,
  changing: 0,
  roundTrips: 2,
  arithmetic:
    '5 reads in 2 round trips (the app by bundle ID, then builds, testers, recruitment criteria and their compatible-build check), no writes',
  // The 2 groups' usages and the external group's public link usage; the members were read with the testers.
  summary: summary(2, 1, 0, 0),
};
