// The summary's Test Information section: each field the run declares or Beta App Review needs, its value
// (shortened; the demo account only as "demo account (hidden)") and whether this run set it.
import type { ReconcileResult } from '../reconcile/index.js';
import { escapeHtml, header, type SummaryWriter } from './summary-markup.js';

const SHOWN_CHARACTERS = 80;

export function writeTestInformationSection(result: ReconcileResult, summary: SummaryWriter): void {
  if (result.testInformation.length === 0) return;
  summary.addHeading('Test Information', 3);
  summary.addTable([
    header('Field', 'Value', 'This run'),
    ...result.testInformation.map((f) => [
      escapeHtml(f.field),
      f.value === null ? '<i>not set</i>' : escapeHtml(shorten(f.value)),
      f.changed
        ? result.dryRun
          ? 'would set'
          : 'set'
        : f.value === null
          ? 'missing'
          : 'unchanged',
    ]),
  ]);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length > SHOWN_CHARACTERS
    ? `${chars.slice(0, SHOWN_CHARACTERS - 1).join('')}…`
    : oneLine;
}
