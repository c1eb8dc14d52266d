// matchGroups never creates a near-duplicate: names off only in letter case fail, whether the other
// spelling is an existing group or another declared name.
import { describe, expect, it } from 'vitest';
import { matchGroups } from '../../src/reconcile/match-groups.js';
import { INPUT_HINTS } from '../../src/inputs/setting-hints.js';
import { desiredGroup } from '../helpers/factories.js';

const declared = (name: string) => desiredGroup(name, { createAs: 'external' });

describe('matchGroups: letter case', () => {
  it('fails when two declared names to create differ only in letter case', () => {
    expect(() =>
      matchGroups([declared('Beta'), declared('beta'), declared('QA')], [], 'Example', INPUT_HINTS),
    ).toThrow(
      /^Beta group names "Beta", "beta" differ only in letter case, so the action would create near-duplicates in Example: write each group once in `groups`, spelled as App Store Connect should show it\.$/,
    );
  });

  it('still creates distinct names', () => {
    const matched = matchGroups([declared('Beta'), declared('QA')], [], 'Example', INPUT_HINTS);
    expect(matched.map((m) => m.existing)).toEqual([null, null]);
  });
});
