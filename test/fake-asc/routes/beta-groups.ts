// Beta group writes and metrics: create, update, delete, builds and testers of a group.
import { assertAssignable, inviteMembers } from '../build-lifecycle.js';
import { idMismatch, relationshipInvalid, stateError } from '../errors.js';
import {
  applyPublicLinkSettings,
  checkGroupAttributes,
  PUBLIC_LINK_LIMIT_MAX,
} from '../group-settings.js';
import { singleDocument } from '../jsonapi.js';
import { betaGroups } from '../kinds-beta.js';
import {
  addBuildsToGroups,
  addTestersToGroups,
  assertTestersMayJoin,
  findBuildsById,
  findTestersById,
  removeBuildsFromGroups,
  removeTestersFromGroups,
} from '../membership.js';
import { newPublicLinkId } from '../store.js';
import type { FakeGroup } from '../types.js';
import { groupTesterUsageDocument, publicLinkUsageDocument } from './metrics.js';
import {
  dataOf,
  findOr404,
  linkageIds,
  NO_CONTENT,
  relatedAppId,
  toManyIds,
  type RouteContext,
  type RouteTable,
} from './route.js';

function createGroup(ctx: RouteContext) {
  const data = dataOf(ctx);
  const attributes = data.attributes ?? {};
  const appId = relatedAppId(ctx);
  const isInternal = attributes.isInternalGroup === true;
  checkGroupAttributes(isInternal, attributes);
  const builds = findBuildsById(
    ctx.store,
    toManyIds(data, 'builds'),
    '/data/relationships/builds/data',
  );
  const testers = findTestersById(
    ctx.store,
    toManyIds(data, 'betaTesters'),
    '/data/relationships/betaTesters/data',
  );
  // Check everything against a draft first, so a refused create leaves no half-made group behind.
  const draft: FakeGroup = {
    id: '',
    appId,
    name: attributes.name as string,
    isInternal,
    hasAccessToAllBuilds: isInternal && attributes.hasAccessToAllBuilds === true,
    publicLinkEnabled: false,
    publicLinkLimitEnabled: false,
    // A new external group has its link's ID and Apple's maximum limit from creation, link off (README "Evidence").
    publicLinkLimit: isInternal ? null : PUBLIC_LINK_LIMIT_MAX,
    publicLinkId: isInternal ? null : newPublicLinkId(),
    feedbackEnabled: attributes.feedbackEnabled !== false,
    createdAt: ctx.store.now(),
    testerIds: new Set(),
    buildIds: new Set(),
  };
  for (const b of builds) {
    if (b.appId !== appId) {
      throw relationshipInvalid(
        `Build '${b.id}' belongs to another app.`,
        '/data/relationships/builds',
      );
    }
    assertAssignable(ctx.store, b, draft);
  }
  assertTestersMayJoin(ctx.store, draft, testers, { conflictOnRelink: false });
  if (attributes.publicLinkEnabled === true && builds.length === 0) {
    throw stateError(
      `The public link of beta group '${draft.name}' cannot be enabled before the group has a build.`,
      'STATE_ERROR.NO_BUILD_FOR_PUBLIC_LINK',
    );
  }
  const { id: _draftId, testerIds: _t, buildIds: _b, ...settings } = draft;
  const group = ctx.store.addGroup({ ...settings, buildIds: builds.map((b) => b.id) });
  for (const t of testers) ctx.store.linkTester(group, t.id);
  inviteMembers(ctx.store, group);
  applyPublicLinkSettings(ctx.store, group, attributes);
  return {
    status: 201,
    body: singleDocument(betaGroups, group, {
      ...ctx,
      path: `/v1/betaGroups/${group.id}`,
      query: {},
    }),
  };
}

function updateGroup(ctx: RouteContext) {
  const group = findOr404<FakeGroup>(betaGroups, ctx);
  const data = dataOf(ctx);
  if (data.id !== group.id) {
    throw idMismatch(data.id, group.id);
  }
  const attributes = data.attributes ?? {};
  checkGroupAttributes(group.isInternal, attributes);
  applyPublicLinkSettings(ctx.store, group, attributes);
  if (typeof attributes.name === 'string') group.name = attributes.name;
  if (typeof attributes.feedbackEnabled === 'boolean')
    group.feedbackEnabled = attributes.feedbackEnabled;
  for (const key of [
    'iosBuildsAvailableForAppleSiliconMac',
    'iosBuildsAvailableForAppleVision',
  ] as const) {
    if (typeof attributes[key] === 'boolean') group[key] = attributes[key];
  }
  return { status: 200, body: singleDocument(betaGroups, group, { ...ctx, query: {} }) };
}

function deleteGroup(ctx: RouteContext) {
  const group = findOr404<FakeGroup>(betaGroups, ctx);
  ctx.store.groups.delete(group.id);
  for (const c of ctx.store.recruitmentCriteria.values()) {
    if (c.groupId === group.id) ctx.store.recruitmentCriteria.delete(c.id);
  }
  return NO_CONTENT;
}

export const betaGroupRoutes: RouteTable = {
  'POST /v1/betaGroups': createGroup,
  'PATCH /v1/betaGroups/{id}': updateGroup,
  'DELETE /v1/betaGroups/{id}': deleteGroup,
  'POST /v1/betaGroups/{id}/relationships/builds': (ctx) => {
    const group = findOr404<FakeGroup>(betaGroups, ctx);
    addBuildsToGroups(ctx.store, [group], findBuildsById(ctx.store, linkageIds(ctx)), ctx);
    return NO_CONTENT;
  },
  'DELETE /v1/betaGroups/{id}/relationships/builds': (ctx) => {
    const group = findOr404<FakeGroup>(betaGroups, ctx);
    removeBuildsFromGroups([group], findBuildsById(ctx.store, linkageIds(ctx)));
    return NO_CONTENT;
  },
  'POST /v1/betaGroups/{id}/relationships/betaTesters': (ctx) => {
    const group = findOr404<FakeGroup>(betaGroups, ctx);
    addTestersToGroups(ctx.store, [group], findTestersById(ctx.store, linkageIds(ctx)), ctx);
    return NO_CONTENT;
  },
  'DELETE /v1/betaGroups/{id}/relationships/betaTesters': (ctx) => {
    const group = findOr404<FakeGroup>(betaGroups, ctx);
    removeTestersFromGroups([group], findTestersById(ctx.store, linkageIds(ctx)));
    return NO_CONTENT;
  },
  'GET /v1/betaGroups/{id}/metrics/publicLinkUsages': (ctx) =>
    publicLinkUsageDocument(ctx, findOr404<FakeGroup>(betaGroups, ctx)),
  'GET /v1/betaGroups/{id}/metrics/betaTesterUsages': (ctx) =>
    groupTesterUsageDocument(ctx, findOr404<FakeGroup>(betaGroups, ctx)),
};
