// Build writes: export compliance and expiry, beta groups and individual testers of a build, beta detail.
import { attributeInvalid, idMismatch, relationshipInvalid, stateError } from '../errors.js';
import { singleDocument } from '../jsonapi.js';
import { apps, buildBetaDetails, builds } from '../kinds-build.js';
import {
  addBuildsToGroups,
  assertTesterRoom,
  findGroupsById,
  findTestersById,
  removeBuildsFromGroups,
} from '../membership.js';
import type { FakeApp, FakeBuild } from '../types.js';
import { buildUsageDocument } from './metrics.js';
import { assignDeclaration } from './test-information.js';
import {
  dataOf,
  findOr404,
  linkageIds,
  NO_CONTENT,
  toOneId,
  type RouteContext,
  type RouteTable,
} from './route.js';

function updateBuild(ctx: RouteContext) {
  const build = findOr404<FakeBuild>(builds, ctx);
  const data = dataOf(ctx);
  if (data.id !== build.id) throw idMismatch(data.id, build.id);
  const attributes = data.attributes ?? {};
  const declarationId = toOneId(data, 'appEncryptionDeclaration');
  const declaration =
    declarationId === undefined ? undefined : ctx.store.encryptionDeclarations.get(declarationId);
  if (declarationId !== undefined && !declaration) {
    throw relationshipInvalid(
      `There is no resource of type 'appEncryptionDeclarations' with id '${declarationId}'`,
      '/data/relationships/appEncryptionDeclaration/data/id',
    );
  }
  if (attributes.expired === false && build.expired) {
    throw attributeInvalid('expired', 'An expired build cannot be made available again.');
  }
  // A build Apple is reviewing cannot be expired; one still waiting for review can (README "Evidence").
  if (attributes.expired === true && ctx.store.submissionFor(build.id)?.state === 'IN_REVIEW') {
    throw stateError(`Build '${build.id}' is in beta review and cannot be expired.`);
  }
  if (declaration) {
    assignDeclaration(declaration, [build], '/data/relationships/appEncryptionDeclaration');
  }
  if (attributes.expired === true) build.expired = true;
  if (typeof attributes.usesNonExemptEncryption === 'boolean') {
    build.usesNonExemptEncryption = attributes.usesNonExemptEncryption;
  }
  return { status: 200, body: singleDocument(builds, build, { ...ctx, query: {} }) };
}

function updateBetaDetail(ctx: RouteContext) {
  const build = findOr404<FakeBuild>(buildBetaDetails, ctx);
  const data = dataOf(ctx);
  if (data.id !== build.buildBetaDetailId) throw idMismatch(data.id, build.buildBetaDetailId);
  const enabled = data.attributes?.autoNotifyEnabled;
  if (typeof enabled === 'boolean') build.autoNotifyEnabled = enabled;
  return { status: 200, body: singleDocument(buildBetaDetails, build, { ...ctx, query: {} }) };
}

function updateApp(ctx: RouteContext) {
  const app = findOr404<FakeApp>(apps, ctx);
  const data = dataOf(ctx);
  if (data.id !== app.id) throw idMismatch(data.id, app.id);
  const attributes = data.attributes ?? {};
  if (typeof attributes.primaryLocale === 'string') app.primaryLocale = attributes.primaryLocale;
  if (typeof attributes.bundleId === 'string') app.bundleId = attributes.bundleId;
  return { status: 200, body: singleDocument(apps, app, { ...ctx, query: {} }) };
}

function individualTestersOf(ctx: RouteContext, build: FakeBuild): Set<string> {
  let set = ctx.store.individualTesters.get(build.id);
  if (!set) {
    set = new Set();
    ctx.store.individualTesters.set(build.id, set);
  }
  return set;
}

export const buildRoutes: RouteTable = {
  'PATCH /v1/builds/{id}': updateBuild,
  'PATCH /v1/buildBetaDetails/{id}': updateBetaDetail,
  'PATCH /v1/apps/{id}': updateApp,
  'POST /v1/builds/{id}/relationships/betaGroups': (ctx) => {
    const build = findOr404<FakeBuild>(builds, ctx);
    addBuildsToGroups(ctx.store, findGroupsById(ctx.store, linkageIds(ctx)), [build], {
      conflictOnRelink: ctx.conflictOnRelink,
      relationship: 'betaGroups',
    });
    return NO_CONTENT;
  },
  'DELETE /v1/builds/{id}/relationships/betaGroups': (ctx) => {
    const build = findOr404<FakeBuild>(builds, ctx);
    removeBuildsFromGroups(findGroupsById(ctx.store, linkageIds(ctx)), [build]);
    return NO_CONTENT;
  },
  'POST /v1/builds/{id}/relationships/individualTesters': (ctx) => {
    const build = findOr404<FakeBuild>(builds, ctx);
    const testers = findTestersById(ctx.store, linkageIds(ctx));
    assertTesterRoom(
      ctx.store,
      { isInternal: false, appId: build.appId },
      testers.map((t) => t.id),
    );
    const set = individualTestersOf(ctx, build);
    for (const t of testers) {
      set.add(t.id);
      t.appIds.add(build.appId);
    }
    return NO_CONTENT;
  },
  'DELETE /v1/builds/{id}/relationships/individualTesters': (ctx) => {
    const build = findOr404<FakeBuild>(builds, ctx);
    const set = individualTestersOf(ctx, build);
    for (const t of findTestersById(ctx.store, linkageIds(ctx))) set.delete(t.id);
    return NO_CONTENT;
  },
  'GET /v1/builds/{id}/metrics/betaBuildUsages': (ctx) => {
    findOr404<FakeBuild>(builds, ctx);
    return buildUsageDocument(ctx);
  },
};
