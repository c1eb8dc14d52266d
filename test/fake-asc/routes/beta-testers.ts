// Beta tester writes: create (with groups), delete, and the tester's groups, builds and apps.
import { randomUUID } from 'node:crypto';
import { inviteMembers } from '../build-lifecycle.js';
import { entityError, relationshipInvalid, stateError, TITLES } from '../errors.js';
import { singleDocument } from '../jsonapi.js';
import { apps } from '../kinds-build.js';
import { betaTesterInvitations, betaTesters } from '../kinds-beta.js';
import {
  addTestersToGroups,
  assertTesterRoom,
  assertTestersMayJoin,
  findBuildsById,
  findGroupsById,
  findTestersById,
  removeTestersFromGroups,
} from '../membership.js';
import type { FakeStore } from '../store.js';
import type { FakeApp, FakeTester } from '../types.js';
import { testerUsageDocument } from './metrics.js';
import {
  dataOf,
  findOr404,
  linkageIds,
  NO_CONTENT,
  relatedAppId,
  toManyIds,
  toOneId,
  type RouteContext,
  type RouteTable,
} from './route.js';

function createTester(ctx: RouteContext) {
  const data = dataOf(ctx);
  const attributes = data.attributes ?? {};
  const email = attributes.email as string;
  if (ctx.store.findTesterByEmail(email)) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      TITLES.attributeDuplicate,
      `A beta tester with the email '${email}' already exists.`,
      '/data/attributes/email',
    );
  }
  const groups = findGroupsById(
    ctx.store,
    toManyIds(data, 'betaGroups'),
    '/data/relationships/betaGroups/data',
  );
  const builds = findBuildsById(
    ctx.store,
    toManyIds(data, 'builds'),
    '/data/relationships/builds/data',
  );
  if (groups.length === 0 && builds.length === 0) {
    // A tester belongs to an app only through a group or a build; Apple wants one of them.
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.REQUIRED',
      TITLES.relationshipRequired,
      "You must provide a value for the relationship 'betaGroups' or 'builds' with this request",
      '/data/relationships',
    );
  }
  const draft: FakeTester = {
    id: '',
    email,
    firstName: null,
    lastName: null,
    inviteType: 'EMAIL',
    state: 'NOT_INVITED',
    appIds: new Set(),
  };
  for (const g of groups) assertTestersMayJoin(ctx.store, g, [draft], { conflictOnRelink: false });
  for (const b of builds) assertTesterRoom(ctx.store, { isInternal: false, appId: b.appId }, ['']);
  const tester = ctx.store.addTester({
    email,
    firstName: (attributes.firstName as string | null | undefined) ?? null,
    lastName: (attributes.lastName as string | null | undefined) ?? null,
    groupIds: groups.map((g) => g.id),
  });
  for (const g of groups) inviteMembers(ctx.store, g);
  for (const b of builds) giveBuild(ctx.store, tester, b.id, b.appId);
  const doc = singleDocument(betaTesters, tester, {
    ...ctx,
    path: `/v1/betaTesters/${tester.id}`,
    query: {},
  });
  return { status: 201, body: doc };
}

function giveBuild(store: FakeStore, tester: FakeTester, buildId: string, appId: string): void {
  let set = store.individualTesters.get(buildId);
  if (!set) {
    set = new Set();
    store.individualTesters.set(buildId, set);
  }
  set.add(tester.id);
  tester.appIds.add(appId);
  if (tester.state === 'NOT_INVITED') tester.state = 'INVITED';
}

/** Takes the tester out of everything of these apps: its groups, its builds, the app itself. */
function removeFromApps(store: FakeStore, tester: FakeTester, appIds: string[]): void {
  for (const g of store.groups.values())
    if (appIds.includes(g.appId)) g.testerIds.delete(tester.id);
  for (const [buildId, set] of store.individualTesters) {
    const b = store.builds.get(buildId);
    if (b && appIds.includes(b.appId)) set.delete(tester.id);
  }
  for (const appId of appIds) tester.appIds.delete(appId);
}

function findAppsById(store: FakeStore, ids: string[]): FakeApp[] {
  return ids.map((id, i) => {
    const a = store.apps.get(id);
    if (!a)
      throw relationshipInvalid(
        `There is no resource of type 'apps' with id '${id}'`,
        `/data/${i}/id`,
      );
    return a;
  });
}

function createInvitation(ctx: RouteContext) {
  const data = dataOf(ctx);
  const appId = relatedAppId(ctx);
  const testerId = toOneId(data, 'betaTester');
  if (testerId !== undefined) {
    const tester = ctx.store.testers.get(testerId);
    if (!tester) {
      throw relationshipInvalid(
        `There is no resource of type 'betaTesters' with id '${testerId}'`,
        '/data/relationships/betaTester/data/id',
      );
    }
    if (!tester.appIds.has(appId)) {
      throw stateError(`Beta tester '${tester.email}' is not a tester of app '${appId}'.`);
    }
    if (tester.state === 'NOT_INVITED' || tester.state === 'REVOKED') tester.state = 'INVITED';
  }
  const invitation = { id: randomUUID() };
  return {
    status: 201,
    body: singleDocument(betaTesterInvitations, invitation, {
      ...ctx,
      path: `/v1/betaTesterInvitations/${invitation.id}`,
      query: {},
    }),
  };
}

export const betaTesterRoutes: RouteTable = {
  'POST /v1/betaTesters': createTester,
  'DELETE /v1/betaTesters/{id}': (ctx) => {
    const tester = findOr404<FakeTester>(betaTesters, ctx);
    removeFromApps(ctx.store, tester, [...ctx.store.apps.keys()]);
    ctx.store.testers.delete(tester.id);
    return NO_CONTENT;
  },
  'POST /v1/betaTesters/{id}/relationships/betaGroups': (ctx) => {
    const tester = findOr404<FakeTester>(betaTesters, ctx);
    addTestersToGroups(ctx.store, findGroupsById(ctx.store, linkageIds(ctx)), [tester], {
      conflictOnRelink: ctx.conflictOnRelink,
      relationship: 'betaGroups',
    });
    return NO_CONTENT;
  },
  'DELETE /v1/betaTesters/{id}/relationships/betaGroups': (ctx) => {
    const tester = findOr404<FakeTester>(betaTesters, ctx);
    removeTestersFromGroups(findGroupsById(ctx.store, linkageIds(ctx)), [tester]);
    return NO_CONTENT;
  },
  'POST /v1/betaTesters/{id}/relationships/builds': (ctx) => {
    const tester = findOr404<FakeTester>(betaTesters, ctx);
    const given = findBuildsById(ctx.store, linkageIds(ctx));
    for (const b of given)
      assertTesterRoom(ctx.store, { isInternal: false, appId: b.appId }, [tester.id]);
    for (const b of given) giveBuild(ctx.store, tester, b.id, b.appId);
    return NO_CONTENT;
  },
  'DELETE /v1/betaTesters/{id}/relationships/builds': (ctx) => {
    const tester = findOr404<FakeTester>(betaTesters, ctx);
    for (const b of findBuildsById(ctx.store, linkageIds(ctx))) {
      ctx.store.individualTesters.get(b.id)?.delete(tester.id);
    }
    return NO_CONTENT;
  },
  'DELETE /v1/betaTesters/{id}/relationships/apps': (ctx) => {
    const tester = findOr404<FakeTester>(betaTesters, ctx);
    const appIds = findAppsById(ctx.store, linkageIds(ctx)).map((a) => a.id);
    removeFromApps(ctx.store, tester, appIds);
    return NO_CONTENT;
  },
  'DELETE /v1/apps/{id}/relationships/betaTesters': (ctx) => {
    const app = findOr404<FakeApp>(apps, ctx);
    for (const t of findTestersById(ctx.store, linkageIds(ctx)))
      removeFromApps(ctx.store, t, [app.id]);
    return NO_CONTENT;
  },
  'GET /v1/betaTesters/{id}/metrics/betaTesterUsages': (ctx) =>
    testerUsageDocument(ctx, findOr404<FakeTester>(betaTesters, ctx)),
  'POST /v1/betaTesterInvitations': createInvitation,
};
