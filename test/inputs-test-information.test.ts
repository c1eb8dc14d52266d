// The inputs of a first external release: Test Information, the review contact and demo account, the
// encryption declaration, the review wait and build expiry; each bad value one sentence, the demo account
// never quoted in it.
import { describe, expect, it } from 'vitest';
import { inputSecrets } from '../src/inputs/index.js';
import { errorOf, read } from './helpers/inputs.js';

const DEMO = 'reviewer@example.com:s3cret:with-colon';

describe('Test Information inputs', () => {
  it('fill the primary locale, the review details and the demo account; empty ones leave them', () => {
    const { desired } = read({
      'beta-description': 'Try the new onboarding.',
      'feedback-email': 'beta@example.com',
      'review-contact': 'Jane Appleseed <jane@example.com> +1 (555) 010-0100',
      'review-notes': 'Sign in with the demo account.',
      'demo-account': DEMO,
    });
    expect(desired.testInformation).toEqual({
      locales: [
        {
          locale: null,
          description: 'Try the new onboarding.',
          feedbackEmail: 'beta@example.com',
          marketingUrl: null,
          privacyPolicyUrl: null,
        },
      ],
      review: {
        contact: {
          firstName: 'Jane',
          lastName: 'Appleseed',
          email: 'jane@example.com',
          phone: '+1 (555) 010-0100',
        },
        notes: 'Sign in with the demo account.',
        demoAccount: { name: 'reviewer@example.com', password: 's3cret:with-colon' },
      },
      licenseAgreement: null,
    });
    expect(read({ 'feedback-email': 'beta@example.com' }).desired.testInformation.locales).toEqual([
      {
        locale: null,
        description: null,
        feedbackEmail: 'beta@example.com',
        marketingUrl: null,
        privacyPolicyUrl: null,
      },
    ]);
  });

  it.each<[string, Record<string, string | null>]>([
    [
      'Jane Appleseed <jane@example.com>',
      { firstName: 'Jane', lastName: 'Appleseed', email: 'jane@example.com', phone: null },
    ],
    [
      '"Appleseed, Jane" <jane@example.com> +44 20 7946 0958',
      {
        firstName: 'Jane',
        lastName: 'Appleseed',
        email: 'jane@example.com',
        phone: '+44 20 7946 0958',
      },
    ],
    [
      'Jane van der Berg jane@example.com 555-0100',
      { firstName: 'Jane', lastName: 'van der Berg', email: 'jane@example.com', phone: '555-0100' },
    ],
    ['+1 555 0100', { firstName: null, lastName: null, email: null, phone: '+1 555 0100' }],
    [
      '<jane@example.com>',
      { firstName: null, lastName: null, email: 'jane@example.com', phone: null },
    ],
  ])('reads the review contact %j, leaving out what is not given', (value, contact) => {
    expect(read({ 'review-contact': value }).desired.testInformation.review.contact).toEqual(
      contact,
    );
  });

  it.each<[Record<string, string>, string]>([
    [
      { 'beta-description': 'x'.repeat(4001) },
      "Input `beta-description` is 4001 characters long, over App Store Connect's limit of 4000: shorten it.",
    ],
    [
      { 'review-notes': 'é'.repeat(4001) },
      "Input `review-notes` is 4001 characters long, over App Store Connect's limit of 4000: shorten it.",
    ],
    [
      { 'feedback-email': 'feedback at example.com' },
      'Input `feedback-email` is `feedback at example.com`, which is not an email address: set the address tester feedback goes to, such as `beta@example.com`.',
    ],
    [
      { 'review-contact': 'Jane <jane@example.com' },
      'Input `review-contact` has an unclosed `<`…`>` around the email: write it as `First Last <email> +phone`, for example `Jane Appleseed <jane@example.com> +1 555 0100`.',
    ],
    [
      { 'review-contact': 'Jane <jane.example.com> +1 555 0100' },
      'Input `review-contact` has `jane.example.com` where the email goes: write it as `First Last <email> +phone`, for example `Jane Appleseed <jane@example.com> +1 555 0100`.',
    ],
    [
      { 'review-contact': 'Jane <jane@example.com> call me' },
      'Input `review-contact` has `call me` where the phone number goes: write it as `First Last <email> +phone`, for example `Jane Appleseed <jane@example.com> +1 555 0100`.',
    ],
    [
      { 'encryption-declaration': 'the approved one' },
      "Input `encryption-declaration` is `the approved one`, which is neither `auto` nor a declaration ID: use `auto` for the app's approved App Encryption Declaration, or the ID of one.",
    ],
    [
      { 'wait-for-review': 'an hour' },
      'Input `wait-for-review` is `an hour`, which is not a number of minutes: use a non-negative number such as 60, or 0 not to wait.',
    ],
    [
      { 'keep-builds': '0' },
      "Input `keep-builds` is `0`, which is not a whole number of at least 1: set how many of the newest builds to keep (this run's build is one of them), or leave it empty to expire none.",
    ],
    [
      { 'keep-builds': 'all' },
      "Input `keep-builds` is `all`, which is not a whole number of at least 1: set how many of the newest builds to keep (this run's build is one of them), or leave it empty to expire none.",
    ],
    [
      { 'expiry-warning-days': '91' },
      "Input `expiry-warning-days` is `91`, which is not a whole number of days from 0 to 90 (a build's TestFlight lifetime): use for example 14, or 0 to warn only when a group has no build.",
    ],
  ])('%j fails with one sentence', (inputs, message) => {
    expect(errorOf(inputs)).toBe(message);
  });

  it.each([
    ['reviewer-without-colon', 'it has no colon'],
    [':only-a-password', 'the name before the colon is empty'],
    ['reviewer@example.com:', 'the password after the colon is empty'],
  ])('refuses the demo account %j without quoting it', (value, problem) => {
    const message = errorOf({ 'demo-account': value });
    expect(message).toBe(
      `Input \`demo-account\` is not \`name:password\` (${problem}): set it from a secret holding the demo account's user name, a colon and its password.`,
    );
    for (const part of value.split(':').filter(Boolean)) expect(message).not.toContain(part);
  });

  it('names the demo account value and its password as the secrets to mask', () => {
    const inputs: Record<string, string> = { 'demo-account': ` ${DEMO} ` };
    expect(inputSecrets((name) => inputs[name] ?? '')).toEqual([DEMO, 's3cret:with-colon']);
    expect(inputSecrets(() => '')).toEqual([]);
    // A value without a password is still masked whole: it may be the password alone.
    expect(inputSecrets(() => 'just-a-password')).toEqual(['just-a-password']);
  });
});

describe('encryption declaration, review wait and expiry inputs', () => {
  it('default to no declaration, no wait, no expiry and warnings 14 days ahead', () => {
    const { target, desired } = read({});
    expect(target.waits.reviewMinutes).toBe(0);
    expect(desired.encryptionDeclaration).toBeNull();
    expect(desired.expiry).toEqual({ keepBuilds: null, warningDays: 14 });
  });

  it('read auto or an ID, minutes to wait, builds to keep and warning days', () => {
    const { target, desired } = read({
      'encryption-declaration': 'AUTO',
      'wait-for-review': '90',
      'keep-builds': '3',
      'expiry-warning-days': '0',
    });
    expect(desired.encryptionDeclaration).toBe('auto');
    expect(target.waits.reviewMinutes).toBe(90);
    expect(desired.expiry).toEqual({ keepBuilds: 3, warningDays: 0 });
    expect(
      read({ 'encryption-declaration': 'b3f1c2d4-0001' }).desired.encryptionDeclaration,
    ).toEqual({ id: 'b3f1c2d4-0001' });
  });
});
