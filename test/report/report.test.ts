import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInfo, reconcileResult } from '../helpers/factories.js';
import { summaryOf } from '../helpers/summary.js';
import { htmlProblems } from '../helpers/html.js';
import { describeBuildState, resultOutputs } from '../../src/report/outputs.js';
import { GROUP_COLUMNS, RESULT_SECTIONS, resultSummary } from '../../src/report/summary.js';
import { renderSummary } from '../../src/report/summary-document.js';

const result = reconcileResult;

describe('outputs', () => {
  it('publishes every contract output as a string, JSON where the contract says so', () => {
    const outputs = resultOutputs(result());
    expect(outputs).toEqual({
      'app-id': '1234567890',
      'build-id': 'build-1',
      'build-state': 'VALID (WAITING_FOR_BETA_REVIEW)',
      'group-ids': JSON.stringify({ 'QA <team>': 'g-1', 'Public Beta': 'g-2' }),
      'created-groups': '["Public Beta"]',
      'testers-added': '2',
      'testers-removed': '1',
      'public-links': JSON.stringify({ 'Public Beta': 'https://testflight.apple.com/join/AbCdEf' }),
      'review-state': 'WAITING_FOR_REVIEW',
      changes: '4',
      // The contract's fields only: what the summary shows beside them stays out of the output.
      plan: JSON.stringify(result().plan.map(({ op, target, detail }) => ({ op, target, detail }))),
      'expired-builds': '[]',
      'expires-at': '2026-04-01T00:00:00.000Z',
    });
  });

  it('says would-submit in a dry run that plans a submission', () => {
    expect(
      resultOutputs(result({ dryRun: true, reviewState: 'would-submit' }))['review-state'],
    ).toBe('would-submit');
  });

  it('leaves build outputs empty when no build was asked for', () => {
    const outputs = resultOutputs(result({ build: null, reviewState: 'not-needed' }));
    expect(outputs['build-id']).toBe('');
    expect(outputs['build-state']).toBe('');
    expect(outputs['review-state']).toBe('not-needed');
  });

  it('says EXPIRED for an expired build and falls back to the internal beta state', () => {
    const build = result().build!;
    expect(describeBuildState({ ...build, expired: true })).toBe(
      'EXPIRED (WAITING_FOR_BETA_REVIEW)',
    );
    expect(
      describeBuildState({
        ...build,
        betaDetail: { ...build.betaDetail!, externalBuildState: null },
      }),
    ).toBe('VALID (IN_BETA_TESTING)');
  });
});

describe('job summary', () => {
  afterEach(() => {
    core.summary.emptyBuffer();
  });

  it('shows the build, every group, the review state, the changes and the warnings', () => {
    const html = summaryOf(result());
    expect(html).toContain('<h2>✅ TestFlight: Example build 42 (1.2.0) — applied</h2>');
    expect(html).toContain('<p>4 changes made.</p>');
    expect(html).toContain('VALID (WAITING_FOR_BETA_REVIEW)');
    expect(html).toContain('<td>false</td>');
    // Names from users never become markup.
    expect(html).toContain('QA &lt;team&gt;');
    expect(html).not.toContain('QA <team>');
    expect(html).toContain('gets every build');
    expect(html).toContain('Public Beta (created)');
    expect(html).toContain('2 (jane@example.com, joe@example.com)');
    expect(html).toContain('1 (old@example.com)');
    expect(html).toContain('href="https://testflight.apple.com/join/AbCdEf"');
    expect(html).toContain(
      'Beta App Review: <strong>WAITING_FOR_REVIEW</strong> (submitted by this run)',
    );
    expect(html).toContain('<h3>Changes</h3>');
    // Operations in words; the Detail column says what the Target column does not.
    expect(html).toContain(
      '<tr><td>Create group</td><td>Public Beta</td><td>external, with build 42 (1.2.0)</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>Add testers</td><td>Public Beta</td><td>jane@example.com, joe@example.com</td></tr>',
    );
    expect(html).toContain('<td>Submit for review</td>');
    // Input names in a sentence are code, not literal backticks.
    expect(html).toContain(
      'public-link is ignored for internal group &quot;QA &lt;team&gt;&quot;: set <code>public-link</code> only for external ones',
    );
    expect(html).not.toContain('`');
  });

  it('links each group to its TestFlight page in App Store Connect, beside its public link', () => {
    const html = summaryOf(result());
    expect(html).toContain(
      '<a href="https://testflight.apple.com/join/AbCdEf">https://testflight.apple.com/join/AbCdEf</a> · <a href="https://appstoreconnect.apple.com/apps/1234567890/testflight/groups/g-2">App Store Connect</a>',
    );
    expect(html).toContain(
      '<a href="https://appstoreconnect.apple.com/apps/1234567890/testflight/groups/g-1">App Store Connect</a>',
    );
  });

  it('says after a submission what happens next, internal groups having the build already', () => {
    expect(summaryOf(result())).toContain(
      '<h3>What happens next</h3>\n\n<p>Beta App Review now has build 42 (1.2.0): the testers of Public Beta get it once Apple approves it, with no further run needed. QA &lt;team&gt; can test it now.</p>',
    );
    const silent = result().build!;
    const quiet = summaryOf(
      result({
        build: { ...silent, betaDetail: { ...silent.betaDetail!, autoNotifyEnabled: false } },
      }),
    );
    expect(quiet).toContain('someone notifies them (automatic notification is off for this build)');
    const earlier = summaryOf(result({ plan: [], changes: 0, reviewState: 'IN_REVIEW' }));
    expect(earlier).toContain(
      'Build 42 (1.2.0) is still in Beta App Review: the testers of Public Beta',
    );
    expect(summaryOf(result({ reviewState: 'APPROVED' }))).not.toContain('What happens next');
  });

  it('says what would change in a dry run, and how to apply it', () => {
    const html = summaryOf(
      result({
        dryRun: true,
        reviewState: 'would-submit',
        exportComplianceSet: false,
        build: buildInfo({ usesNonExemptEncryption: null }),
      }),
    );
    expect(html).toContain('<h2>📝 TestFlight: Example build 42 (1.2.0) — dry run</h2>');
    expect(html).toContain('Dry run: 4 changes planned, none made.');
    expect(html).toContain('Public Beta (to create)');
    expect(html).toContain('would be added');
    expect(html).toContain('Beta App Review: <strong>would be submitted</strong>');
    expect(html).not.toContain('submitted by this run');
    expect(html).toContain('<td>not set → false</td>');
    expect(html).toContain('<h3>Planned changes</h3>');
    expect(html).toContain(
      '<p>Apply with <code>dry-run: false</code>: the real run makes the 4 changes above.</p>',
    );
    expect(html).not.toContain('What happens next');
  });

  it('says nothing changed on a re-run and shows no change table', () => {
    const html = summaryOf(result({ changes: 0, plan: [], warnings: [], reviewState: 'APPROVED' }));
    expect(html).toContain('<h2>☑️ TestFlight: Example build 42 (1.2.0) — nothing to change</h2>');
    expect(html).toContain('Nothing to change: TestFlight already matches the workflow.');
    expect(html).not.toContain('<h3>Changes</h3>');
    expect(html).not.toContain('Warnings');
    expect(summaryOf(result({ dryRun: true, changes: 0, plan: [] }))).not.toContain('Apply with');
  });

  it('says why review is not needed: no external group, or no build at all', () => {
    expect(summaryOf(result({ reviewState: 'not-needed' }))).toContain(
      'not needed (no external group gets this build)',
    );
    const bare = summaryOf(result({ build: null, reviewState: 'not-needed' }));
    expect(bare).toContain('not needed (no build in this run)');
    expect(bare).toContain('<h2>✅ TestFlight: Example — applied</h2>');
  });

  it('counts a planned change that was already so as no change, without claiming nothing differed', () => {
    const html = summaryOf(result({ changes: 0 }));
    expect(html).toContain('0 changes made.');
    expect(html).toContain('<h3>Changes</h3>');
    expect(summaryOf(result({ changes: 1 }))).toContain('<p>1 change made.</p>');
  });

  it('folds a long email list into a details element', () => {
    const emails = Array.from({ length: 7 }, (_, i) => `t${i}@example.com`);
    const base = result();
    const html = summaryOf(
      result({
        groups: [{ ...base.groups[1]!, testersAdded: emails }],
        plan: [{ ...base.plan[1]!, testers: emails, change: '7 testers' }],
      }),
    );
    const folded = `<details><summary>7 testers</summary>${emails.join(', ')}</details>`;
    expect(html.split(folded)).toHaveLength(3);
    expect(html).not.toContain('(t0@example.com');
  });

  it('lists at most a hundred emails in a fold', () => {
    const emails = Array.from({ length: 130 }, (_, i) => `t${i}@example.com`);
    const html = summaryOf(result({ groups: [{ ...result().groups[1]!, testersAdded: emails }] }));
    expect(html).toContain('<summary>130 testers</summary>');
    expect(html).toContain('t99@example.com and 30 more</details>');
    expect(html).not.toContain('t100@example.com');
  });

  it('lists at most 200 operations, and says where the rest are', () => {
    const invite = (i: number) => ({
      op: 'create-tester' as const,
      target: `t${i}@example.com`,
      detail: `invite t${i}@example.com to Public Beta`,
      change: 'to Public Beta',
    });
    const plan = Array.from({ length: 250 }, (_, i) => invite(i));
    const html = summaryOf(result({ plan }));
    expect(html.split('<td>Invite tester</td>')).toHaveLength(201);
    expect(html).toContain('<td>t199@example.com</td>');
    expect(html).not.toContain('t200@example.com');
    expect(html).toContain(
      '<p>… and 50 more operations: the <code>plan</code> output and the log list them all.</p>',
    );
  });

  it('is a list of sections and columns: a new one is a function added to the list', () => {
    const extra = () => ({ heading: 'Test Information', blocks: [{ paragraph: 'complete' }] });
    const html = renderSummary(resultSummary(result(), [...RESULT_SECTIONS, extra]));
    expect(html.endsWith('<h3>Test Information</h3>\n\n<p>complete</p>\n')).toBe(true);
    expect(htmlProblems(html)).toEqual([]);
    expect(GROUP_COLUMNS.map((c) => c.head)).toEqual([
      'Group',
      'Type',
      'Build',
      'Testers added',
      'Removed',
      'Unchanged',
      'Links',
    ]);
  });
});
