// One run of the bundled action against the fake, as a GitHub runner starts it (test/e2e/run-action.ts), and
// what it cost: read from the fake's request log and from the action's own process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction } from '../test/e2e/run-action.js';
import type { FakeAsc, RequestLogEntry } from '../test/fake-asc/types.js';
import { criticalPath, maxInFlight, requestsByMethod } from './request-log-metrics.js';
import type { ActionCall } from './worlds.js';

const PROCESS_PROBE = fileURLToPath(new URL('./process-probe.cjs', import.meta.url));

export interface RunFigures {
  exitCode: number | null;
  /** The action's `changes` output. */
  changesOutput: string | undefined;
  byMethod: Record<string, number>;
  requests: number;
  /** POST, PATCH and DELETE requests sent, whatever the answer (a refused one was still sent). */
  changing: number;
  answered429: number;
  roundTrips: number;
  /** Of the requests, the summary's Testers section's reads (isSummaryRead). */
  summaryReads: number;
  /** The run's own figures: the log without the Testers section's reads. */
  run: { requests: number; roundTrips: number };
  maxInFlight: number;
  wallMs: number;
  /** From spawning the process to the first request reaching the fake. */
  startUpMs: number | null;
  /** The process's own view of its first request: ms since it started, and CPU ms it had spent by then. */
  firstRequest: { sinceStartMs: number; cpuMs: number } | null;
  peakRssMiB: number | null;
  /** The error annotations of a failed run, for the report. */
  errors: string[];
  /** Each request, ms after the spawn: what the folding work reads to see which requests wait for which. */
  log: LoggedRequest[];
}

interface LoggedRequest {
  request: string;
  status: number;
  fromMs: number;
  toMs: number | null;
}

export interface MeasureOptions {
  /** The bundle to run; this checkout's dist/index.js by default. */
  entry?: string;
  timeoutMs: number;
}

export async function measureRun(
  fake: FakeAsc,
  call: ActionCall,
  options: MeasureOptions,
): Promise<RunFigures> {
  const scratch = mkdtempSync(join(tmpdir(), 'tfbg-bench-'));
  const probeFile = join(scratch, 'process-probe.json');
  const before = fake.requests.length;
  try {
    const run = await runAction(call.inputs, {
      ...(call.files ? { files: call.files } : {}),
      ...(options.entry ? { entry: options.entry } : {}),
      nodeArgs: ['--require', PROCESS_PROBE],
      env: { BENCH_PROBE_FILE: probeFile },
      timeoutMs: options.timeoutMs,
    });
    const log = fake.requests.slice(before);
    const own = log.filter((r) => !isSummaryRead(r));
    const probe = readProbe(probeFile);
    return {
      exitCode: run.code,
      changesOutput: run.outputs.changes,
      byMethod: requestsByMethod(log),
      requests: log.length,
      changing: log.filter((r) => r.method !== 'GET').length,
      answered429: log.filter((r) => r.status === 429).length,
      roundTrips: criticalPath(log),
      summaryReads: log.length - own.length,
      run: { requests: own.length, roundTrips: criticalPath(own) },
      maxInFlight: maxInFlight(log),
      wallMs: run.closedAt - run.spawnedAt,
      startUpMs: log.length > 0 ? Math.min(...log.map((r) => r.receivedAt)) - run.spawnedAt : null,
      firstRequest: probe.firstRequest,
      peakRssMiB: probe.peakRssKb === null ? null : probe.peakRssKb / 1024,
      errors: run.stdout.split('\n').filter((line) => line.startsWith('::error')),
      log: log.map((r) => ({
        request: describeRequest(r),
        status: r.status,
        fromMs: Math.round(r.receivedAt - run.spawnedAt),
        toMs: r.answeredAt === undefined ? null : Math.round(r.answeredAt - run.spawnedAt),
      })),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A read only the job summary's Testers section makes (src/asc/endpoints/metrics.ts): a group's metrics, or the
 * first page of its members with their states alone.
 */
export function isSummaryRead(r: Pick<RequestLogEntry, 'method' | 'path' | 'query'>): boolean {
  if (r.method !== 'GET') return false;
  if (/^\/v1\/betaGroups\/[^/]+\/metrics\//.test(r.path)) return true;
  return (
    /^\/v1\/betaGroups\/[^/]+\/betaTesters$/.test(r.path) &&
    r.query['fields[betaTesters]'] === 'email,state'
  );
}

/** `GET /v1/betaGroups?filter[app]={id}&limit=200`; a filter of many values shows their count: `filter[email]=(50)`. */
function describeRequest(r: RequestLogEntry): string {
  const parts = r.path.split('/');
  if (parts.length > 3) parts[3] = '{id}';
  const query = Object.entries(r.query)
    .filter(([name]) => name !== 'cursor')
    .map(([name, value]) => {
      const count = value.split(',').length;
      const shown = count > 1 && name.startsWith('filter[') ? `(${count})` : value;
      return `${name}=${/^(\d{6,}|[0-9a-f-]{32,})$/.test(shown) ? '{id}' : shown}`;
    });
  const page = r.query.cursor === undefined ? '' : ' (next page)';
  return `${r.method} ${parts.join('/')}${query.length > 0 ? `?${query.join('&')}` : ''}${page}`;
}

interface Probe {
  peakRssKb: number | null;
  firstRequest: { sinceStartMs: number; cpuMs: number } | null;
}

/** What bench/process-probe.cjs wrote as the process exited; nothing when it did not get that far. */
function readProbe(file: string): Probe {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Probe;
  } catch {
    return { peakRssKb: null, firstRequest: null };
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
