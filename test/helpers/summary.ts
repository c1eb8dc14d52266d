// The job summary's HTML for a result, written through @actions/core's real Summary.
import * as core from '@actions/core';
import type { ReconcileResult } from '../../src/reconcile/index.js';
import { writeSummary } from '../../src/report/summary.js';

export function summaryOf(reconciled: ReconcileResult): string {
  core.summary.emptyBuffer();
  writeSummary(reconciled, core.summary);
  const html = core.summary.stringify();
  core.summary.emptyBuffer();
  return html;
}
