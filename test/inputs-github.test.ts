// The inputs of the GitHub features: release-notes, comment-plan and the token they use (a secret to mask).
import { describe, expect, it } from 'vitest';
import { inputSecrets } from '../src/inputs/index.js';
import { errorOf, read } from './helpers/inputs.js';

describe('GitHub inputs', () => {
  it('read release-notes with the What to Test locale, comment-plan and the token', () => {
    expect(
      read({
        'release-notes': 'true',
        'what-to-test-locale': 'de-DE',
        'comment-plan': 'TRUE',
        'github-token': 'ghs_abc',
      }).github,
    ).toEqual({ releaseNotes: { locale: 'de-DE' }, commentPlan: true, token: 'ghs_abc' });
    expect(read({ 'release-notes': 'false', 'github-token': 'ghs_abc' }).github).toEqual({
      releaseNotes: null,
      commentPlan: false,
      token: 'ghs_abc',
    });
  });

  it('fail in one sentence on a bad boolean or a feature without a token', () => {
    expect(errorOf({ 'comment-plan': 'yes' })).toBe(
      'Input `comment-plan` is `yes`, which is not a boolean: use `true` or `false`.',
    );
    expect(errorOf({ 'release-notes': 'true' })).toBe(
      'Input `release-notes` is true but `github-token` is empty: leave `github-token` at its default (`${{ github.token }}`) or pass a token, or set `release-notes` to false.',
    );
    expect(errorOf({ 'comment-plan': 'true' })).toMatch(/^Input `comment-plan` is true but/);
  });

  it('names the token as a secret to mask', () => {
    const inputs: Record<string, string> = { 'github-token': ' ghs_secret ' };
    expect(inputSecrets((name) => inputs[name] ?? '')).toEqual(['ghs_secret']);
  });
});
