// The job summary's HTML for a result, written through @actions/core's real Summary; it must be valid HTML.
import * as core from '@actions/core';
import { expect } from 'vitest';
import type { ReconcileResult } from '../../src/reconcile/index.js';
import { writeSummary } from '../../src/report/summary.js';
import { htmlProblems } from './html.js';

export function summaryOf(reconciled: ReconcileResult): string {
  core.summary.emptyBuffer();
  writeSummary(reconciled, core.summary);
  const html = core.summary.stringify();
  core.summary.emptyBuffer();
  expect(htmlProblems(html)).toEqual([]);
  return html;
}
