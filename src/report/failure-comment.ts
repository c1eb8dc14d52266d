// The plan comment of a pull request whose run failed: the comment of an earlier push would go on showing a plan
// the declaration no longer makes, so it says instead that no plan could be made, with the step's own failure
// sentence and a link to the run, whose job summary has what was read. Markdown as the plan comment's.
import type { ReconcileProgress } from '../reconcile/index.js';
import { sentence, type Inline, type SummaryDocument } from './summary-document.js';
import { renderMarkdown } from './summary-markdown.js';
import { count, summaryTitle } from './summary-parts.js';

export interface FailedPlan {
  /** The step's failure sentence, exactly as the step fails with it. */
  message: string;
  /** Changing API calls that took effect before the failure (a pull request's run is a dry run: 0). */
  changes: number;
  /** What the reconcile had read; null when it never started. */
  progress: ReconcileProgress | null;
}

function opening(changes: number): Inline {
  return [
    { strong: 'The plan could not be made' },
    changes === 0
      ? ': this run failed, and changed nothing in TestFlight.'
      : `: this run failed after ${count(changes, 'change')} in TestFlight.`,
  ];
}

function where(runUrl: string | null): Inline {
  const summary: Inline = runUrl
    ? { link: "This run's job summary", href: runUrl }
    : "This run's job summary";
  return [
    summary,
    ' shows what it read. Fix the cause, then push again or re-run the job: this comment then shows the plan.',
  ];
}

/** The comment's Markdown; `runUrl`, the run's page, is where its job summary is read. */
export function failureComment(failed: FailedPlan, runUrl: string | null): string {
  const { progress } = failed;
  const document: SummaryDocument = {
    title: summaryTitle('failed', progress?.app ?? null, progress?.build ?? null).replace(
      ' — failed',
      ' — plan failed',
    ),
    sections: [
      {
        blocks: [
          { paragraph: opening(failed.changes) },
          { paragraph: sentence(failed.message) },
          { paragraph: where(runUrl) },
        ],
      },
    ],
  };
  return renderMarkdown(document);
}
