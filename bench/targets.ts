// The targets as checks on a run's figures: each a value against its limit, met or not.
import { DEFAULT_CONCURRENCY } from '../src/asc/index.js';
import { withSummary, type Bound } from './bounds.js';
import type { RunFigures } from './measure.js';

export interface Target {
  name: string;
  value: number | null;
  limit: number;
  /** `at most` the limit, or strictly `under` it. */
  kind: 'at most' | 'under';
  unit: string;
  met: boolean;
}

export function target(
  name: string,
  value: number | null,
  kind: Target['kind'],
  limit: number,
  unit = '',
): Target {
  const met = value !== null && (kind === 'under' ? value < limit : value <= limit);
  return { name, value, limit, kind, unit, met };
}

/** Every run: it succeeded, and never had more requests in flight than the client's limit. */
export function everyRun(figures: RunFigures): Target[] {
  return [
    target('exit code', figures.exitCode, 'at most', 0),
    target('requests in flight', figures.maxInFlight, 'at most', DEFAULT_CONCURRENCY),
  ];
}

/**
 * S1: requests within 10 % of the bound, round trips within one, wall time within twice the bound's: for the
 * whole run with the summary's Testers section counted in its bound (bounds.ts, SummaryBound), and for the
 * run's own requests against the bound without it (the figures the issue was written against).
 */
export function firstDistributionTargets(
  figures: RunFigures,
  bound: Bound,
  latencyMs: number,
  startUpMs: number,
): Target[] {
  const total = withSummary(bound);
  return [
    target('requests', figures.requests, 'at most', round1(1.1 * total.requests)),
    target('round trips', figures.roundTrips, 'at most', total.roundTrips + 1),
    target(
      'wall time',
      figures.wallMs,
      'at most',
      Math.round(2 * total.roundTrips * latencyMs + startUpMs),
      'ms',
    ),
    target('run requests', figures.run.requests, 'at most', round1(1.1 * bound.requests)),
    target('run round trips', figures.run.roundTrips, 'at most', bound.roundTrips + 1),
  ];
}

/**
 * S2: no changing request; the run's own reads and round trips no more than the bound, and the Testers
 * section's reads no more than theirs, in the round trips they add.
 */
export function unchangedRerunTargets(figures: RunFigures, bound: Bound): Target[] {
  return [
    target('changing requests', figures.changing, 'at most', 0),
    target('run requests', figures.run.requests, 'at most', bound.requests),
    target('run round trips', figures.run.roundTrips, 'at most', bound.roundTrips),
    target('summary reads', figures.summaryReads, 'at most', bound.summary.reads),
    target('round trips', figures.roundTrips, 'at most', withSummary(bound).roundTrips),
  ];
}

/** S3's re-run: no change, within 20 % of the bound's requests, under 150 MB, wall time within twice the bound's. */
export function largeRerunTargets(figures: RunFigures, bound: Bound, latencyMs: number): Target[] {
  const total = withSummary(bound);
  return [
    target('changing requests', figures.changing, 'at most', 0),
    target('requests', figures.requests, 'at most', round1(1.2 * total.requests)),
    target('peak RSS', figures.peakRssMiB, 'under', 150, 'MiB'),
    target('wall time', figures.wallMs, 'at most', 2 * total.roundTrips * latencyMs, 'ms'),
  ];
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** `12 ≤ 31.9`, `180 ms > 150 ms (by 30 ms)`. */
export function describeTarget(t: Target): string {
  const unit = t.unit ? ` ${t.unit}` : '';
  if (t.value === null) return `${t.name}: not measured (${t.kind} ${t.limit}${unit})`;
  const value = Number.isInteger(t.value) ? String(t.value) : t.value.toFixed(1);
  if (t.met)
    return `${t.name}: ${value}${unit} ${t.kind === 'under' ? '<' : '≤'} ${t.limit}${unit}`;
  const over = t.value - t.limit;
  const by = Number.isInteger(over) ? String(over) : over.toFixed(1);
  return `${t.name}: ${value}${unit}, ${t.kind} ${t.limit}${unit} wanted (over by ${by}${unit})`;
}
