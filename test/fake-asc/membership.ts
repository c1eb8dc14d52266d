// Who is in which group and which builds a group holds: the rules Apple applies on every path that links them.
import { assertAssignable, inviteMembers } from './build-lifecycle.js';
import { entityError, relationshipInvalid, stateError, TITLES, type AscError } from './errors.js';
import type { FakeStore } from './store.js';
import type { FakeBuild, FakeGroup, FakeTester } from './types.js';

/** Apple's caps, per team and per app rather than per group: 100 internal testers, 10,000 external per app. */
export const MAX_INTERNAL_TESTERS = 100;
export const MAX_EXTERNAL_TESTERS = 10_000;

export interface LinkOptions {
  conflictOnRelink: boolean;
  /** The relationship the request wrote, for the re-link 409's detail (default: the group's side). */
  relationship?: string;
}

/** Apple's detail for a tester a group will not take, e.g. a non-team email in an internal group. */
export const TESTERS_CANNOT_BE_ASSIGNED = 'Tester(s) cannot be assigned';

/** The re-link 409 (with `conflictOnRelink`), worded as Apple words it for a value already related. */
function alreadyLinked(relationship: string): AscError {
  return entityError(
    'ENTITY_ERROR.RELATIONSHIP.INVALID',
    TITLES.relationshipInvalid,
    `The relationship '${relationship}' includes a value that is already related to this resource.`,
  );
}

export function findGroupsById(store: FakeStore, ids: string[], pointer = '/data'): FakeGroup[] {
  return ids.map((id, i) => {
    const g = store.groups.get(id);
    if (!g)
      throw relationshipInvalid(
        `There is no resource of type 'betaGroups' with id '${id}'`,
        `${pointer}/${i}/id`,
      );
    return g;
  });
}

export function findTestersById(store: FakeStore, ids: string[], pointer = '/data'): FakeTester[] {
  return ids.map((id, i) => {
    const t = store.testers.get(id);
    if (!t)
      throw relationshipInvalid(
        `There is no resource of type 'betaTesters' with id '${id}'`,
        `${pointer}/${i}/id`,
      );
    return t;
  });
}

export function findBuildsById(store: FakeStore, ids: string[], pointer = '/data'): FakeBuild[] {
  return ids.map((id, i) => {
    const b = store.builds.get(id);
    if (!b || store.processingState(id) === undefined) {
      throw relationshipInvalid(
        `There is no resource of type 'builds' with id '${id}'`,
        `${pointer}/${i}/id`,
      );
    }
    return b;
  });
}

/** Checks every pair first, then links them all: a refused request changes nothing. */
export function addBuildsToGroups(
  store: FakeStore,
  groups: FakeGroup[],
  builds: FakeBuild[],
  options: LinkOptions,
): void {
  for (const g of groups) {
    for (const b of builds) {
      if (b.appId !== g.appId) {
        throw relationshipInvalid(
          `Build '${b.id}' belongs to another app than beta group '${g.id}'.`,
          '/data',
        );
      }
      if (g.buildIds.has(b.id)) {
        if (options.conflictOnRelink) throw alreadyLinked(options.relationship ?? 'builds');
        continue;
      }
      assertAssignable(store, b, g);
    }
  }
  for (const g of groups) {
    for (const b of builds) g.buildIds.add(b.id);
    inviteMembers(store, g);
  }
}

export function removeBuildsFromGroups(groups: FakeGroup[], builds: FakeBuild[]): void {
  for (const g of groups) for (const b of builds) g.buildIds.delete(b.id);
}

export function assertTestersMayJoin(
  store: FakeStore,
  group: FakeGroup,
  testers: FakeTester[],
  options: LinkOptions,
): void {
  const newcomers = new Set<string>();
  for (const t of testers) {
    if (group.testerIds.has(t.id)) {
      if (options.conflictOnRelink) {
        throw alreadyLinked(options.relationship ?? 'betaTesters');
      }
      continue;
    }
    if (group.isInternal && !store.isTeamMember(t.email)) {
      // Apple's answer names neither the tester nor the reason (README "Evidence").
      throw stateError(TESTERS_CANNOT_BE_ASSIGNED);
    }
    newcomers.add(t.id);
  }
  assertTesterRoom(store, group, newcomers);
}

/** Refuses testers beyond Apple's cap: internal ones per team, external ones per app. */
export function assertTesterRoom(
  store: FakeStore,
  where: { isInternal: boolean; appId: string },
  newcomers: Iterable<string>,
): void {
  const counted = where.isInternal
    ? internalTesterIds(store)
    : externalTesterIds(store, where.appId);
  const before = counted.size;
  for (const id of newcomers) counted.add(id);
  const total = counted.size;
  const max = where.isInternal ? MAX_INTERNAL_TESTERS : MAX_EXTERNAL_TESTERS;
  if (total > max && total > before) {
    // Apple's API text for these caps is not public; the web's wording is (README "Evidence").
    throw stateError(
      where.isInternal
        ? `The team would have ${total} internal testers; a team can have at most ${max}.`
        : `This app would have ${total} external testers; an app can have at most ${max}. The maximum number of testers for this app has been reached.`,
    );
  }
}

/** Testers in any internal group of the team (every app of the fake). */
function internalTesterIds(store: FakeStore): Set<string> {
  const ids = new Set<string>();
  for (const g of store.groups.values()) if (g.isInternal) for (const t of g.testerIds) ids.add(t);
  return ids;
}

/** External testers of an app: in its external groups, or given one of its builds individually. */
function externalTesterIds(store: FakeStore, appId: string): Set<string> {
  const ids = new Set<string>();
  for (const g of store.groups.values()) {
    if (!g.isInternal && g.appId === appId) for (const t of g.testerIds) ids.add(t);
  }
  for (const [buildId, testers] of store.individualTesters) {
    if (store.builds.get(buildId)?.appId === appId) for (const t of testers) ids.add(t);
  }
  return ids;
}

export function addTestersToGroups(
  store: FakeStore,
  groups: FakeGroup[],
  testers: FakeTester[],
  options: LinkOptions,
): void {
  for (const g of groups) assertTestersMayJoin(store, g, testers, options);
  for (const g of groups) {
    for (const t of testers) store.linkTester(g, t.id);
    inviteMembers(store, g);
  }
}

export function removeTestersFromGroups(groups: FakeGroup[], testers: FakeTester[]): void {
  for (const g of groups) for (const t of testers) g.testerIds.delete(t.id);
}
