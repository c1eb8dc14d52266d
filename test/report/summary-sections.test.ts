// The summary's Test Information and build expiry sections: what is set and what this run changed, the demo
// account hidden, values escaped and shortened; each declared group's newest build and its days left.
import { describe, expect, it } from 'vitest';
import { reconcileResult } from '../helpers/factories.js';
import { summaryOf } from '../helpers/summary.js';

const FIELDS = [
  {
    field: 'Beta app description (en-US)',
    value: `Try <b>this</b>: ${'long '.repeat(30)}`,
    changed: true,
  },
  { field: 'Feedback email (en-US)', value: 'beta@example.com', changed: false },
  { field: 'Review contact', value: null, changed: false },
  { field: 'Demo account', value: 'demo account (hidden)', changed: true },
];

describe('Test Information section', () => {
  it('lists each field with its value and what this run did, escaped and shortened', () => {
    const html = summaryOf(reconcileResult({ testInformation: FIELDS }));
    expect(html).toContain('<h3>Test Information</h3>');
    // 80 characters shown at most, on one line: 79 and an ellipsis.
    const shown = `${FIELDS[0]!.value!.slice(0, 79)}…`
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;');
    expect(html).toContain(
      `<tr><td>Beta app description (en-US)</td><td>${shown}</td><td>set</td></tr>`,
    );
    expect(html).toContain(
      '<tr><td>Feedback email (en-US)</td><td>beta@example.com</td><td>unchanged</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>Review contact</td><td><strong>not set</strong></td><td>missing</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>Demo account</td><td>demo account (hidden)</td><td>set</td></tr>',
    );
    expect(summaryOf(reconcileResult({ testInformation: FIELDS, dryRun: true }))).toContain(
      '<td>demo account (hidden)</td><td>would set</td>',
    );
  });

  it('is left out when the run neither declares Test Information nor needs it', () => {
    expect(summaryOf(reconcileResult())).not.toContain('Test Information');
  });
});

describe('build expiry section', () => {
  it("shows each group's newest build, its expiry and the days left, and the builds expired", () => {
    const html = summaryOf(
      reconcileResult({
        groupExpiry: [
          {
            name: 'QA <team>',
            newestBuild: { number: '42', marketingVersion: '1.2.0' },
            expiresAt: '2026-04-01T00:00:00.000Z',
            daysLeft: 30,
          },
          { name: 'Old', newestBuild: null, expiresAt: null, daysLeft: null },
        ],
        expiredBuilds: ['40', '39'],
      }),
    );
    expect(html).toContain('<h3>Build expiry</h3>');
    expect(html).toContain(
      '<tr><td>QA &lt;team&gt;</td><td>42 (1.2.0)</td><td>2026-04-01</td><td>30</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>Old</td><td><strong>none unexpired</strong></td><td>—</td><td>—</td></tr>',
    );
    expect(html).toContain('<p>Expired (<code>keep-builds</code>): build 40, build 39.</p>');
    expect(summaryOf(reconcileResult({ expiredBuilds: ['40'], dryRun: true }))).toContain(
      '<p>Would expire (<code>keep-builds</code>): build 40.</p>',
    );
  });
});
