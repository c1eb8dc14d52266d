// The plan as a pull request comment: the summary's build, groups, planned changes and warnings, from the same
// sections, rendered as Markdown; "No changes" when the plan is empty. GitHub refuses a comment over 65,536
// characters, so a plan too long for one is named, with a link to the run, whose summary holds it all.
import type { ReconcileResult } from '../reconcile/index.js';
import { renderMarkdown } from './summary-markdown.js';
import { count, summaryTitle } from './summary-parts.js';
import type { Inline, SummaryDocument } from './summary-document.js';
import { PLAN_SECTIONS } from './summary.js';

/** Below GitHub's 65,536, leaving room for the marker src/github adds. */
const COMMENT_MAX = 60_000;

function opening(result: ReconcileResult): Inline {
  if (result.plan.length === 0) {
    return [{ strong: 'No changes' }, ': TestFlight already matches this declaration.'];
  }
  return [
    { strong: `${count(result.changes, 'change')} planned` },
    ': a real run makes them; this dry run made none.',
  ];
}

function document(result: ReconcileResult, sections: SummaryDocument['sections']): SummaryDocument {
  return {
    title: summaryTitle('dry run', result.app, result.build).replace(' — dry run', ' — plan'),
    sections: [{ blocks: [{ paragraph: opening(result) }] }, ...sections],
  };
}

/** The comment's Markdown; `runUrl`, the run's page, is where a plan too long for a comment is read. */
export function planComment(result: ReconcileResult, runUrl: string | null): string {
  const full = renderMarkdown(
    document(
      result,
      PLAN_SECTIONS.flatMap((section) => section(result) ?? []),
    ),
  );
  if (full.length <= COMMENT_MAX) return full;
  const where: Inline = runUrl
    ? [
        'The plan is too long for a comment: ',
        { link: "the run's job summary", href: runUrl },
        ' shows it all.',
      ]
    : "The plan is too long for a comment: the run's job summary shows it all.";
  return renderMarkdown(document(result, [{ blocks: [{ paragraph: where }] }]));
}
