// The job summary of a run that failed: the sentence, what was changed before it, and the build and groups as
// the run read them, so it still answers "what state is TestFlight in now". Sections as in summary.ts.
import type { GroupAsRead, ReconcileProgress } from '../reconcile/index.js';
import {
  renderSummary,
  sentence,
  type Inline,
  type SummaryDocument,
  type SummarySection,
} from './summary-document.js';
import type { SummaryWriter } from './summary.js';
import { buildTable, count, groupLinks, operationsTable, summaryTitle } from './summary-parts.js';

export interface FailureReport {
  /** The step's failure sentence. */
  message: string;
  /** Changing API calls that took effect before the failure. */
  changes: number;
  /** What the reconcile had read and done; null when it never started (bad input, an unusable key). */
  progress: ReconcileProgress | null;
}

export type FailureSection = (failure: FailureReport) => SummarySection | null;

const sentenceSection: FailureSection = (failure) => ({
  blocks: [{ paragraph: sentence(failure.message) }],
});

const changesMade: FailureSection = ({ changes, progress }) => {
  const done = progress?.done ?? [];
  if (changes === 0 && done.length === 0)
    return { blocks: [{ paragraph: 'Nothing was changed.' }] };
  return {
    heading: 'Changes made before the failure',
    blocks: [
      {
        paragraph: `${count(changes, 'change was', 'changes were')} made before the failure; a re-run plans only what is left.`,
      },
      ...(done.length > 0 ? operationsTable(done) : []),
    ],
  };
};

const buildAsRead: FailureSection = ({ progress }) =>
  progress?.build
    ? {
        heading: 'Build as read',
        blocks: [buildTable(progress.build, { set: null, dryRun: progress.dryRun })],
      }
    : null;

const BUILD_AS_READ: Record<NonNullable<GroupAsRead['build']>, string> = {
  in: 'in the group',
  missing: 'not in the group',
  'all-builds': 'gets every build',
};

const groupsAsRead: FailureSection = ({ progress }) => {
  if (!progress?.app || progress.groups.length === 0) return null;
  const appId = progress.app.id;
  const rows = progress.groups.map((group): Inline[] => [
    group.id ? group.name : `${group.name} (did not exist)`,
    group.type,
    group.build ? BUILD_AS_READ[group.build] : '—',
    group.members === null ? '—' : String(group.members),
    groupLinks(appId, group.id, group.publicLink),
  ]);
  return {
    heading: 'Groups as read',
    blocks: [{ table: { head: ['Group', 'Type', 'Build', 'Testers', 'Links'], rows } }],
  };
};

const warningsSection: FailureSection = ({ progress }) =>
  progress && progress.warnings.length > 0
    ? { heading: 'Warnings', blocks: [{ list: progress.warnings.map(sentence) }] }
    : null;

const nextSection: FailureSection = ({ changes }) => ({
  heading: 'Next',
  blocks: [
    {
      paragraph:
        changes > 0
          ? 'Fix the cause named above, then re-run the job: it plans only what is left.'
          : 'Fix the cause named above, then re-run the job.',
    },
  ],
});

/** The sections in the order the failure summary shows them. */
export const FAILURE_SECTIONS: readonly FailureSection[] = [
  sentenceSection,
  changesMade,
  buildAsRead,
  groupsAsRead,
  warningsSection,
  nextSection,
];

export function failureSummary(
  failure: FailureReport,
  sections: readonly FailureSection[] = FAILURE_SECTIONS,
): SummaryDocument {
  const { progress } = failure;
  return {
    title: summaryTitle('failed', progress?.app ?? null, progress?.build ?? null),
    sections: sections.flatMap((section) => section(failure) ?? []),
  };
}

export function writeFailureSummary(failure: FailureReport, summary: SummaryWriter): void {
  summary.addRaw(renderSummary(failureSummary(failure)));
}
