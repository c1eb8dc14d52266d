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
};

/**
 * S3: the app with its groups (1, alongside the first page) and every tester of the app with their groups,
 * 200 a page, page after page; then the missing members linked in bodies of TESTER_LINK_CHUNK.
 */
function largeGroup(appTesters: number, added: number, removed: number): Bound {
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
 */
function configExample(): Bound {
  const { csvTesters, internalTesters, whatToTestLocales } = CONFIG_EXAMPLE;
  const undoable = 2 + 1 + internalTesters + csvTesters + 2 + whatToTestLocales + 1;
  const writes = undoable + 1;
  const reads = 4;
  return {
    requests: reads + writes,
    changing: writes,
    roundTrips: 2 + waves(undoable) + 1,
    arithmetic: `${reads} reads in 2 round trips (the app by bundle ID, then builds, testers and team) + ${writes} writes (2 group creates, recruitment, ${internalTesters + csvTesters} tester creates, localization, review details, ${whatToTestLocales} What to Test, review; then the deletion) in ⌈${undoable}/${DEFAULT_CONCURRENCY}⌉ + 1 = ${waves(undoable) + 1} waves`,
  };
}

export const S5 = configExample();
/** S5 again: the app, then the builds, testers and the new group's recruitment criteria; nothing to change. */
export const S5_RERUN: Bound = {
  requests: 4,
  changing: 0,
  roundTrips: 2,
  arithmetic:
    '4 reads in 2 round trips (the app by bundle ID, then builds, testers and recruitment criteria), no writes',
};
