// The reads after the run, sent side by side in one round trip: the build's beta state once it changed,
// Apple's compatible-build check of the groups with recruitment criteria, and (when a summary is written)
// each declared group's metrics. None needs another's answer, and each needs only what the run already knows.
import type { AscApi } from '../asc/index.js';
import { readGroupMetrics } from './metrics.js';
import { checkRecruitment, groupsToCheck } from './recruitment-check.js';
import type { ReconcileResult } from './result.js';

export interface AfterRunReads {
  /** The build to read again: its beta state moves when it joins groups or review. */
  buildId: string | null;
  /** Read the summary's metrics too. */
  metrics: boolean;
}

export interface AfterRunDeps {
  warn: (line: string) => void;
  phase: <T>(name: string, run: () => Promise<T>) => Promise<T>;
}

const RECRUITMENT_PHASE = 'Checking recruitment criteria';

export async function readAfterRun(
  result: ReconcileResult,
  reads: AfterRunReads,
  api: AscApi,
  deps: AfterRunDeps,
): Promise<ReconcileResult> {
  // The metrics' one warning waits for the others, so it never lands inside the recruitment phase's fold.
  const metricWarnings: string[] = [];
  const [build, checked, metrics] = await Promise.all([
    reads.buildId ? api.getBuild(reads.buildId) : result.build,
    groupsToCheck(result).length > 0
      ? deps.phase(RECRUITMENT_PHASE, () => checkRecruitment(result, api, deps.warn))
      : result,
    reads.metrics
      ? readGroupMetrics(api, result.groups, (line) => metricWarnings.push(line))
      : undefined,
  ]);
  for (const line of metricWarnings) deps.warn(line);
  return { ...checked, build, ...(metrics ? { metrics } : {}) };
}
