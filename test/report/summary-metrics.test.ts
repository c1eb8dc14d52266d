// The summary's Testers section: the adoption funnel and who never installed, 30-day usage (marked "≥" when
// only the first page of testers was read), the public link against its limit, and what could not be read.
import { describe, expect, it } from 'vitest';
import type { GroupMetrics, TesterFunnel } from '../../src/reconcile/index.js';
import { reconcileResult } from '../helpers/factories.js';
import { summaryOf } from '../helpers/summary.js';

function funnel(overrides: Partial<TesterFunnel> = {}): TesterFunnel {
  return {
    counted: 4,
    total: 4,
    invited: 3,
    accepted: 2,
    installed: 1,
    notInvited: 1,
    revoked: 0,
    notInstalled: ['ann@example.com', 'bob@example.com'],
    notInstalledCount: 2,
    ...overrides,
  };
}

function metrics(overrides: Partial<GroupMetrics> = {}): GroupMetrics {
  return {
    name: 'Beta <public>',
    usage: { sessions: 1234, crashes: 5, feedback: 2, testers: 3, totalTesters: 3 },
    hasPublicLink: true,
    publicLink: { views: 70, accepted: 25, didNotAccept: 3, didNotMeetCriteria: 1, limit: 100 },
    funnel: funnel(),
    ...overrides,
  };
}

const section = (html: string) => html.slice(html.indexOf('<h3>Testers</h3>'));

describe('Testers section', () => {
  it('shows the funnel, who never installed, the usage and the link against its limit', () => {
    const html = summaryOf(
      reconcileResult({
        metrics: [
          metrics(),
          metrics({
            name: 'QA',
            hasPublicLink: false,
            publicLink: null,
            usage: { sessions: 0, crashes: 0, feedback: 0, testers: 0, totalTesters: 0 },
            funnel: funnel({
              counted: 1,
              total: 1,
              invited: 1,
              accepted: 1,
              installed: 1,
              notInvited: 0,
              notInstalled: [],
              notInstalledCount: 0,
            }),
          }),
        ],
      }),
    );
    expect(html).toContain('<h3>Testers</h3>');
    expect(section(html)).toContain(
      '<th>Group</th><th>Testers</th><th>Never installed</th><th>Sessions (30 days)</th><th>Crashes</th><th>Feedback</th><th>Public link</th>',
    );
    expect(section(html)).toContain(
      '<tr><td>Beta &lt;public&gt;</td><td>3 invited → 2 accepted → 1 installed (1 not invited yet)</td>' +
        '<td>2 (ann@example.com, bob@example.com)</td><td>1,234</td><td>5</td><td>2</td>' +
        '<td>70 views · 25 of 100 joined (25%)</td></tr>',
    );
    expect(section(html)).toContain(
      '<tr><td>QA</td><td>1 invited → 1 accepted → 1 installed</td><td>—</td><td>0</td><td>0</td><td>0</td><td>—</td></tr>',
    );
    expect(section(html)).not.toContain('could not be read');
    expect(section(html)).not.toContain('≥');
  });

  it('marks figures from a first page, folds a long list and says what could not be read', () => {
    const many = Array.from({ length: 100 }, (_, i) => `t${i}@example.com`);
    const html = summaryOf(
      reconcileResult({
        metrics: [
          metrics({
            usage: { sessions: 900, crashes: 0, feedback: 1, testers: 200, totalTesters: 450 },
            publicLink: null,
            funnel: funnel({
              counted: 200,
              total: 450,
              invited: 200,
              accepted: 50,
              installed: 40,
              notInvited: 0,
              revoked: 2,
              notInstalled: many,
              notInstalledCount: 160,
            }),
          }),
          metrics({ name: 'Unread', usage: null, funnel: null, publicLink: null }),
          metrics({
            name: 'No limit',
            publicLink: {
              views: 1,
              accepted: 0,
              didNotAccept: 0,
              didNotMeetCriteria: 0,
              limit: null,
            },
          }),
        ],
      }),
    );
    const testers = section(html);
    expect(testers).toContain(
      '<td>200 invited → 50 accepted → 40 installed (2 revoked, of the first 200 of 450)</td>',
    );
    expect(testers).toContain(
      `<td><details><summary>160 testers</summary>${many.join(', ')} and 60 more</details></td>`,
    );
    expect(testers).toContain('<td>≥ 900</td><td>≥ 0</td><td>≥ 1</td><td>not available</td>');
    expect(testers).toContain(
      '<tr><td>Unread</td><td>not available</td><td>not available</td><td>not available</td><td>not available</td><td>not available</td><td>not available</td></tr>',
    );
    expect(testers).toContain('<td>1 view · 0 joined (no limit)</td>');
    expect(testers).toContain('≥: App Store Connect lists the usage of 200 testers at a time');
    expect(testers).toContain(
      'Some figures could not be read from App Store Connect; the warning in the log says why.',
    );
  });

  it('is left out when no metrics were read', () => {
    expect(summaryOf(reconcileResult())).not.toContain('<h3>Testers</h3>');
    expect(summaryOf(reconcileResult({ metrics: [] }))).not.toContain('<h3>Testers</h3>');
  });
});
