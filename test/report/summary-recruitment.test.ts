// The summary's recruitment section: each group with criteria, what they admit, what this run did to them and
// Apple's compatible-build check, in a real run and a dry run; none when no group has criteria.
import { describe, expect, it } from 'vitest';
import type { GroupOutcome, RecruitmentOutcome } from '../../src/reconcile/index.js';
import { reconcileResult } from '../helpers/factories.js';
import { summaryOf } from '../helpers/summary.js';

const IPHONE = [{ deviceFamily: 'IPHONE' as const, minimumOs: '17.0', maximumOs: null }];

function withRecruitment(recruitment: RecruitmentOutcome | null, dryRun = false) {
  const base = reconcileResult({ dryRun });
  const groups = base.groups.map((g): GroupOutcome =>
    g.name === 'Public Beta' ? { ...g, recruitment } : g,
  );
  return summaryOf({ ...base, groups });
}

describe('Recruitment criteria section', () => {
  it('is left out when no group has criteria', () => {
    expect(withRecruitment(null)).not.toContain('Recruitment criteria');
  });

  it('shows what the criteria admit, what the run did and the compatible-build check', () => {
    const set = withRecruitment({
      filters: IPHONE,
      description: 'iPhone 17.0 or later',
      changed: true,
      compatibleBuild: false,
    });
    expect(set).toContain('<h3>Recruitment criteria</h3>');
    expect(set).toContain(
      '<tr><td>Public Beta</td><td>iPhone 17.0 or later</td><td>set</td><td><strong>none</strong></td></tr>',
    );
    expect(set).toContain('asked after this run.');
    expect(
      withRecruitment({
        filters: IPHONE,
        description: 'iPhone 17.0 or later',
        changed: false,
        compatibleBuild: true,
      }),
    ).toContain('<td>iPhone 17.0 or later</td><td>already so</td><td>yes</td>');
  });

  it('in a dry run says what would be done, and that a new group is checked once applied', () => {
    const dry = withRecruitment(
      {
        filters: IPHONE,
        description: 'iPhone 17.0 or later',
        changed: true,
        compatibleBuild: null,
      },
      true,
    );
    expect(dry).toContain('<td>would set</td><td>asked once applied</td>');
    expect(dry).toContain('asked before the planned changes.');
    expect(
      withRecruitment(
        { filters: [], description: 'none', changed: true, compatibleBuild: null },
        true,
      ),
    ).toContain('<td>none</td><td>would remove</td><td>—</td>');
  });
});
