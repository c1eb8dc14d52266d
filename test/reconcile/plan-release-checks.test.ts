// The planner's build-level checks of a first external release: export compliance through an App Encryption
// Declaration, the review of a hotfix whose version is already in review, and the notification that waits for
// the review's approval.
import { describe, expect, it } from 'vitest';
import type { EncryptionDeclarationInfo } from '../../src/asc/index.js';
import type { CurrentState } from '../../src/reconcile/current.js';
import type { DesiredState } from '../../src/reconcile/desired.js';
import { toPlannedOperation } from '../../src/reconcile/operations.js';
import { planReconcile } from '../../src/reconcile/plan.js';
import { ReconcileError } from '../../src/reconcile/reconcile-error.js';
import { appBuild, buildInfo, desiredState } from '../helpers/factories.js';
import { thrownMessage } from '../helpers/failures.js';
import { current, stateAfter } from './plan-fixtures.js';

const failure = (d: DesiredState, c: CurrentState): string =>
  thrownMessage(() => planReconcile(d, c), ReconcileError);

function declaration(id: string, overrides: Partial<EncryptionDeclarationInfo> = {}) {
  return {
    id,
    platform: 'IOS' as const,
    state: 'APPROVED' as const,
    usesEncryption: true,
    exempt: true,
    ...overrides,
  };
}

/** Build 42 without export compliance, with these declarations. */
const noCompliance = (declarations: EncryptionDeclarationInfo[]) =>
  current({
    build: buildInfo({ usesNonExemptEncryption: null }),
    encryptionDeclarations: declarations,
  });

describe('export compliance through an encryption declaration', () => {
  it('auto: assigns the one approved declaration of the platform, before the build goes to groups', () => {
    const c = noCompliance([
      declaration('d-mac', { platform: 'MAC_OS' }),
      declaration('d-draft', { state: 'IN_REVIEW' }),
      declaration('d-ios'),
    ]);
    const plan = planReconcile(desiredState({ encryptionDeclaration: 'auto' }), c);
    expect(plan.operations.map(toPlannedOperation).slice(0, 2)).toEqual([
      {
        op: 'assign-encryption-declaration',
        target: 'build 42',
        detail:
          'answer the export compliance of build 42 (1.2.0) with App Encryption Declaration d-ios',
        change: 'export compliance: not set → App Encryption Declaration d-ios',
      },
      {
        op: 'add-build',
        target: 'build 42',
        detail: 'add build 42 (1.2.0) to Beta',
        change: 'to Beta',
      },
    ]);
    expect(plan.operations[0]).toMatchObject({ buildId: 'b42', declarationId: 'd-ios' });
    expect(
      planReconcile(desiredState({ encryptionDeclaration: 'auto' }), stateAfter(c, plan.operations))
        .operations,
    ).toEqual([]);
  });

  it('auto: fails before any change when none is approved for the platform, naming what exists', () => {
    expect(
      failure(
        desiredState({ encryptionDeclaration: 'auto' }),
        noCompliance([
          declaration('d-mac', { platform: 'MAC_OS' }),
          declaration('d-new', { state: 'CREATED' }),
        ]),
      ),
    ).toBe(
      "`encryption-declaration: auto` found no approved App Encryption Declaration for IOS to answer the export compliance of build 42 (1.2.0) (the app has d-mac (APPROVED, MAC_OS), d-new (CREATED, IOS)): wait until Apple approves one, set `encryption-declaration` to an approved declaration's ID, or set `uses-non-exempt-encryption` instead.",
    );
    expect(failure(desiredState({ encryptionDeclaration: 'auto' }), noCompliance([]))).toContain(
      '(the app has none)',
    );
  });

  it('auto: fails when several are approved, listing their IDs; an ID chooses one', () => {
    const c = noCompliance([declaration('d-1'), declaration('d-2')]);
    expect(failure(desiredState({ encryptionDeclaration: 'auto' }), c)).toBe(
      '`encryption-declaration: auto` found several approved App Encryption Declarations for IOS (d-1, d-2) and will not guess which one answers the export compliance of build 42 (1.2.0): set `encryption-declaration` to the ID of the one to use.',
    );
    const chosen = planReconcile(desiredState({ encryptionDeclaration: { id: 'd-2' } }), c);
    expect(chosen.operations[0]).toMatchObject({ declarationId: 'd-2' });
  });

  it('fails on an ID the app does not have, or one not approved for the platform', () => {
    const c = noCompliance([declaration('d-1'), declaration('d-old', { state: 'EXPIRED' })]);
    expect(failure(desiredState({ encryptionDeclaration: { id: 'd-9' } }), c)).toBe(
      '`encryption-declaration` is d-9, which is not an App Encryption Declaration of the app (it has d-1 (APPROVED, IOS), d-old (EXPIRED, IOS)): set it to one of those IDs, or to `auto`.',
    );
    expect(failure(desiredState({ encryptionDeclaration: { id: 'd-old' } }), c)).toBe(
      'App Encryption Declaration d-old is EXPIRED for IOS, and only an approved declaration for IOS can answer the export compliance of build 42 (1.2.0): set `encryption-declaration` to such a declaration (or `auto`), or set `uses-non-exempt-encryption` instead.',
    );
  });

  it('must agree with uses-non-exempt-encryption when both are set', () => {
    const exempt = noCompliance([declaration('d-1')]);
    expect(
      failure(
        desiredState({ encryptionDeclaration: 'auto', usesNonExemptEncryption: true }),
        exempt,
      ),
    ).toBe(
      '`uses-non-exempt-encryption: true` contradicts App Encryption Declaration d-1, which declares no non-exempt encryption: set `uses-non-exempt-encryption` to `false` or leave it empty, or choose another declaration.',
    );
    const agreeing = planReconcile(
      desiredState({ encryptionDeclaration: 'auto', usesNonExemptEncryption: false }),
      exempt,
    );
    // One request answers it: the declaration, not also the PATCH.
    expect(agreeing.operations.map((o) => o.op)).toEqual([
      'assign-encryption-declaration',
      'add-build',
      'submit-for-review',
    ]);
  });

  it('leaves a build that has export compliance alone', () => {
    const plan = planReconcile(desiredState({ encryptionDeclaration: 'auto' }), current());
    expect(plan.operations.map((o) => o.op)).toEqual(['add-build', 'submit-for-review']);
  });

  it('mentions encryption-declaration: auto in the missing-compliance sentence when one is approved', () => {
    expect(failure(desiredState(), noCompliance([declaration('d-1')]))).toBe(
      "Build 42 (1.2.0) has no export compliance answer, and testers cannot install it until it has one: set `uses-non-exempt-encryption` to `true` if the app uses encryption beyond Apple's exemptions, else `false`, or set `encryption-declaration: auto` to answer it with the app's approved App Encryption Declaration (or add ITSAppUsesNonExemptEncryption to its Info.plist).",
    );
    expect(
      failure(desiredState(), noCompliance([declaration('d-1', { state: 'IN_REVIEW' })])),
    ).not.toContain('encryption-declaration');
  });
});

describe('Beta App Review of a hotfix', () => {
  it('skips the submission with a warning while another build of the same version is in review', () => {
    const inReview = appBuild({ id: 'b41', number: '41', reviewState: 'IN_REVIEW' });
    const plan = planReconcile(desiredState(), current({ appBuilds: [inReview] }));
    expect(plan.operations.map((o) => o.op)).toEqual(['add-build']);
    expect(plan.reviewState).toBe('skipped');
    expect(plan.warnings).toContain(
      'Build 42 (1.2.0) was not submitted for Beta App Review because build 41 (1.2.0) of the same version is already in review, and Apple reviews one build per version at a time: re-run once that review is done, or remove that build from review in App Store Connect.',
    );
  });

  it('submits beside a build of another version in review, or one of the same version already approved', () => {
    const other = appBuild({
      id: 'b50',
      number: '50',
      marketingVersion: '1.1.0',
      reviewState: 'WAITING_FOR_REVIEW',
    });
    const approved = appBuild({ id: 'b41', number: '41', reviewState: 'APPROVED' });
    const plan = planReconcile(desiredState(), current({ appBuilds: [other, approved] }));
    expect(plan.operations.map((o) => o.op)).toEqual(['add-build', 'submit-for-review']);
  });
});

describe('the notification when the run waits for the review', () => {
  const autoNotifyOff = buildInfo({
    betaDetail: {
      id: 'bd42',
      autoNotifyEnabled: false,
      internalBuildState: null,
      externalBuildState: null,
    },
  });
  const notifying = desiredState({ notifyTesters: true });

  it('waits for the approval when the run waits for the review', () => {
    const plan = planReconcile(notifying, current({ build: autoNotifyOff }), {
      waitsForReview: true,
    });
    expect(plan.operations.at(-1)).toEqual({
      op: 'notify-testers',
      target: 'build 42',
      detail:
        'notify the testers of build 42 (1.2.0) once Beta App Review approves it (automatic notification is off)',
      change: 'once Beta App Review approves it (automatic notification is off)',
      buildId: 'b42',
      afterApproval: true,
    });
  });

  it('is still owed on a re-run while the review is open, and not once it was approved', () => {
    const submitted = (state: 'WAITING_FOR_REVIEW' | 'APPROVED') =>
      current({
        build: autoNotifyOff,
        groupIdsWithBuild: ['g-Beta'],
        reviewSubmissions: [{ id: 'r1', state, submittedDate: null }],
      });
    const open = planReconcile(notifying, submitted('WAITING_FOR_REVIEW'), {
      waitsForReview: true,
    });
    expect(open.operations.map((o) => [o.op, 'afterApproval' in o && o.afterApproval])).toEqual([
      ['notify-testers', true],
    ]);
    expect(
      planReconcile(notifying, submitted('APPROVED'), { waitsForReview: true }).operations,
    ).toEqual([]);
    // Without the wait, as before: once, on the run that adds the build.
    expect(planReconcile(notifying, submitted('WAITING_FOR_REVIEW')).operations).toEqual([]);
    const adding = planReconcile(notifying, current({ build: autoNotifyOff }));
    expect(adding.operations.at(-1)).toMatchObject({ op: 'notify-testers', afterApproval: false });
  });
});
