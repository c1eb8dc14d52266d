// fail-on-drift: a dry run that would change something means TestFlight was edited by hand (or the
// declaration changed without a run), and a scheduled check fails on it with one sentence.
import type { ReconcileResult } from '../reconcile/index.js';

/** The sentence that fails a drift check, or null when the run is not one or found nothing to change. */
export function driftFailure(result: ReconcileResult, declaredIn: string): string | null {
  if (!result.dryRun || result.plan.length === 0) return null;
  // Counted as the `changes` output counts them: the changing requests the real run would send.
  const count = result.changes;
  return `TestFlight differs from ${declaredIn}: ${count} change${count === 1 ? '' : 's'} would be made; see the summary.`;
}
