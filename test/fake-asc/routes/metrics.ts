// Usage metrics, from the usage seeded with addTesterUsage and setPublicLinkUsage: a tester's sessions, crashes
// and feedback summed over the requested period, one entry per tester, paged as Apple pages them.
import { appleDate } from '../apple-date.js';
import { pageOf } from '../collection-query.js';
import { parameterError } from '../errors.js';
import { pagingLinks, selfLink } from '../jsonapi.js';
import type { FakeGroup, FakeTester, FakeTesterUsage } from '../types.js';
import type { RouteContext, RouteResult } from './route.js';

const DAY = 24 * 3600 * 1000;
const PERIOD_DAYS: Record<string, number> = { P7D: 7, P30D: 30, P90D: 90, P365D: 365 };
/** Apple's examples that name no period cover a year (their self link says PT8760H). */
const DEFAULT_PERIOD = 'P365D';

interface Period {
  start: number;
  end: number;
}

function periodOf(ctx: RouteContext): Period {
  const end = ctx.store.now();
  const days = PERIOD_DAYS[ctx.query.period ?? DEFAULT_PERIOD] ?? 365;
  return { start: end - days * DAY, end };
}

function usageValues(usages: FakeTesterUsage[]) {
  return {
    crashCount: usages.reduce((n, u) => n + u.crashes, 0),
    sessionCount: usages.reduce((n, u) => n + u.sessions, 0),
    feedbackCount: usages.reduce((n, u) => n + u.feedback, 0),
  };
}

function usagesOf(ctx: RouteContext, testerId: string, appId: string, period: Period) {
  return ctx.store.testerUsages.filter(
    (u) =>
      u.testerId === testerId && u.appId === appId && u.at > period.start && u.at <= period.end,
  );
}

function dataPoint(period: Period, values: Record<string, number>) {
  return { start: appleDate(period.start), end: appleDate(period.end), values };
}

/** One page of `entries`, with Apple's paging links and counts. */
function pagedDocument(ctx: RouteContext, entries: unknown[]): RouteResult {
  const page = pageOf(entries.length, ctx.query);
  return {
    status: 200,
    body: {
      data: entries.slice(page.offset, page.offset + page.limit),
      links: pagingLinks(ctx, page),
      meta: { paging: { total: page.total, limit: page.limit } },
    },
  };
}

/**
 * GET /v1/betaGroups/{id}/metrics/betaTesterUsages: the usage of the group's members with any in the period,
 * one entry per tester. Apple answers it only grouped by tester or for one tester (its documentation's tip).
 */
export function groupTesterUsageDocument(ctx: RouteContext, group: FakeGroup): RouteResult {
  const only = ctx.query['filter[betaTesters]'];
  if (ctx.query.groupBy === undefined && only === undefined) {
    throw parameterError(
      'REQUIRED',
      'groupBy',
      "This endpoint requires either the 'groupBy' or the 'filter[betaTesters]' parameter.",
    );
  }
  const period = periodOf(ctx);
  const groupBy = `${ctx.origin}${ctx.path}?groupBy=betaTesters`;
  const entries = [...group.testerIds]
    .filter((id) => only === undefined || only.split(',').includes(id))
    .flatMap((testerId) => {
      const usages = usagesOf(ctx, testerId, group.appId, period);
      if (usages.length === 0) return [];
      return [
        {
          dataPoints: [dataPoint(period, usageValues(usages))],
          dimensions: {
            betaTesters: {
              links: { groupBy, related: `${ctx.origin}/v1/betaTesters/${testerId}` },
              data: testerId,
            },
          },
        },
      ];
    });
  return pagedDocument(ctx, entries);
}

/** GET /v1/betaTesters/{id}/metrics/betaTesterUsages?filter[apps]=: the tester's usage of that app. */
export function testerUsageDocument(ctx: RouteContext, tester: FakeTester): RouteResult {
  const period = periodOf(ctx);
  const appId = ctx.query['filter[apps]'] ?? '';
  const usages = usagesOf(ctx, tester.id, appId, period);
  const groupBy = `${ctx.origin}${ctx.path}?groupBy=apps`;
  return pagedDocument(ctx, [
    {
      dataPoints: [dataPoint(period, usageValues(usages))],
      dimensions: {
        apps: { links: { groupBy, related: `${ctx.origin}/v1/apps/${appId}` }, data: appId },
      },
    },
  ]);
}

/**
 * GET /v1/betaGroups/{id}/metrics/publicLinkUsages: since the group was created. Accepted defaults to the
 * members who joined through the link; an internal group has no link, so no usage.
 */
export function publicLinkUsageDocument(ctx: RouteContext, group: FakeGroup): RouteResult {
  if (group.isInternal) return pagedDocument(ctx, []);
  const seeded = ctx.store.publicLinkUsages.get(group.id);
  const joined = [...group.testerIds].filter(
    (id) => ctx.store.testers.get(id)?.inviteType === 'PUBLIC_LINK',
  ).length;
  const accepted = seeded?.acceptedCount ?? joined;
  const values = {
    viewCount: Math.max(seeded?.viewCount ?? 0, accepted),
    acceptedCount: accepted,
    didNotAcceptCount: seeded?.didNotAcceptCount ?? 0,
    didNotMeetCriteriaCount: seeded?.didNotMeetCriteriaCount ?? 0,
    notRelevantRatio: seeded?.notRelevantRatio ?? 0,
    notClearRatio: seeded?.notClearRatio ?? 0,
    notInterestingRatio: seeded?.notInterestingRatio ?? 0,
  };
  const period = { start: group.createdAt, end: ctx.store.now() };
  return pagedDocument(ctx, [{ dataPoints: [dataPoint(period, values)] }]);
}

/** GET /v1/builds/{id}/metrics/betaBuildUsages: the fake keeps no per-build usage, so every count is zero. */
export function buildUsageDocument(ctx: RouteContext): RouteResult {
  const end = ctx.store.now();
  const values = {
    crashCount: 0,
    installCount: 0,
    sessionCount: 0,
    feedbackCount: 0,
    inviteCount: 0,
  };
  return {
    status: 200,
    body: {
      data: [{ dataPoints: [dataPoint({ start: end - 365 * DAY, end }, values)] }],
      links: { self: selfLink(ctx) },
      meta: { paging: { total: 1, limit: Number(ctx.query.limit ?? 50) } },
    },
  };
}
