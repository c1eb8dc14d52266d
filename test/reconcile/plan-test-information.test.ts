// The planner's Test Information: every part of the desired shape (locales, URLs, review details, demo
// account, license agreement), including the parts no input sets yet; idempotent; the demo account hidden; and
// the review preflight that names what Beta App Review would refuse for.
import { describe, expect, it } from 'vitest';
import type { CurrentState } from '../../src/reconcile/current.js';
import type { DesiredState, DesiredTestInformation } from '../../src/reconcile/desired.js';
import { toPlannedOperation, type Operation } from '../../src/reconcile/operations.js';
import { planReconcile } from '../../src/reconcile/plan.js';
import { ReconcileError } from '../../src/reconcile/reconcile-error.js';
import { desiredState, inputTestInformation, noTestInformation } from '../helpers/factories.js';
import { thrownMessage } from '../helpers/failures.js';
import { completeTestInformation, current, stateAfter } from './plan-fixtures.js';

const PASSWORD = 'Hunter2-secret';

/** Beta (external) gets build 42 and is reviewed; Test Information as given on top of nothing. */
function desiredWith(testInformation: Partial<DesiredTestInformation>): DesiredState {
  return desiredState({ testInformation: { ...noTestInformation(), ...testInformation } });
}

/** An app whose Test Information is empty: no localization, an empty review detail. */
function emptyApp(primaryLocale = 'en-US'): CurrentState {
  const info = completeTestInformation();
  return current({
    testInformation: {
      primaryLocale,
      localizations: [],
      reviewDetail: {
        ...info.reviewDetail!,
        contactFirstName: null,
        contactLastName: null,
        contactEmail: null,
        contactPhone: null,
      },
      licenseAgreement: info.licenseAgreement,
    },
  });
}

const ofKind = (operations: Operation[], kind: Operation['op']) =>
  operations.filter((o) => o.op === kind);

const FROM_INPUTS = inputTestInformation(PASSWORD);

describe('Test Information from the inputs', () => {
  it('creates the primary locale, fills the review details, then submits; a second plan is empty', () => {
    const before = emptyApp('de-DE');
    const plan = planReconcile(desiredWith(FROM_INPUTS), before);
    expect(plan.operations.map((o) => o.op)).toEqual([
      'set-test-information',
      'set-review-details',
      'add-build',
      'submit-for-review',
    ]);
    expect(ofKind(plan.operations, 'set-test-information')).toEqual([
      {
        op: 'set-test-information',
        target: 'de-DE',
        detail: 'create Test Information (de-DE): beta app description, feedback email',
        change: 'new locale: beta app description, feedback email',
        locale: 'de-DE',
        localizationId: null,
        fields: { description: 'A beta of the app.', feedbackEmail: 'beta@example.com' },
      },
    ]);
    expect(ofKind(plan.operations, 'set-review-details')).toEqual([
      {
        op: 'set-review-details',
        target: 'Beta App Review details',
        detail:
          'update the Beta App Review details: contact name, contact email, contact phone, review notes, demo account (hidden)',
        change: 'contact name, contact email, contact phone, review notes, demo account (hidden)',
        reviewDetailId: 'rd1',
        fields: {
          contactFirstName: 'Jane',
          contactLastName: 'Appleseed',
          contactEmail: 'jane@example.com',
          contactPhone: '+1 555 0100',
          notes: 'Use the demo account.',
          demoAccountName: 'reviewer',
          demoAccountPassword: PASSWORD,
          demoAccountRequired: true,
        },
      },
    ]);
    const after = stateAfter(before, plan.operations);
    expect(planReconcile(desiredWith(FROM_INPUTS), after).operations).toEqual([]);
  });

  it('updates only the fields that differ, and leaves alone what the inputs leave empty', () => {
    const d = desiredWith({
      locales: [
        {
          locale: null,
          description: null,
          feedbackEmail: 'new@example.com',
          marketingUrl: null,
          privacyPolicyUrl: null,
        },
      ],
      review: {
        contact: {
          firstName: null,
          lastName: null,
          email: 'JANE@example.com',
          phone: '+1 555 0199',
        },
        notes: null,
        demoAccount: null,
      },
    });
    const plan = planReconcile(d, current());
    expect([
      ...ofKind(plan.operations, 'set-test-information'),
      ...ofKind(plan.operations, 'set-review-details'),
    ]).toMatchObject([
      {
        detail: 'update Test Information (en-US): feedback email',
        localizationId: 'loc-en',
        fields: { feedbackEmail: 'new@example.com' },
      },
      // The email differs only in letter case: not a change. The phone is kept as typed.
      {
        detail: 'update the Beta App Review details: contact phone',
        fields: { contactPhone: '+1 555 0199' },
      },
    ]);
    expect(planReconcile(desiredState(), current()).operations.map((o) => o.op)).toEqual([
      'add-build',
      'submit-for-review',
    ]);
  });

  it('plans, reports and details the demo account only as "demo account (hidden)"', () => {
    const plan = planReconcile(desiredWith(FROM_INPUTS), emptyApp());
    const shown = JSON.stringify([
      plan.operations.map(toPlannedOperation),
      plan.testInformation,
      plan.warnings,
    ]);
    expect(shown).not.toContain(PASSWORD);
    expect(shown).toContain('demo account (hidden)');
    expect(plan.testInformation).toEqual([
      { field: 'Beta app description (en-US)', value: 'A beta of the app.', changed: true },
      { field: 'Feedback email (en-US)', value: 'beta@example.com', changed: true },
      {
        field: 'Review contact',
        value: 'Jane Appleseed <jane@example.com> +1 555 0100',
        changed: true,
      },
      { field: 'Review notes', value: 'Use the demo account.', changed: true },
      { field: 'Demo account', value: 'demo account (hidden)', changed: true },
    ]);
  });

  it('compares the password when Apple returns it, and leaves it alone when Apple returns it empty', () => {
    const withDemo = (password: string | null): CurrentState => {
      const info = completeTestInformation();
      return current({
        testInformation: {
          ...info,
          reviewDetail: {
            ...info.reviewDetail!,
            demoAccountName: 'reviewer',
            demoAccountPassword: password,
            demoAccountRequired: true,
          },
        },
      });
    };
    const d = desiredWith({
      review: { contact: null, notes: null, demoAccount: { name: 'reviewer', password: PASSWORD } },
    });
    expect(ofKind(planReconcile(d, withDemo(PASSWORD)).operations, 'set-review-details')).toEqual(
      [],
    );
    expect(ofKind(planReconcile(d, withDemo(null)).operations, 'set-review-details')).toEqual([]);
    expect(ofKind(planReconcile(d, withDemo('')).operations, 'set-review-details')).toEqual([]);
    expect(
      ofKind(planReconcile(d, withDemo('old-password')).operations, 'set-review-details'),
    ).toMatchObject([
      {
        detail: 'update the Beta App Review details: demo account (hidden)',
        fields: { demoAccountName: 'reviewer', demoAccountPassword: PASSWORD },
      },
    ]);
    const renamed = desiredWith({
      review: { contact: null, notes: null, demoAccount: { name: 'other', password: PASSWORD } },
    });
    expect(
      ofKind(planReconcile(renamed, withDemo(null)).operations, 'set-review-details'),
    ).toMatchObject([{ fields: { demoAccountName: 'other', demoAccountPassword: PASSWORD } }]);
  });
});

describe('Test Information beyond the inputs (the config file of issue 10)', () => {
  const ALL: Partial<DesiredTestInformation> = {
    locales: [
      {
        locale: 'en-US',
        description: 'A beta of the app.',
        feedbackEmail: 'beta@example.com',
        marketingUrl: 'https://example.com',
        privacyPolicyUrl: 'https://example.com/privacy',
      },
      {
        locale: 'fr-FR',
        description: "Une bêta de l'app.",
        feedbackEmail: 'beta@example.com',
        marketingUrl: 'https://example.com/fr',
        privacyPolicyUrl: null,
      },
    ],
    licenseAgreement: 'Do not share the beta.',
  };

  it('sets every locale with its URLs and the license agreement; a second plan is empty', () => {
    const before = current();
    const plan = planReconcile(desiredWith(ALL), before);
    expect(
      plan.operations
        .filter((o) => o.op !== 'add-build' && o.op !== 'submit-for-review')
        .map(toPlannedOperation),
    ).toEqual([
      {
        op: 'set-test-information',
        target: 'en-US',
        detail: 'update Test Information (en-US): marketing URL, privacy policy URL',
        change: 'marketing URL, privacy policy URL',
      },
      {
        op: 'set-test-information',
        target: 'fr-FR',
        detail:
          'create Test Information (fr-FR): beta app description, feedback email, marketing URL',
        change: 'new locale: beta app description, feedback email, marketing URL',
      },
      {
        op: 'set-license-agreement',
        target: 'license agreement',
        detail: 'update the beta license agreement (22 characters)',
        change: '22 characters',
      },
    ]);
    expect(ofKind(plan.operations, 'set-test-information')[1]).toMatchObject({
      localizationId: null,
      fields: {
        description: "Une bêta de l'app.",
        feedbackEmail: 'beta@example.com',
        marketingUrl: 'https://example.com/fr',
      },
    });
    const again = planReconcile(desiredWith(ALL), stateAfter(before, plan.operations));
    expect(again.operations).toEqual([]);
    expect(again.testInformation.filter((f) => f.changed)).toEqual([]);
  });

  it('updates a locale written in another letter case instead of adding a twin', () => {
    const d = desiredWith({
      locales: [
        {
          locale: 'EN-us',
          description: 'New text.',
          feedbackEmail: null,
          marketingUrl: null,
          privacyPolicyUrl: null,
        },
      ],
    });
    expect(ofKind(planReconcile(d, current()).operations, 'set-test-information')).toMatchObject([
      { target: 'en-US', localizationId: 'loc-en', fields: { description: 'New text.' } },
    ]);
  });

  it('merges the primary locale given twice, and refuses two different values for one field', () => {
    const primary = {
      locale: null,
      description: 'A beta of the app.',
      feedbackEmail: null,
      marketingUrl: null,
      privacyPolicyUrl: null,
    };
    const explicit = {
      locale: 'en-US',
      description: null,
      feedbackEmail: 'other@example.com',
      marketingUrl: null,
      privacyPolicyUrl: null,
    };
    expect(
      ofKind(
        planReconcile(desiredWith({ locales: [primary, explicit] }), current()).operations,
        'set-test-information',
      ),
    ).toMatchObject([{ target: 'en-US', fields: { feedbackEmail: 'other@example.com' } }]);
    const contradicting = { ...explicit, description: 'Another text.' };
    expect(
      thrownMessage(
        () => planReconcile(desiredWith({ locales: [primary, contradicting] }), current()),
        ReconcileError,
      ),
    ).toBe(
      "Test Information for en-US (the app's primary locale) is declared twice with different values for its beta app description: declare each locale's beta app description once.",
    );
  });
});

describe('preflight: Beta App Review needs complete Test Information', () => {
  const review = (d: DesiredState, c: CurrentState) =>
    thrownMessage(() => planReconcile(d, c), ReconcileError);

  it('names every missing field and the inputs that fill them, before any change', () => {
    expect(review(desiredState(), emptyApp('de-DE'))).toBe(
      "Build 42 (1.2.0) would be submitted for Beta App Review, but the Test Information of Example (com.example.app) lacks the beta app description (de-DE), the feedback email (de-DE) and the review contact's first name, last name, email and phone number, which Apple requires before an external review: set `beta-description`, `feedback-email` and `review-contact` (`First Last <email> +phone`), or fill them in under TestFlight → Test Information in App Store Connect, then re-run.",
    );
  });

  it('names only the fields still missing once the inputs are applied', () => {
    const d = desiredWith({
      locales: FROM_INPUTS.locales,
      review: {
        contact: {
          firstName: 'Jane',
          lastName: 'Appleseed',
          email: 'jane@example.com',
          phone: null,
        },
        notes: null,
        demoAccount: null,
      },
    });
    expect(review(d, emptyApp())).toBe(
      "Build 42 (1.2.0) would be submitted for Beta App Review, but the Test Information of Example (com.example.app) lacks the review contact's phone number, which Apple requires before an external review: set `review-contact` (`First Last <email> +phone`), or fill it in under TestFlight → Test Information in App Store Connect, then re-run.",
    );
    expect(planReconcile(desiredWith(FROM_INPUTS), emptyApp()).reviewState).toBe('would-submit');
  });

  it('asks for the demo account the app says reviewers need', () => {
    const info = completeTestInformation();
    const required = current({
      testInformation: {
        ...info,
        reviewDetail: { ...info.reviewDetail!, demoAccountRequired: true },
      },
    });
    expect(review(desiredState(), required)).toBe(
      'Build 42 (1.2.0) would be submitted for Beta App Review, but the Test Information of Example (com.example.app) lacks the demo account the reviewers are told to use, which Apple requires before an external review: set `demo-account` (`name:password`, from a secret), or fill it in under TestFlight → Test Information in App Store Connect, then re-run.',
    );
  });

  it('checks nothing when nothing is submitted: internal groups only, or already in review', () => {
    const internalOnly = desiredState({ submitForReview: 'never' });
    expect(planReconcile(internalOnly, emptyApp()).operations.map((o) => o.op)).toEqual([
      'add-build',
    ]);
    const inReview: CurrentState = {
      ...emptyApp(),
      reviewSubmissions: [{ id: 'r1', state: 'WAITING_FOR_REVIEW', submittedDate: null }],
    };
    const submitted = planReconcile(desiredState(), inReview);
    expect([submitted.operations.map((o) => o.op), submitted.reviewState]).toEqual([
      ['add-build'],
      'WAITING_FOR_REVIEW',
    ]);
  });
});

describe('the summary rows of Test Information', () => {
  it('show nothing on a run that neither declares Test Information nor submits for review', () => {
    const info = completeTestInformation();
    const demoRequired = current({
      build: null,
      testInformation: {
        ...info,
        reviewDetail: {
          ...info.reviewDetail!,
          demoAccountName: 'reviewer',
          demoAccountRequired: true,
        },
      },
    });
    expect(planReconcile(desiredState(), demoRequired).testInformation).toEqual([]);
    // With a review in play, the demo account Apple requires is shown, hidden.
    const inPlay = planReconcile(desiredState(), { ...demoRequired, build: current().build });
    expect(inPlay.testInformation.at(-1)).toEqual({
      field: 'Demo account',
      value: 'demo account (hidden)',
      changed: false,
    });
  });
});
