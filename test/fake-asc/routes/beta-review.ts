// What to Test, Beta App Review submissions, build notifications and recruitment criteria.
import { randomUUID } from 'node:crypto';
import { isExpired } from '../build-lifecycle.js';
import {
  AscError,
  attributeInvalid,
  entityError,
  idMismatch,
  relationshipInvalid,
  stateError,
  TITLES,
  unprocessable,
} from '../errors.js';
import { singleDocument } from '../jsonapi.js';
import { assertExternallyReviewable, assertTestInformation } from '../review-preconditions.js';
import {
  betaAppReviewSubmissions,
  betaBuildLocalizations,
  betaRecruitmentCriteria,
  buildBetaNotifications,
} from '../kinds-beta.js';
import type { FakeRecruitmentCriterion } from '../records.js';
import type { FakeBuild, FakeLocalization } from '../types.js';
import {
  dataOf,
  findOr404,
  NO_CONTENT,
  toOneId,
  type RouteContext,
  type RouteTable,
} from './route.js';
import type { ResourceKind } from '../resource-kind.js';

/** Apple's limit on What to Test, in characters. */
export const WHATS_NEW_MAX = 4000;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function relatedBuild(ctx: RouteContext): FakeBuild {
  const id = toOneId(dataOf(ctx), 'build') ?? '';
  const build = ctx.store.builds.get(id);
  if (!build || ctx.store.processingState(id) === undefined) {
    throw relationshipInvalid(
      `There is no resource of type 'builds' with id '${id}'`,
      '/data/relationships/build/data/id',
    );
  }
  return build;
}

function checkWhatsNew(value: unknown): void {
  if (typeof value === 'string' && [...value].length > WHATS_NEW_MAX) {
    throw attributeInvalid(
      'whatsNew',
      `'whatsNew' is ${[...value].length} characters long; it may be at most ${WHATS_NEW_MAX}.`,
      '.TOO_LONG',
    );
  }
}

function created(ctx: RouteContext, kind: ResourceKind, entity: unknown, id: string) {
  return {
    status: 201,
    body: singleDocument(kind, entity, { ...ctx, path: `/v1/${kind.type}/${id}`, query: {} }),
  };
}

function createLocalization(ctx: RouteContext) {
  const build = relatedBuild(ctx);
  const attributes = dataOf(ctx).attributes ?? {};
  const locale = attributes.locale as string;
  if (!LOCALE.test(locale)) throw attributeInvalid('locale', `'${locale}' is not a valid locale.`);
  checkWhatsNew(attributes.whatsNew);
  for (const l of ctx.store.localizations.values()) {
    if (l.buildId === build.id && l.locale === locale) {
      throw entityError(
        'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
        TITLES.attributeDuplicate,
        `A betaBuildLocalization for locale '${locale}' already exists for build '${build.id}'.`,
        '/data/attributes/locale',
      );
    }
  }
  const whatsNew = (attributes.whatsNew as string | null | undefined) ?? null;
  const l = ctx.store.addLocalization({ buildId: build.id, locale, whatsNew });
  return created(ctx, betaBuildLocalizations, l, l.id);
}

function updateLocalization(ctx: RouteContext) {
  const l = findOr404<FakeLocalization>(betaBuildLocalizations, ctx);
  const data = dataOf(ctx);
  if (data.id !== l.id) throw idMismatch(data.id, l.id);
  checkWhatsNew(data.attributes?.whatsNew);
  if (data.attributes && 'whatsNew' in data.attributes) {
    l.whatsNew = (data.attributes.whatsNew as string | null) ?? null;
  }
  return { status: 200, body: singleDocument(betaBuildLocalizations, l, { ...ctx, query: {} }) };
}

function createSubmission(ctx: RouteContext) {
  const build = relatedBuild(ctx);
  const { store } = ctx;
  assertExternallyReviewable(store, build);
  const previous = store.submissionFor(build.id);
  if (previous && previous.state !== 'REJECTED') {
    // Shaped like Apple's STATE_ERROR.ENTITY_STATE_INVALID: the blocking resource in meta.associatedErrors.
    throw stateError(
      `Build '${build.id}' already has a beta app review submission in state ${previous.state}.`,
      'STATE_ERROR.ENTITY_STATE_INVALID',
      {
        associatedErrors: {
          [`/v1/betaAppReviewSubmissions/${previous.id}`]: [
            {
              id: randomUUID(),
              status: '409',
              code: 'STATE_ERROR',
              title: TITLES.stateError,
              detail: `This build was submitted for beta review and is ${previous.state}.`,
            },
          ],
        },
      },
    );
  }
  // Apple reviews one build per train (marketing version and platform) at a time; other trains may be reviewed
  // side by side (README "Evidence").
  for (const s of store.reviewSubmissions.values()) {
    const other = store.builds.get(s.buildId);
    if (
      other &&
      other.id !== build.id &&
      other.preReleaseVersionId === build.preReleaseVersionId &&
      (s.state === 'WAITING_FOR_REVIEW' || s.state === 'IN_REVIEW')
    ) {
      throw unprocessable(
        'Another build in the same train is already in beta review. Please submit it again once it gets completed.',
        'ENTITY_UNPROCESSABLE.ANOTHER_BUILD_IN_REVIEW',
        TITLES.anotherBuildInReview,
      );
    }
  }
  assertTestInformation(store, build.appId);
  const submission = store.addReviewSubmission({ buildId: build.id, state: 'WAITING_FOR_REVIEW' });
  return created(ctx, betaAppReviewSubmissions, submission, submission.id);
}

function createNotification(ctx: RouteContext) {
  const build = relatedBuild(ctx);
  if (build.autoNotifyEnabled) {
    // Apple's answer, verbatim (README "Evidence").
    throw new AscError(409, {
      code: 'STATE_ERROR.ENTITY_STATE_INVALID',
      title: TITLES.requestEntityProblem,
      detail: 'Auto-notify already enabled',
      source: { pointer: '/data' },
    });
  }
  if (ctx.store.processingState(build.id) !== 'VALID' || isExpired(ctx.store, build)) {
    throw stateError(
      `Build '${build.id}' is not available for testing, so its testers cannot be notified.`,
    );
  }
  const n = { id: randomUUID(), buildId: build.id, createdAt: ctx.store.now() };
  ctx.store.buildNotifications.set(n.id, n);
  return created(ctx, buildBetaNotifications, n, n.id);
}

function createCriterion(ctx: RouteContext) {
  const data = dataOf(ctx);
  const groupId = toOneId(data, 'betaGroup') ?? '';
  const group = ctx.store.groups.get(groupId);
  if (!group) {
    throw relationshipInvalid(
      `There is no resource of type 'betaGroups' with id '${groupId}'`,
      '/data/relationships/betaGroup/data/id',
    );
  }
  if (group.isInternal)
    throw stateError(`Internal beta group '${group.name}' has no recruitment criteria.`);
  for (const c of ctx.store.recruitmentCriteria.values()) {
    if (c.groupId === group.id)
      throw stateError(`Beta group '${group.name}' already has recruitment criteria.`);
  }
  const criterion: FakeRecruitmentCriterion = {
    id: randomUUID(),
    groupId: group.id,
    deviceFamilyOsVersionFilters: data.attributes?.deviceFamilyOsVersionFilters as unknown[],
    modifiedAt: ctx.store.now(),
  };
  ctx.store.recruitmentCriteria.set(criterion.id, criterion);
  return created(ctx, betaRecruitmentCriteria, criterion, criterion.id);
}

function updateCriterion(ctx: RouteContext) {
  const c = findOr404<FakeRecruitmentCriterion>(betaRecruitmentCriteria, ctx);
  const data = dataOf(ctx);
  if (data.id !== c.id) throw idMismatch(data.id, c.id);
  const filters = data.attributes?.deviceFamilyOsVersionFilters;
  if (Array.isArray(filters)) {
    c.deviceFamilyOsVersionFilters = filters;
    c.modifiedAt = ctx.store.now();
  }
  return { status: 200, body: singleDocument(betaRecruitmentCriteria, c, { ...ctx, query: {} }) };
}

export const betaReviewRoutes: RouteTable = {
  'POST /v1/betaBuildLocalizations': createLocalization,
  'PATCH /v1/betaBuildLocalizations/{id}': updateLocalization,
  'DELETE /v1/betaBuildLocalizations/{id}': (ctx) => {
    const l = findOr404<FakeLocalization>(betaBuildLocalizations, ctx);
    ctx.store.localizations.delete(l.id);
    return NO_CONTENT;
  },
  'POST /v1/betaAppReviewSubmissions': createSubmission,
  'POST /v1/buildBetaNotifications': createNotification,
  'POST /v1/betaRecruitmentCriteria': createCriterion,
  'PATCH /v1/betaRecruitmentCriteria/{id}': updateCriterion,
  'DELETE /v1/betaRecruitmentCriteria/{id}': (ctx) => {
    const c = findOr404<FakeRecruitmentCriterion>(betaRecruitmentCriteria, ctx);
    ctx.store.recruitmentCriteria.delete(c.id);
    return NO_CONTENT;
  },
};
