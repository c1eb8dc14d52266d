// The job summary: built as data from the reconcile result, rendered once through core.summary.
import type { GroupOutcome, ReconcileResult } from '../reconcile/index.js';
import { describeBuildState } from './outputs.js';
import { writeExpirySection } from './summary-expiry.js';
import { escapeHtml, header, type Cell, type SummaryWriter } from './summary-markup.js';
import { writeTestInformationSection } from './summary-test-information.js';

export type { SummaryWriter } from './summary-markup.js';

function buildCell(group: GroupOutcome, dryRun: boolean): string {
  switch (group.build) {
    case 'added':
      return dryRun ? 'would be added' : 'added';
    case 'already':
      return 'already there';
    case 'all-builds':
      return 'gets every build';
    case 'none':
      return '—';
  }
}

function testerCell(emails: string[]): string {
  if (emails.length === 0) return '0';
  const shown = emails.slice(0, 5).map(escapeHtml).join(', ');
  return emails.length > 5 ? `${emails.length} (${shown}, …)` : `${emails.length} (${shown})`;
}

function groupRows(result: ReconcileResult): Cell[][] {
  return result.groups.map((group) => [
    escapeHtml(group.name) + (group.created ? (result.dryRun ? ' (to create)' : ' (created)') : ''),
    group.type,
    buildCell(group, result.dryRun),
    testerCell(group.testersAdded),
    testerCell(group.testersRemoved),
    String(group.testersUnchanged),
    group.publicLink
      ? `<a href="${escapeHtml(group.publicLink)}">${escapeHtml(group.publicLink)}</a>`
      : '—',
  ]);
}

function title(result: ReconcileResult): string {
  const app = escapeHtml(result.app.name || result.app.bundleId || result.app.id);
  const build = result.build
    ? ` build ${escapeHtml(result.build.number)}` +
      (result.build.marketingVersion ? ` (${escapeHtml(result.build.marketingVersion)})` : '')
    : '';
  return `TestFlight: ${app}${build}${result.dryRun ? ' — dry run' : ''}`;
}

export function writeSummary(result: ReconcileResult, summary: SummaryWriter): void {
  summary.addHeading(title(result), 2);
  // The plan says whether anything differed; `changes` counts calls that took effect (a planned call
  // answered "already so" counts none).
  const verdict =
    result.plan.length === 0
      ? 'Nothing to change: TestFlight already matches the workflow.'
      : result.dryRun
        ? `Dry run: ${result.changes} change(s) planned, none made.`
        : `${result.changes} change(s) made.`;
  summary.addRaw(`<p>${verdict}</p>`, true);

  if (result.build) {
    const b = result.build;
    summary.addTable([
      header('Build', 'Version', 'Platform', 'State', 'Export compliance'),
      [
        escapeHtml(b.number),
        escapeHtml(b.marketingVersion ?? '—'),
        b.platform ?? '—',
        describeBuildState(b),
        b.usesNonExemptEncryption === null
          ? 'not set'
          : `uses non-exempt encryption: ${b.usesNonExemptEncryption}`,
      ],
    ]);
  }

  summary.addTable([
    header('Group', 'Type', 'Build', 'Testers added', 'Removed', 'Unchanged', 'Public link'),
    ...groupRows(result),
  ]);

  const review: Record<string, string> = {
    'not-needed': result.build
      ? 'not needed (no external group gets this build)'
      : 'not needed (no build in this run)',
    skipped: 'skipped',
  };
  const lines = [
    `Beta App Review: <b>${review[result.reviewState] ?? result.reviewState}</b>`,
    `What to Test: ${result.whatToTest === 'set' ? (result.dryRun ? 'would be set' : 'set') : result.whatToTest === 'already' ? 'already up to date' : 'not given'}`,
  ];
  if (result.notified)
    lines.push(result.dryRun ? 'Testers would be notified.' : 'Testers notified.');
  summary.addList(lines);
  writeTestInformationSection(result, summary);
  writeExpirySection(result, summary);

  if (result.plan.length > 0) {
    summary.addHeading(result.dryRun ? 'Planned changes' : 'Changes', 3);
    summary.addTable([
      header('Operation', 'Target', 'Detail'),
      ...result.plan.map((op) => [op.op, escapeHtml(op.target), escapeHtml(op.detail)]),
    ]);
  }
  if (result.warnings.length > 0) {
    summary.addHeading('Warnings', 3);
    summary.addList(result.warnings.map(escapeHtml));
  }
}

export function writeFailureSummary(
  message: string,
  changes: number,
  summary: SummaryWriter,
): void {
  summary.addHeading('TestFlight: failed', 2);
  summary.addRaw(`<p>${escapeHtml(message)}</p>`, true);
  summary.addRaw(
    `<p>${changes === 0 ? 'Nothing was changed.' : `${changes} change(s) were made before the failure; a re-run plans only what is left.`}</p>`,
    true,
  );
}
