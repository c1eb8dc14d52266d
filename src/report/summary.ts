// The job summary of a run that finished: a list of sections, each a function from the result to a section
// (or null to leave it out), rendered once. A new section is a function added to RESULT_SECTIONS; a new
// column of the groups table is an entry added to GROUP_COLUMNS.
import type { GroupOutcome, ReconcileResult } from '../reconcile/index.js';
import {
  renderSummary,
  sentence,
  type Inline,
  type SummaryDocument,
  type SummarySection,
} from './summary-document.js';
import {
  buildTable,
  count,
  emailList,
  groupLinks,
  operationsTable,
  summaryTitle,
  type SummaryStatus,
} from './summary-parts.js';
import { expirySection } from './summary-expiry.js';
import { recruitmentSection } from './summary-recruitment.js';
import { testInformationSection } from './summary-test-information.js';

/** The subset of @actions/core's Summary this module writes to, so tests can pass the real one. */
export interface SummaryWriter {
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
}

export type ResultSection = (result: ReconcileResult) => SummarySection | null;

export interface GroupColumn {
  head: string;
  cell: (group: GroupOutcome, result: ReconcileResult) => Inline;
}

function status(result: ReconcileResult): SummaryStatus {
  if (result.dryRun) return 'dry run';
  return result.plan.length === 0 ? 'nothing to change' : 'applied';
}

/** The opening line: what the run did, counted. */
const verdict: ResultSection = (result) => {
  // The plan says whether anything differed; `changes` counts calls that took effect (a planned call
  // answered "already so" counts none).
  const text =
    result.plan.length === 0
      ? 'Nothing to change: TestFlight already matches the workflow.'
      : result.dryRun
        ? `Dry run: ${count(result.changes, 'change')} planned, none made.`
        : `${count(result.changes, 'change')} made.`;
  return { blocks: [{ paragraph: text }] };
};

const buildSection: ResultSection = (result) =>
  result.build
    ? {
        blocks: [
          buildTable(result.build, { set: result.exportComplianceSet, dryRun: result.dryRun }),
        ],
      }
    : null;

function buildCell(group: GroupOutcome, dryRun: boolean): string {
  switch (group.build) {
    case 'added':
      return dryRun ? 'would be added' : 'added';
    case 'already':
      return 'already there';
    case 'all-builds':
      return 'gets every build';
    case 'excluded':
      return 'not given this build';
    case 'none':
      return '—';
  }
}

function groupNote(group: GroupOutcome, dryRun: boolean): string {
  if (group.created) return dryRun ? ' (to create)' : ' (created)';
  if (group.deleted) return dryRun ? ' (to delete)' : ' (deleted)';
  return '';
}

export const GROUP_COLUMNS: readonly GroupColumn[] = [
  {
    head: 'Group',
    cell: (group, result) => group.name + groupNote(group, result.dryRun),
  },
  { head: 'Type', cell: (group) => group.type },
  { head: 'Build', cell: (group, result) => buildCell(group, result.dryRun) },
  { head: 'Testers added', cell: (group) => emailList(group.testersAdded) },
  { head: 'Removed', cell: (group) => emailList(group.testersRemoved) },
  { head: 'Unchanged', cell: (group) => String(group.testersUnchanged) },
  {
    head: 'Links',
    // A group this run deleted has no page left to link to.
    cell: (group, result) =>
      groupLinks(
        result.app.id,
        group.deleted && !result.dryRun ? null : group.id,
        group.publicLink,
      ),
  },
];

const groupsSection: ResultSection = (result) => ({
  blocks: [
    {
      table: {
        head: GROUP_COLUMNS.map((column) => column.head),
        rows: result.groups.map((group) => GROUP_COLUMNS.map((c) => c.cell(group, result))),
      },
    },
  ],
});

const submittedNow = (result: ReconcileResult): boolean =>
  !result.dryRun && result.plan.some((op) => op.op === 'submit-for-review');

function reviewWords(result: ReconcileResult): string {
  switch (result.reviewState) {
    case 'would-submit':
      return 'would be submitted';
    case 'not-needed':
      return result.build
        ? 'not needed (no external group gets this build)'
        : 'not needed (no build in this run)';
    case 'skipped':
      return 'skipped';
    default:
      return result.reviewState;
  }
}

const reviewSection: ResultSection = (result) => {
  const review: Inline[] = ['Beta App Review: ', { strong: reviewWords(result) }];
  if (submittedNow(result)) review.push(' (submitted by this run)');
  const whatToTest = {
    set: result.dryRun ? 'would be set' : 'set',
    already: 'already up to date',
    none: 'not given',
  }[result.whatToTest];
  const items: Inline[] = [review, `What to Test: ${whatToTest}`];
  if (result.notified)
    items.push(result.dryRun ? 'Testers would be notified.' : 'Testers notified.');
  return { blocks: [{ list: items }] };
};

const changesSection: ResultSection = (result) =>
  result.plan.length === 0
    ? null
    : {
        heading: result.dryRun ? 'Planned changes' : 'Changes',
        blocks: operationsTable(result.plan),
      };

const warningsSection: ResultSection = (result) =>
  result.warnings.length === 0
    ? null
    : { heading: 'Warnings', blocks: [{ list: result.warnings.map(sentence) }] };

/** What the release engineer does next, or what happens next without them. */
const nextSection: ResultSection = (result) => {
  if (result.dryRun) {
    if (result.plan.length === 0) return null;
    const apply: Inline = [
      'Apply with ',
      { code: 'dry-run: false' },
      `: the real run makes the ${count(result.changes, 'change')} above.`,
    ];
    return { heading: 'Next', blocks: [{ paragraph: apply }] };
  }
  const kept = result.groups.filter((g) => !g.deleted && g.build !== 'excluded');
  const external = kept.filter((g) => g.type === 'external').map((g) => g.name);
  const internal = kept.filter((g) => g.type === 'internal').map((g) => g.name);
  const waiting = result.reviewState === 'WAITING_FOR_REVIEW' || result.reviewState === 'IN_REVIEW';
  const build = result.build;
  if (!build || !waiting || external.length === 0) return null;
  const number = `${build.number}${build.marketingVersion ? ` (${build.marketingVersion})` : ''}`;
  const review = submittedNow(result)
    ? `Beta App Review now has build ${number}`
    : `Build ${number} is still in Beta App Review`;
  // With automatic notification off, an approved build waits for someone to notify its testers.
  const silent = build.betaDetail?.autoNotifyEnabled === false && !result.notified;
  const then = silent
    ? 'once Apple approves it and someone notifies them (automatic notification is off for this build).'
    : 'once Apple approves it, with no further run needed.';
  const lines = [`${review}: the testers of ${external.join(', ')} get it ${then}`];
  if (internal.length > 0) lines.push(`${internal.join(', ')} can test it now.`);
  return { heading: 'What happens next', blocks: [{ paragraph: lines.join(' ') }] };
};

/** The sections in the order the summary shows them. */
export const RESULT_SECTIONS: readonly ResultSection[] = [
  verdict,
  buildSection,
  groupsSection,
  recruitmentSection,
  reviewSection,
  testInformationSection,
  expirySection,
  changesSection,
  warningsSection,
  nextSection,
];

export function resultSummary(
  result: ReconcileResult,
  sections: readonly ResultSection[] = RESULT_SECTIONS,
): SummaryDocument {
  return {
    title: summaryTitle(status(result), result.app, result.build),
    sections: sections.flatMap((section) => section(result) ?? []),
  };
}

export function writeSummary(result: ReconcileResult, summary: SummaryWriter): void {
  summary.addRaw(renderSummary(resultSummary(result)));
}
