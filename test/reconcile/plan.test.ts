import { describe, expect, it } from 'vitest';
import { toPlannedOperation, type Operation } from '../../src/reconcile/operations.js';
import { planReconcile } from '../../src/reconcile/plan.js';
import { ReconcileError } from '../../src/reconcile/reconcile-error.js';
import type { CurrentState } from '../../src/reconcile/current.js';
import type { DesiredState } from '../../src/reconcile/desired.js';
import {
  appBuild,
  buildInfo,
  desiredGroup,
  desiredState,
  groupInfo,
  testerInfo,
} from '../helpers/factories.js';
import { current, stateAfter } from './plan-fixtures.js';
import { thrownMessage } from '../helpers/failures.js';

const ops = (operations: Operation[]) => operations.map((o) => o.op);

const failure = (d: DesiredState, c: CurrentState): string =>
  thrownMessage(() => planReconcile(d, c), ReconcileError);

describe('groups', () => {
  it('fails on unknown group names, naming the groups that exist', () => {
    const d = desiredState({
      groups: [desiredGroup('Beta'), desiredGroup('QA'), desiredGroup('Ops')],
    });
    const c = current({ groups: [groupInfo('Beta'), groupInfo('External Testers')] });
    expect(failure(d, c)).toBe(
      'Beta groups "QA", "Ops" do not exist in Example (com.example.app) (its groups are "Beta", "External Testers"): fix the names in `groups`, or set `create-missing-groups: true` to create them.',
    );
    expect(failure(desiredState(), current({ groups: [] }))).toBe(
      'Beta group "Beta" does not exist in Example (com.example.app) (it has no beta groups yet): fix the names in `groups`, or set `create-missing-groups: true` to create them.',
    );
  });

  it('fails on a name shared by two groups, naming their types, even with create-missing-groups', () => {
    const c = current({
      groups: [groupInfo('Beta', { id: 'g1', isInternal: true }), groupInfo('Beta', { id: 'g2' })],
    });
    expect(
      failure(desiredState({ groups: [desiredGroup('Beta', { createAs: 'external' })] }), c),
    ).toBe(
      'Beta group name "Beta" (2 groups: internal, external) is shared by several groups of Example (com.example.app), so the action cannot tell which one you mean: rename the groups in App Store Connect so that each name is unique.',
    );
  });

  it('fails on a name that differs from an existing group only in letter case, even with create-missing-groups', () => {
    const c = current({ groups: [groupInfo('Beta'), groupInfo('QA Team', { id: 'g2' })] });
    expect(
      failure(
        desiredState({
          groups: [
            desiredGroup('beta', { createAs: 'external' }),
            desiredGroup('New', { createAs: 'external' }),
          ],
        }),
        c,
      ),
    ).toBe(
      'Beta group name "beta" (App Store Connect has "Beta") differs from an existing group of Example (com.example.app) only in letter case, so the action will neither guess nor create a near-duplicate: write the name in `groups` exactly as App Store Connect shows it.',
    );
    expect(
      failure(desiredState({ groups: [desiredGroup('beta'), desiredGroup('qa team')] }), c),
    ).toBe(
      'Beta group names "beta" (App Store Connect has "Beta"), "qa team" (App Store Connect has "QA Team") differ from existing groups of Example (com.example.app) only in letter case, so the action will neither guess nor create a near-duplicate: write the name in `groups` exactly as App Store Connect shows it.',
    );
  });

  it('creates missing groups of group-type, internal ones without access to all builds', () => {
    const d = desiredState({
      groups: [
        desiredGroup('New External', {
          createAs: 'external',
          feedbackEnabled: false,
          publicLinkLimit: 50,
        }),
        desiredGroup('New Internal', { createAs: 'internal' }),
      ],
    });
    const plan = planReconcile(d, current({ groups: [], build: null }));
    expect(plan.operations).toEqual([
      {
        op: 'create-group',
        target: 'New External',
        detail: 'create external group New External (feedback off, public link limit 50)',
        change: 'external, feedback off, public link limit 50',
        buildId: null,
        attributes: {
          name: 'New External',
          isInternalGroup: false,
          feedbackEnabled: false,
          publicLinkLimitEnabled: true,
          publicLinkLimit: 50,
        },
      },
      {
        op: 'create-group',
        target: 'New Internal',
        detail: 'create internal group New Internal',
        change: 'internal',
        buildId: null,
        attributes: { name: 'New Internal', isInternalGroup: true, hasAccessToAllBuilds: false },
      },
    ]);
    expect(plan.groups.map((g) => [g.name, g.id, g.type, g.created, g.build])).toEqual([
      ['New External', null, 'external', true, 'none'],
      ['New Internal', null, 'internal', true, 'none'],
    ]);
  });

  it('skips internal groups that get every build, and groups that have the build already', () => {
    const d = desiredState({
      groups: [desiredGroup('Team'), desiredGroup('Beta'), desiredGroup('QA')],
      submitForReview: 'never',
    });
    const c = current({
      groups: [
        groupInfo('Team', { isInternal: true, hasAccessToAllBuilds: true }),
        groupInfo('Beta'),
        groupInfo('QA', { isInternal: true }),
      ],
      groupIdsWithBuild: ['g-Beta'],
    });
    const plan = planReconcile(d, c);
    expect(plan.groups.map((g) => g.build)).toEqual(['all-builds', 'already', 'added']);
    expect(plan.operations.map(toPlannedOperation)).toEqual([
      {
        op: 'add-build',
        target: 'build 42',
        detail: 'add build 42 (1.2.0) to QA',
        change: 'to QA',
      },
    ]);
  });

  it('puts the build in every group that lacks it with one operation', () => {
    const d = desiredState({ groups: [desiredGroup('Beta'), desiredGroup('QA')] });
    const c = current({ groups: [groupInfo('Beta'), groupInfo('QA')] });
    const add = planReconcile(d, c).operations.filter((o) => o.op === 'add-build');
    expect(add.map(toPlannedOperation)).toEqual([
      {
        op: 'add-build',
        target: 'build 42',
        detail: 'add build 42 (1.2.0) to Beta, QA',
        change: 'to Beta, QA',
      },
    ]);
  });

  it('refuses an internal-only build for external groups', () => {
    expect(
      failure(desiredState(), current({ build: buildInfo({ audience: 'INTERNAL_ONLY' }) })),
    ).toBe(
      'Build 42 (1.2.0) was uploaded for internal testing only, so it cannot go to the external group(s) Beta: upload a build without "TestFlight Internal Only", or list only internal groups.',
    );
  });
});

describe('export compliance', () => {
  const unanswered = buildInfo({ usesNonExemptEncryption: null });

  it('fails with the sentence that names the input when external groups need it', () => {
    expect(failure(desiredState(), current({ build: unanswered }))).toBe(
      "Build 42 (1.2.0) has no export compliance answer, and testers cannot install it until it has one: set `uses-non-exempt-encryption` to `true` if the app uses encryption beyond Apple's exemptions, else `false` (or add ITSAppUsesNonExemptEncryption to its Info.plist).",
    );
  });

  it('fails for a manual internal group too, and for an all-builds group when the beta detail says so', () => {
    const manual = desiredState({ groups: [desiredGroup('Team')] });
    expect(
      failure(
        manual,
        current({ build: unanswered, groups: [groupInfo('Team', { isInternal: true })] }),
      ),
    ).toMatch(/^Build 42 \(1\.2\.0\) has no export compliance answer/);

    const everyBuild = desiredState({ groups: [desiredGroup('All')] });
    const groups = [groupInfo('All', { isInternal: true, hasAccessToAllBuilds: true })];
    expect(planReconcile(everyBuild, current({ build: unanswered, groups })).operations).toEqual(
      [],
    );
    const missing = buildInfo({
      usesNonExemptEncryption: null,
      betaDetail: { ...unanswered.betaDetail!, internalBuildState: 'MISSING_EXPORT_COMPLIANCE' },
    });
    expect(failure(everyBuild, current({ build: missing, groups }))).toMatch(
      /^Build 42 \(1\.2\.0\) has no export compliance answer/,
    );
  });

  it('sets it before the build goes to the groups', () => {
    const plan = planReconcile(
      desiredState({ usesNonExemptEncryption: false, submitForReview: 'never' }),
      current({ build: unanswered }),
    );
    expect(plan.operations.map(toPlannedOperation)).toEqual([
      {
        op: 'set-export-compliance',
        target: 'build 42',
        detail: 'set usesNonExemptEncryption to false on build 42 (1.2.0)',
        change: 'usesNonExemptEncryption: not set → false',
      },
      {
        op: 'add-build',
        target: 'build 42',
        detail: 'add build 42 (1.2.0) to Beta',
        change: 'to Beta',
      },
    ]);
  });

  it('never changes an answer the build has, and warns when the input differs', () => {
    const plan = planReconcile(
      desiredState({ usesNonExemptEncryption: true }),
      current({ groupIdsWithBuild: ['g-Beta'], reviewSubmissions: null, build: buildInfo() }),
    );
    expect(ops(plan.operations)).not.toContain('set-export-compliance');
    expect(plan.warnings).toContain(
      "Build 42 (1.2.0) already declares usesNonExemptEncryption: false, which differs from `uses-non-exempt-encryption: true`; App Store Connect keeps the build's answer.",
    );
  });
});

describe('group settings', () => {
  it('enables a public link only after the build is in the group', () => {
    const d = desiredState({ groups: [desiredGroup('Beta', { publicLink: 'enabled' })] });
    const plan = planReconcile(d, current());
    expect(ops(plan.operations)).toEqual(['add-build', 'update-group', 'submit-for-review']);
    expect(plan.operations[1]).toMatchObject({
      detail: 'change Beta: public link disabled → enabled',
      attributes: { publicLinkEnabled: true },
    });
  });

  it('fails before any change when the link of a new group would wait for a build', () => {
    const d = desiredState({
      groups: [desiredGroup('Fresh', { createAs: 'external', publicLink: 'enabled' })],
    });
    expect(
      thrownMessage(() => planReconcile(d, current({ groups: [], build: null })), ReconcileError),
    ).toBe(
      'Group Fresh would be created without a build and this run brings none, so App Store Connect will not enable its public link: set `build-number` so the build goes to the group in the same run, or leave `public-link` empty until the group has a build.',
    );
  });

  it('enables the link of an existing group without a build in this run only when the group holds one', () => {
    const d = desiredState({ groups: [desiredGroup('Beta', { publicLink: 'enabled' })] });
    const empty = () =>
      planReconcile(
        d,
        current({ build: null, groupIdsWithoutBuilds: new Set([groupInfo('Beta').id]) }),
      );
    expect(thrownMessage(empty, ReconcileError)).toBe(
      'Group Beta holds no build and this run brings none, so App Store Connect will not enable its public link: set `build-number` so the build goes to the group in the same run, or leave `public-link` empty until the group has a build.',
    );
    const holding = planReconcile(
      d,
      current({ build: null, appBuilds: [appBuild({ groupIds: ['g-Beta'] })] }),
    );
    expect(ops(holding.operations)).toEqual(['update-group']);
    expect(holding.warnings).toEqual([]);
  });

  it('changes limit, feedback and link of external groups only where they differ', () => {
    const d = desiredState({
      groups: [
        desiredGroup('Beta', {
          publicLink: 'disabled',
          publicLinkLimit: 100,
          feedbackEnabled: false,
        }),
        desiredGroup('Same', {
          publicLink: 'enabled',
          publicLinkLimit: 100,
          feedbackEnabled: true,
        }),
      ],
      submitForReview: 'never',
    });
    const c = current({
      build: null,
      groups: [
        groupInfo('Beta', {
          publicLinkEnabled: true,
          publicLink: 'https://testflight.apple.com/join/x',
        }),
        groupInfo('Same', {
          publicLinkEnabled: true,
          publicLinkLimitEnabled: true,
          publicLinkLimit: 100,
        }),
      ],
    });
    expect(planReconcile(d, c).operations).toEqual([
      {
        op: 'update-group',
        target: 'Beta',
        detail:
          'change Beta: feedback on → off; public link limit none → 100; public link enabled → disabled',
        change: 'feedback on → off; public link limit none → 100; public link enabled → disabled',
        group: { name: 'Beta', id: 'g-Beta', internal: false },
        attributes: {
          feedbackEnabled: false,
          publicLinkLimitEnabled: true,
          publicLinkLimit: 100,
          publicLinkEnabled: false,
        },
      },
    ]);
  });

  it('leaves link settings of internal groups alone, with a warning', () => {
    const d = desiredState({ groups: [desiredGroup('Team', { publicLink: 'enabled' })] });
    const c = current({
      groups: [groupInfo('Team', { isInternal: true, publicLinkEnabled: null })],
    });
    const plan = planReconcile(d, c);
    expect(ops(plan.operations)).toEqual(['add-build']);
    expect(plan.warnings).toEqual([
      'Group Team is internal, and public-link, public-link-limit and feedback-enabled apply only to external groups, so they were left alone for it.',
    ]);
  });
});

describe('testers', () => {
  const listed = [
    { email: 'member@example.com' },
    { email: 'elsewhere@example.com' },
    { email: 'new@example.com', firstName: 'New', lastName: 'Person' },
  ];

  it('adds existing testers per group, invites new ones with all their groups, removes unlisted', () => {
    const d = desiredState({
      groups: [
        desiredGroup('Beta', { testers: listed, removeUnlistedTesters: true }),
        desiredGroup('QA', { testers: listed }),
      ],
    });
    const c = current({
      groups: [groupInfo('Beta'), groupInfo('QA')],
      groupIdsWithBuild: ['g-Beta', 'g-QA'],
      reviewSubmissions: [{ id: 'r', state: 'APPROVED', submittedDate: null }],
      groupTesters: new Map([
        ['g-Beta', [testerInfo('Member@Example.com', 't1'), testerInfo('old@example.com', 't9')]],
        ['g-QA', []],
      ]),
      otherTesters: [testerInfo('elsewhere@example.com', 't2')],
    });
    const plan = planReconcile(d, c);
    expect(plan.operations).toEqual([
      {
        op: 'add-testers',
        target: 'Beta',
        detail: 'add elsewhere@example.com to Beta',
        change: '1 tester',
        group: { name: 'Beta', id: 'g-Beta', internal: false },
        testers: [{ id: 't2', email: 'elsewhere@example.com' }],
      },
      {
        op: 'remove-testers',
        target: 'Beta',
        detail: 'remove old@example.com from Beta',
        change: '1 tester',
        group: { name: 'Beta', id: 'g-Beta', internal: false },
        testers: [{ id: 't9', email: 'old@example.com' }],
      },
      {
        op: 'add-testers',
        target: 'QA',
        detail: 'add member@example.com, elsewhere@example.com to QA',
        change: '2 testers',
        group: { name: 'QA', id: 'g-QA', internal: false },
        testers: [
          { id: 't1', email: 'member@example.com' },
          { id: 't2', email: 'elsewhere@example.com' },
        ],
      },
      {
        op: 'create-tester',
        target: 'new@example.com',
        detail: 'invite new@example.com to Beta, QA',
        change: 'to Beta, QA',
        tester: listed[2],
        groups: [
          { name: 'Beta', id: 'g-Beta', internal: false },
          { name: 'QA', id: 'g-QA', internal: false },
        ],
      },
    ]);
    expect(plan.groups.map((g) => [g.testersAdded, g.testersRemoved, g.testersUnchanged])).toEqual([
      [['elsewhere@example.com', 'new@example.com'], ['old@example.com'], 1],
      [['member@example.com', 'elsewhere@example.com', 'new@example.com'], [], 0],
    ]);
  });

  it('invites testers into a group created in the same run', () => {
    const d = desiredState({
      groups: [
        desiredGroup('Fresh', { createAs: 'external', testers: [{ email: 'a@example.com' }] }),
      ],
      submitForReview: 'never',
    });
    const plan = planReconcile(d, current({ groups: [], build: null }));
    expect(plan.operations.map(toPlannedOperation)).toEqual([
      {
        op: 'create-group',
        target: 'Fresh',
        detail: 'create external group Fresh',
        change: 'external',
      },
      {
        op: 'create-tester',
        target: 'a@example.com',
        detail: 'invite a@example.com to Fresh',
        change: 'to Fresh',
      },
    ]);
    expect(plan.operations[1]).toMatchObject({ groups: [{ name: 'Fresh', id: null }] });
  });
});

describe('What to Test', () => {
  const text = 'Try the new onboarding.';
  const d = desiredState({ whatToTest: [{ locale: 'en-US', text }], submitForReview: 'never' });
  const c = (whatsNew: string | null) =>
    current({
      groupIdsWithBuild: ['g-Beta'],
      localizations: whatsNew === null ? [] : [{ id: 'l1', locale: 'en-US', whatsNew }],
    });

  it('creates the locale when missing, updates it when different, leaves it when equal', () => {
    expect(planReconcile(d, c(null)).operations).toMatchObject([
      { op: 'set-what-to-test', localizationId: null, detail: expect.stringMatching(/^create /) },
    ]);
    expect(planReconcile(d, c('Old text')).operations).toMatchObject([
      { op: 'set-what-to-test', localizationId: 'l1', detail: expect.stringMatching(/^update /) },
    ]);
    const same = planReconcile(d, c(text));
    expect([same.operations, same.whatToTest]).toEqual([[], 'already']);
  });

  it('says where the text came from when it is not the workflow’s own', () => {
    const fromRelease = desiredState({
      whatToTest: [{ locale: 'en-US', text, source: 'the GitHub release v1.2.0' }],
      submitForReview: 'never',
    });
    expect(planReconcile(fromRelease, c('Old text')).operations).toMatchObject([
      {
        op: 'set-what-to-test',
        detail: expect.stringMatching(/^update What to Test .* from the GitHub release v1\.2\.0$/),
        change: `${text.length} characters from the GitHub release v1.2.0, replacing the text it had`,
      },
    ]);
    expect(planReconcile(d, c(null)).operations[0]!.detail).not.toContain(' from ');
  });

  it('matches the locale without regard to case, so en-us updates en-US instead of adding a twin', () => {
    const lower = desiredState({
      whatToTest: [{ locale: 'en-us', text }],
      submitForReview: 'never',
    });
    expect(planReconcile(lower, c('Old text')).operations).toMatchObject([
      { op: 'set-what-to-test', localizationId: 'l1' },
    ]);
    expect(planReconcile(lower, c(text)).operations).toEqual([]);
  });

  it('sets each locale given on its own, and is set as soon as one of them changes', () => {
    const both = desiredState({
      // The locale to set comes first: the outcome is not merely the last locale's.
      whatToTest: [
        { locale: 'fr-FR', text: 'Essayez la nouvelle inscription.' },
        { locale: 'en-US', text },
      ],
      submitForReview: 'never',
    });
    const plan = planReconcile(both, c(text));
    expect(plan.operations).toMatchObject([
      { op: 'set-what-to-test', locale: 'fr-FR', localizationId: null },
    ]);
    expect(plan.whatToTest).toBe('set');
    const french = { id: 'l2', locale: 'fr-FR', whatsNew: 'Essayez la nouvelle inscription.' };
    const done = current({
      groupIdsWithBuild: ['g-Beta'],
      localizations: [{ id: 'l1', locale: 'en-US', whatsNew: text }, french],
    });
    expect(planReconcile(both, done)).toMatchObject({ operations: [], whatToTest: 'already' });
  });

  it('warns when there is no build to describe', () => {
    const plan = planReconcile(d, current({ build: null }));
    expect(plan.warnings).toEqual([
      'What to Test was not set because no `build-number` was given.',
      'Group Beta holds no unexpired build, so its testers have nothing to test and its public link admits no one: distribute a new build to it.',
    ]);
  });
});

describe('Beta App Review', () => {
  const inGroups = { groupIdsWithBuild: ['g-Beta', 'g-Team'] };
  const internal = { groups: [desiredGroup('Team')] };
  const internalGroups = { groups: [groupInfo('Team', { isInternal: true })] };

  it('auto: submits when an external group has the build and it was never submitted', () => {
    const plan = planReconcile(desiredState(), current(inGroups));
    expect(plan.operations.map(toPlannedOperation)).toEqual([
      {
        op: 'submit-for-review',
        target: 'build 42',
        detail: 'submit build 42 (1.2.0) for Beta App Review',
        change: 'to Beta App Review',
      },
    ]);
    // What Apple answers is known only once the real run submits.
    expect(plan.reviewState).toBe('would-submit');
  });

  it('auto: not needed for internal groups only; true: submits anyway; false: skipped', () => {
    const c = current({ ...inGroups, ...internalGroups });
    expect(planReconcile(desiredState(internal), c)).toMatchObject({
      operations: [],
      reviewState: 'not-needed',
    });
    expect(
      ops(planReconcile(desiredState({ ...internal, submitForReview: 'always' }), c).operations),
    ).toEqual(['submit-for-review']);
    expect(
      planReconcile(desiredState({ submitForReview: 'never' }), current(inGroups)),
    ).toMatchObject({
      operations: [],
      reviewState: 'skipped',
    });
    expect(planReconcile(desiredState(), current({ build: null })).reviewState).toBe('not-needed');
    expect(
      planReconcile(desiredState({ submitForReview: 'never' }), current({ build: null }))
        .reviewState,
    ).toBe('skipped');
  });

  it.each(['WAITING_FOR_REVIEW', 'IN_REVIEW', 'APPROVED'] as const)(
    'reports an existing %s submission without re-submitting',
    (state) => {
      const c = current({
        ...inGroups,
        reviewSubmissions: [{ id: 'r1', state, submittedDate: '2026-01-01T00:00:00Z' }],
      });
      const plan = planReconcile(desiredState({ submitForReview: 'always' }), c);
      expect([plan.operations, plan.reviewState, plan.warnings]).toEqual([[], state, []]);
    },
  );

  it('auto: reports a rejection with a warning and does not re-submit it', () => {
    const c = current({
      ...inGroups,
      reviewSubmissions: [{ id: 'r1', state: 'REJECTED', submittedDate: null }],
    });
    const plan = planReconcile(desiredState(), c);
    expect([plan.operations, plan.reviewState]).toEqual([[], 'REJECTED']);
    expect(plan.warnings).toEqual([
      'Beta App Review rejected build 42 (1.2.0): read the reason in App Store Connect and fix it, then re-run with `submit-for-review: true` to submit it again, or upload a new build.',
    ]);
  });

  it('true: submits a rejected build again, once', () => {
    const rejected = { id: 'r1', state: 'REJECTED' as const, submittedDate: null };
    const d = desiredState({ submitForReview: 'always' });
    const plan = planReconcile(d, current({ ...inGroups, reviewSubmissions: [rejected] }));
    expect(plan.operations.map(toPlannedOperation)).toEqual([
      {
        op: 'submit-for-review',
        target: 'build 42',
        detail: 'submit build 42 (1.2.0) for Beta App Review again (it was rejected)',
        change: 'to Beta App Review, again (it was rejected)',
      },
    ]);
    const again = current({
      ...inGroups,
      reviewSubmissions: [rejected, { id: 'r2', state: 'WAITING_FOR_REVIEW', submittedDate: null }],
    });
    expect(planReconcile(d, again)).toMatchObject({
      operations: [],
      reviewState: 'WAITING_FOR_REVIEW',
    });
  });
});

describe('notify testers', () => {
  const quiet = buildInfo({ betaDetail: { ...buildInfo().betaDetail!, autoNotifyEnabled: false } });
  const d = desiredState({ notifyTesters: true, submitForReview: 'never' });

  it('notifies once, after the build newly reaches a group with auto-notify off', () => {
    expect(ops(planReconcile(d, current({ build: quiet })).operations)).toEqual([
      'add-build',
      'notify-testers',
    ]);
    expect(
      planReconcile(d, current({ build: quiet, groupIdsWithBuild: ['g-Beta'] })).operations,
    ).toEqual([]);
    expect(ops(planReconcile(d, current()).operations)).toEqual(['add-build']);
  });
});

describe('a full first run, then a second', () => {
  const d = desiredState({
    usesNonExemptEncryption: false,
    whatToTest: [{ locale: 'en-US', text: 'New onboarding' }],
    notifyTesters: true,
    groups: [
      desiredGroup('Beta', {
        createAs: 'external',
        publicLink: 'enabled',
        publicLinkLimit: 500,
        feedbackEnabled: true,
        testers: [{ email: 'jane@example.com' }, { email: 'bob@example.com' }],
        removeUnlistedTesters: true,
      }),
      desiredGroup('Team', { createAs: 'external', testers: [{ email: 'jane@example.com' }] }),
      desiredGroup('Fresh', {
        createAs: 'external',
        publicLink: 'enabled',
        testers: [{ email: 'bob@example.com' }],
      }),
    ],
  });
  const first = current({
    build: buildInfo({
      usesNonExemptEncryption: null,
      betaDetail: { ...buildInfo().betaDetail!, autoNotifyEnabled: false },
    }),
    groups: [groupInfo('Beta'), groupInfo('Team', { isInternal: true })],
    groupTesters: new Map([
      ['g-Beta', [testerInfo('old@example.com')]],
      ['g-Team', []],
    ]),
    otherTesters: [testerInfo('jane@example.com')],
  });

  it('orders the operations so that every step finds what it needs in place', () => {
    expect(ops(planReconcile(d, first).operations)).toEqual([
      'set-export-compliance',
      'set-what-to-test',
      'create-group',
      'add-build',
      'update-group',
      'add-testers',
      'remove-testers',
      'add-testers',
      'create-tester',
      'submit-for-review',
      'notify-testers',
    ]);
  });

  it('plans nothing the second time', () => {
    const plan = planReconcile(d, stateAfter(first, planReconcile(d, first).operations));
    expect(plan.operations).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.groups.map((g) => [g.name, g.created, g.build, g.testersUnchanged])).toEqual([
      ['Beta', false, 'already', 2],
      ['Team', false, 'already', 1],
      ['Fresh', false, 'already', 1],
    ]);
  });
});
