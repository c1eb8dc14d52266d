// The summary's Test Information section: each field the run declares or Beta App Review needs, its value
// (shortened; the demo account only as "demo account (hidden)") and whether this run set it.
import type { ReconcileResult } from '../reconcile/index.js';
import type { SummarySection } from './summary-document.js';

const SHOWN_CHARACTERS = 80;

export function testInformationSection(result: ReconcileResult): SummarySection | null {
  if (result.testInformation.length === 0) return null;
  const rows = result.testInformation.map((f) => [
    f.field,
    f.value === null ? { strong: 'not set' } : shorten(f.value),
    f.changed ? (result.dryRun ? 'would set' : 'set') : f.value === null ? 'missing' : 'unchanged',
  ]);
  return {
    heading: 'Test Information',
    blocks: [{ table: { head: ['Field', 'Value', 'This run'], rows } }],
  };
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length > SHOWN_CHARACTERS
    ? `${chars.slice(0, SHOWN_CHARACTERS - 1).join('')}…`
    : oneLine;
}
