// The plan comment's Markdown: the summary's build, groups and planned changes as Markdown tables, escaped so
// that names and emails stay text; "No changes" for an empty plan; a plan too long for GitHub named instead.
import { describe, expect, it } from 'vitest';
import type { PlannedOperation } from '../../src/reconcile/index.js';
import { planComment } from '../../src/report/plan-comment.js';
import { renderMarkdown } from '../../src/report/summary-markdown.js';
import { reconcileResult } from '../helpers/factories.js';

const op = (target: string): PlannedOperation => ({
  op: 'add-testers',
  target,
  detail: `add testers to ${target}`,
  change: 'x',
  testers: ['a@example.com'],
});

describe('planComment', () => {
  it('shows the planned changes and the groups as Markdown tables', () => {
    const text = planComment(
      reconcileResult({ dryRun: true, changes: 1, plan: [op('Beta | *new*')] }),
      null,
    );
    expect(text).toMatch(
      /^## 📝 TestFlight: Example build 42 \(1\.2\.0\) — plan\n\n\*\*1 change planned\*\*: a real run makes them; this dry run made none\.\n/,
    );
    expect(text).toContain(
      '| Group | Type | Build | Testers added | Removed | Unchanged | Links |\n| --- | --- | --- | --- | --- | --- | --- |\n',
    );
    expect(text).toContain(
      '| QA &lt;team&gt; | internal | gets every build | 0 | 0 | 3 | [App Store Connect](<https://appstoreconnect.apple.com/apps/1234567890/testflight/groups/g-1>) |',
    );
    expect(text).toContain(
      '### Planned changes\n\n| Operation | Target | Detail |\n| --- | --- | --- |\n| Add testers | Beta \\| \\*new\\* | a@example.com |',
    );
    expect(text).not.toContain('<table>');
  });

  it('says "No changes" for an empty plan', () => {
    const text = planComment(reconcileResult({ dryRun: true, changes: 0, plan: [] }), null);
    expect(text).toContain('**No changes**: TestFlight already matches this declaration.');
    expect(text).not.toContain('Planned changes');
  });

  it('names a plan too long for a comment, with a link to the run', () => {
    const plan = Array.from({ length: 200 }, (_, i) => ({
      ...op(`G${i}`),
      change: 'y'.repeat(400),
      testers: undefined,
    }));
    const text = planComment(
      reconcileResult({ dryRun: true, changes: 200, plan: plan }),
      'https://github.com/octo/app/actions/runs/1',
    );
    expect(text.length).toBeLessThan(2000);
    expect(text).toContain(
      "The plan is too long for a comment: [the run's job summary](<https://github.com/octo/app/actions/runs/1>) shows it all.",
    );
  });
});

describe('renderMarkdown', () => {
  it('renders code with backticks inside, folds and lists', () => {
    expect(
      renderMarkdown({
        title: 'T',
        sections: [
          {
            heading: 'H #1',
            blocks: [
              { paragraph: [{ code: 'a`b|c' }, ' and ', { strong: 'x_y' }] },
              { list: ['one', { fold: '2 testers', body: 'a@x, <b>' }] },
            ],
          },
        ],
      }),
    ).toBe(
      '## T\n\n### H \\#1\n\n``a`b\\|c`` and **x\\_y**\n\n- one\n- <details><summary>2 testers</summary>a@x, &lt;b&gt;</details>\n',
    );
  });
});
