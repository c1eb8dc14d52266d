import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { reconcileResult } from '../helpers/factories.js';
import { describeBuildState, resultOutputs } from '../../src/report/outputs.js';
import { writeFailureSummary } from '../../src/report/summary.js';
import { summaryOf } from '../helpers/summary.js';

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
      plan: JSON.stringify(result().plan),
      'expired-builds': '[]',
      'expires-at': '2026-04-01T00:00:00.000Z',
    });
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
    expect(html).toContain('TestFlight: Example build 42 (1.2.0)');
    expect(html).toContain('4 change(s) made.');
    expect(html).toContain('VALID (WAITING_FOR_BETA_REVIEW)');
    expect(html).toContain('uses non-exempt encryption: false');
    // Names from users never become markup.
    expect(html).toContain('QA &lt;team&gt;');
    expect(html).not.toContain('QA <team>');
    expect(html).toContain('gets every build');
    expect(html).toContain('Public Beta (created)');
    expect(html).toContain('2 (jane@example.com, joe@example.com)');
    expect(html).toContain('1 (old@example.com)');
    expect(html).toContain('href="https://testflight.apple.com/join/AbCdEf"');
    expect(html).toContain('Beta App Review: <b>WAITING_FOR_REVIEW</b>');
    expect(html).toContain('<h3>Changes</h3>');
    expect(html).toContain('add build 42 (1.2.0) to Public Beta');
    expect(html).toContain('public-link is ignored for internal group &quot;QA &lt;team&gt;&quot;');
  });

  it('says what would change in a dry run', () => {
    const html = summaryOf(result({ dryRun: true }));
    expect(html).toContain('— dry run');
    expect(html).toContain('Dry run: 4 change(s) planned, none made.');
    expect(html).toContain('Public Beta (to create)');
    expect(html).toContain('would be added');
    expect(html).toContain('<h3>Planned changes</h3>');
  });

  it('says nothing changed on a re-run and shows no change table', () => {
    const html = summaryOf(result({ changes: 0, plan: [], warnings: [] }));
    expect(html).toContain('Nothing to change: TestFlight already matches the workflow.');
    expect(html).not.toContain('<h3>Changes</h3>');
    expect(html).not.toContain('Warnings');
  });

  it('says why review is not needed: no external group, or no build at all', () => {
    expect(summaryOf(result({ reviewState: 'not-needed' }))).toContain(
      'not needed (no external group gets this build)',
    );
    expect(summaryOf(result({ build: null, reviewState: 'not-needed' }))).toContain(
      'not needed (no build in this run)',
    );
  });

  it('counts a planned change that was already so as no change, without claiming nothing differed', () => {
    const html = summaryOf(result({ changes: 0 }));
    expect(html).toContain('0 change(s) made.');
    expect(html).toContain('<h3>Changes</h3>');
  });

  it('lists at most five emails per cell', () => {
    const emails = Array.from({ length: 7 }, (_, i) => `t${i}@example.com`);
    const base = result();
    const html = summaryOf(result({ groups: [{ ...base.groups[1]!, testersAdded: emails }] }));
    expect(html).toContain(
      '7 (t0@example.com, t1@example.com, t2@example.com, t3@example.com, t4@example.com, …)',
    );
    expect(html).not.toContain('t5@example.com');
  });

  it('on failure shows the sentence, escaped, and whether anything was changed', () => {
    writeFailureSummary('Group "<b>" is unknown.', 0, core.summary);
    expect(core.summary.stringify()).toContain('Group &quot;&lt;b&gt;&quot; is unknown.');
    expect(core.summary.stringify()).toContain('Nothing was changed.');
    core.summary.emptyBuffer();
    writeFailureSummary('Refused.', 3, core.summary);
    expect(core.summary.stringify()).toContain('3 change(s) were made before the failure');
  });
});
