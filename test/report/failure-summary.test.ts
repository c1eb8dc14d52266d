// The failure's job summary: the sentence with its input names as code, what was changed before it, and the
// build and groups as the run read them.
import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileProgress } from '../../src/reconcile/index.js';
import {
  FAILURE_SECTIONS,
  failureSummary,
  writeFailureSummary,
  type FailureReport,
  type FailureSection,
} from '../../src/report/failure-summary.js';
import { renderSummary } from '../../src/report/summary-document.js';
import { buildInfo } from '../helpers/factories.js';
import { htmlProblems } from '../helpers/html.js';

function progress(overrides: Partial<ReconcileProgress> = {}): ReconcileProgress {
  return {
    dryRun: false,
    app: { id: 'app1', bundleId: 'com.example.app', name: 'Example' },
    build: buildInfo({ usesNonExemptEncryption: null }),
    groups: [
      {
        name: 'Beta',
        id: 'g-1',
        type: 'external',
        build: 'missing',
        members: 2,
        publicLink: 'https://testflight.apple.com/join/Xy',
      },
      {
        name: 'Team',
        id: 'g-2',
        type: 'internal',
        build: 'all-builds',
        members: null,
        publicLink: null,
      },
      {
        name: 'Fresh <1>',
        id: null,
        type: 'external',
        build: 'missing',
        members: null,
        publicLink: null,
      },
    ],
    warnings: [
      'Group Fresh has no build yet, so its public link waits for a run with a `build-number`.',
    ],
    done: [
      {
        op: 'set-export-compliance',
        target: 'build 42',
        detail: 'set usesNonExemptEncryption to false on build 42 (1.2.0)',
        change: 'usesNonExemptEncryption: not set → false',
      },
      {
        op: 'create-group',
        target: 'Fresh <1>',
        detail: 'create external group Fresh <1> with build 42 (1.2.0)',
        change: 'external, with build 42 (1.2.0)',
      },
    ],
    ...overrides,
  };
}

function summaryOf(failure: FailureReport): string {
  core.summary.emptyBuffer();
  writeFailureSummary(failure, core.summary);
  const html = core.summary.stringify();
  expect(htmlProblems(html)).toEqual([]);
  return html;
}

describe('failure summary', () => {
  afterEach(() => {
    core.summary.emptyBuffer();
  });

  it('before any change: the sentence, escaped, with input names as code, and nothing changed', () => {
    const html = summaryOf({
      message: 'Group "<b>" is unknown: fix the names in `groups`.',
      changes: 0,
      progress: null,
    });
    expect(html).toContain('<h2>❌ TestFlight — failed</h2>');
    expect(html).toContain(
      '<p>Group &quot;&lt;b&gt;&quot; is unknown: fix the names in <code>groups</code>.</p>',
    );
    expect(html).toContain('<p>Nothing was changed.</p>');
    expect(html).not.toContain('Changes made before the failure');
    expect(html).toContain('<p>Fix the cause named above, then re-run the job.</p>');
  });

  it('after changes: each change made, the build and the groups as read, the warnings', () => {
    const html = summaryOf({ message: 'Refused.', changes: 3, progress: progress() });
    expect(html).toContain('<h2>❌ TestFlight: Example build 42 (1.2.0) — failed</h2>');
    expect(html).toContain('<h3>Changes made before the failure</h3>');
    expect(html).toContain(
      '3 changes were made before the failure; a re-run plans only what is left.',
    );
    expect(html).toContain(
      '<tr><td>Set export compliance</td><td>build 42</td><td>usesNonExemptEncryption: not set → false</td></tr>',
    );
    expect(html).toContain('<td>Create group</td><td>Fresh &lt;1&gt;</td>');
    expect(html).toContain('<h3>Build as read</h3>');
    expect(html).toContain('<td>not set</td>');
    expect(html).toContain('<h3>Groups as read</h3>');
    expect(html).toContain(
      '<tr><td>Beta</td><td>external</td><td>not in the group</td><td>2</td><td><a href="https://testflight.apple.com/join/Xy">https://testflight.apple.com/join/Xy</a> · <a href="https://appstoreconnect.apple.com/apps/app1/testflight/groups/g-1">App Store Connect</a></td></tr>',
    );
    expect(html).toContain('<td>Team</td><td>internal</td><td>gets every build</td><td>—</td>');
    expect(html).toContain('<td>Fresh &lt;1&gt; (did not exist)</td>');
    expect(html).toContain('<h3>Warnings</h3>');
    expect(html).toContain('waits for a run with a <code>build-number</code>.');
    expect(html).toContain(
      'Fix the cause named above, then re-run the job: it plans only what is left.',
    );
    expect(summaryOf({ message: 'x', changes: 1, progress: progress() })).toContain(
      '1 change was made before the failure',
    );
  });

  it('found the app but not the build: the title names the app, no build table', () => {
    const html = summaryOf({
      message: 'Build 9 was not found.',
      changes: 0,
      progress: progress({ build: null, done: [], warnings: [] }),
    });
    expect(html).toContain('<h2>❌ TestFlight: Example — failed</h2>');
    expect(html).not.toContain('Build as read');
    expect(html).toContain('<h3>Groups as read</h3>');
    expect(html).not.toContain('Warnings');
  });

  it('is a list of sections: a new one is a function added to the list', () => {
    const extra: FailureSection = ({ progress }) =>
      progress ? { heading: 'Test Information', blocks: [{ paragraph: 'incomplete' }] } : null;
    const failure = { message: 'x', changes: 0, progress: progress() };
    const html = renderSummary(failureSummary(failure, [...FAILURE_SECTIONS, extra]));
    expect(html.endsWith('<h3>Test Information</h3>\n\n<p>incomplete</p>\n')).toBe(true);
    expect(renderSummary(failureSummary({ ...failure, progress: null }, [extra]))).toBe(
      '<h2>❌ TestFlight — failed</h2>\n',
    );
  });
});
