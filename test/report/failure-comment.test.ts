// The plan comment of a failed run: the title names what the run had read, the sentence keeps its input names as
// code spans and everything else as text (a group name cannot become Markdown), and the run is linked when known.
import { describe, expect, it } from 'vitest';
import type { ReconcileProgress } from '../../src/reconcile/index.js';
import { failureComment } from '../../src/report/failure-comment.js';
import { buildInfo } from '../helpers/factories.js';

const progress: ReconcileProgress = {
  dryRun: true,
  app: { id: 'app1', bundleId: 'com.example.app', name: 'Example' },
  build: buildInfo(),
  groups: [],
  done: [],
  warnings: [],
};

describe('failureComment', () => {
  it('says the plan could not be made, in the step sentence, with a link to the run', () => {
    const text = failureComment(
      {
        message: 'Beta group "*QA* | <b>" does not exist: fix the names in `groups`.',
        changes: 0,
        progress,
      },
      'https://github.com/octo/app/actions/runs/1',
    );
    expect(text).toBe(
      [
        '## ❌ TestFlight: Example build 42 (1.2.0) — plan failed',
        '**The plan could not be made**: this run failed, and changed nothing in TestFlight.',
        'Beta group "\\*QA\\* \\| &lt;b&gt;" does not exist: fix the names in `groups`.',
        "[This run's job summary](<https://github.com/octo/app/actions/runs/1>) shows what it read. Fix the cause, then push again or re-run the job: this comment then shows the plan.",
      ].join('\n\n') + '\n',
    );
  });

  it('has no app in the title before anything was read, and counts changes made', () => {
    const text = failureComment({ message: 'Refused.', changes: 2, progress: null }, null);
    expect(text).toMatch(/^## ❌ TestFlight — plan failed\n/);
    expect(text).toContain(': this run failed after 2 changes in TestFlight.');
    expect(text).toContain("\n\nThis run's job summary shows what it read.");
  });
});
