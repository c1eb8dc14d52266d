// Usage metrics: the fake has no testers' devices, so every count is zero over the requested period.
import { appleDate } from '../apple-date.js';
import { selfLink } from '../jsonapi.js';
import type { RouteContext, RouteResult } from './route.js';

const PERIOD_DAYS: Record<string, number> = { P7D: 7, P30D: 30, P90D: 90, P365D: 365 };

export function metricsDocument(ctx: RouteContext, values: Record<string, number>): RouteResult {
  const end = ctx.store.now();
  const days = PERIOD_DAYS[ctx.query.period ?? 'P7D'] ?? 7;
  const start = end - days * 24 * 3600 * 1000;
  return {
    status: 200,
    body: {
      data: [{ dataPoints: [{ start: appleDate(start), end: appleDate(end), values }] }],
      links: { self: selfLink(ctx) },
      meta: { paging: { total: 1, limit: Number(ctx.query.limit ?? 50) } },
    },
  };
}
