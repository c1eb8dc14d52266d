// The job summary of an `export-config` run: what was written where, how many groups and testers, and how to
// adopt it. Sections as in summary.ts; it changed nothing in App Store Connect.
import type { TestFlightSnapshot } from '../reconcile/index.js';
import { renderSummary, sentence, type SummaryDocument } from './summary-document.js';
import type { SummaryWriter } from './summary.js';
import { count, summaryTitle } from './summary-parts.js';

export interface ExportReport {
  snapshot: TestFlightSnapshot;
  /** The config file as the `export-config` input names it, then the testers' CSV files beside it. */
  files: string[];
  groups: number;
  /** Distinct testers, and their (tester, group) memberships. */
  testers: number;
  memberships: number;
  /** Members left out because they joined through a public link. */
  publicLinkTesters: number;
}

function exportSummary(report: ExportReport): SummaryDocument {
  const [configFile, ...csvFiles] = report.files;
  const rows = report.snapshot.groups.map(({ group, testers }) => [
    group.name,
    group.isInternal ? 'internal' : 'external',
    String(testers.filter((t) => t.inviteType !== 'PUBLIC_LINK').length),
  ]);
  const left =
    report.publicLinkTesters > 0
      ? ` ${count(report.publicLinkTesters, 'tester who joined', 'testers who joined')} through a public link ${report.publicLinkTesters === 1 ? 'is' : 'are'} left out, so that applying the file never invites them by email.`
      : '';
  return {
    title: summaryTitle('exported', report.snapshot.app, null),
    sections: [
      {
        blocks: [
          {
            paragraph: sentence(
              `Wrote ${count(report.groups, 'group')} and ${count(report.testers, 'tester')} (${count(report.memberships, 'group membership')}) to \`${configFile}\`${csvFiles.length > 0 ? ` (testers past 50 per group in ${csvFiles.map((f) => `\`${f}\``).join(', ')})` : ''}; nothing in App Store Connect was changed.${left}`,
            ),
          },
          { table: { head: ['Group', 'Type', 'Testers'], rows } },
          {
            paragraph: sentence(
              `Next: commit the files and set \`config: ${configFile}\` in place of \`export-config\`; applying it right after plans no change. The demo account is not in the file: keep it in the \`demo-account\` input.`,
            ),
          },
        ],
      },
    ],
  };
}

export function writeExportSummary(report: ExportReport, summary: SummaryWriter): void {
  summary.addRaw(renderSummary(exportSummary(report)));
}
