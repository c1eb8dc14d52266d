// The planner: a pure function from declared and current state to the operations that close the gap.
// No I/O here, so every rule is testable with plain data; a second plan after apply is empty.
import { membersKnown, type CurrentState } from './current.js';
import type { DesiredState, SettingHints } from './desired.js';
import { matchGroups, type MatchedGroup } from './match-groups.js';
import { stageOf, type Operation } from './operations.js';
import {
  checkAudience,
  describeBuild,
  planExportCompliance,
  planNotification,
  planReview,
  planWhatToTest,
  resolveWhatToTest,
} from './plan-build.js';
import { planExpiry } from './plan-expiry.js';
import {
  expectedLinkLimit,
  expectedPublicLink,
  groupRef,
  planCreateGroup,
  planDeleteGroup,
  planGroupSettings,
} from './plan-groups.js';
import { planRecruitment } from './plan-recruitment.js';
import { FALLBACK_LOCALE, planTestInformation } from './plan-test-information.js';
import { planTesters } from './plan-testers.js';
import { checkReviewInformation, checkTeamMembers, checkTesterCaps } from './preflight.js';
import type { GroupExpiry, GroupOutcome, ReviewOutcome, TestInformationField } from './result.js';

export interface Plan {
  /** In the order apply runs them (see STAGES). */
  operations: Operation[];
  /** One per declared group, in declared order, as the plan expects it to end (ids null for new groups). */
  groups: GroupOutcome[];
  reviewState: ReviewOutcome;
  whatToTest: 'set' | 'already' | 'none';
  warnings: string[];
  testInformation: TestInformationField[];
  groupExpiry: GroupExpiry[];
  /** How the sentences of the plan and of applying it name the settings (the desired state's). */
  hints: SettingHints;
}

export interface PlanOptions {
  /** The run waits for the Beta App Review outcome (`wait-for-review`), so a notification can wait for it. */
  waitsForReview: boolean;
}

export function appLabel(app: CurrentState['app']): string {
  return app.name ? `${app.name} (${app.bundleId})` : app.bundleId;
}

export function planReconcile(
  desired: DesiredState,
  current: CurrentState,
  options: PlanOptions = { waitsForReview: false },
): Plan {
  const warnings: string[] = [...current.readWarnings];
  const operations: Operation[] = [];
  const build = current.build;
  const { hints } = desired;
  const all = matchGroups(desired.groups, current.groups, appLabel(current.app), hints);
  // The groups declared absent are only deleted; every other rule is about the groups that stay.
  const matched = all.filter((m) => !m.desired.absent);
  const withBuild = new Set(current.groupIdsWithBuild);

  for (const match of matched) {
    if (!match.existing) operations.push(planCreateGroup(match, build, hints));
  }

  let whatToTest: Plan['whatToTest'] = 'none';
  const buildStatus = matched.map((match) => buildStatusOf(match, build !== null, withBuild));
  // The groups this run's build goes to (or is in already): the audience, compliance and review concern them.
  const receiving = matched.filter((_, i) => buildStatus[i] !== 'excluded');
  if (build) {
    checkAudience(build, receiving);
    const compliance = planExportCompliance(
      desired,
      build,
      receiving,
      current.encryptionDeclarations,
      warnings,
    );
    if (compliance) operations.push(compliance);
    const primaryLocale = current.testInformation.primaryLocale ?? FALLBACK_LOCALE;
    for (const text of resolveWhatToTest(desired.whatToTest, primaryLocale)) {
      const planned = planWhatToTest(text, build, current.localizations ?? []);
      if (planned.operation) operations.push(planned.operation);
      // One locale to set is enough for the run to have set What to Test.
      if (whatToTest !== 'set') whatToTest = planned.outcome;
    }
    // A group this run creates gets the build in its create request.
    const lacking = matched
      .filter((match, i) => match.existing && buildStatus[i] === 'added')
      .map(groupRef);
    if (lacking.length > 0) {
      const names = lacking.map((g) => g.name).join(', ');
      operations.push({
        op: 'add-build',
        target: `build ${build.number}`,
        detail: `add build ${describeBuild(build)} to ${names}`,
        change: `to ${names}`,
        buildId: build.id,
        groups: lacking,
      });
    }
  } else if (desired.whatToTest.length > 0) {
    warnings.push(`What to Test was not set because no ${hints.input('buildNumber')} was given.`);
  }

  const updates = matched.map((match) =>
    planGroupSettings(match, build, current.groupIdsWithoutBuilds, warnings, hints),
  );
  for (const update of updates) if (update) operations.push(update);
  const recruitment = matched.map((match) =>
    planRecruitment(match, match.existing ? current.recruitment.get(match.existing.id) : undefined),
  );
  for (const planned of recruitment) if (planned.operation) operations.push(planned.operation);

  const testers = planTesters(matched, current);
  operations.push(...testers.operations);

  const review = planReview(
    desired,
    build,
    receiving,
    current.reviewSubmissions,
    current.appBuilds,
    warnings,
  );
  const testInformation = planTestInformation(
    desired.testInformation,
    current.testInformation,
    review.outcome !== 'not-needed' && review.outcome !== 'skipped',
  );
  operations.push(...testInformation.operations);
  if (review.operation) operations.push(review.operation);
  const notify = planNotification(desired, build, buildStatus.includes('added'), {
    outcome: review.outcome,
    waits: options.waitsForReview,
  });
  if (notify) operations.push(notify);
  const expiry = planExpiry(
    desired.expiry,
    build,
    current.appBuilds,
    matched,
    buildStatus,
    current.readAt,
    hints,
  );
  operations.push(...expiry.operations);
  warnings.push(...expiry.warnings);
  for (const match of all) {
    const deletion = match.desired.absent ? planDeleteGroup(match) : null;
    if (deletion) operations.push(deletion);
  }

  // Preflight: what Apple would refuse halfway through fails now, before the first change.
  if (build && review.operation) {
    checkReviewInformation(testInformation.after, build, appLabel(current.app), hints);
  }
  checkTeamMembers(matched, testers.perGroup, current.teamMembers, hints);
  checkTesterCaps(matched, testers.perGroup, current, appLabel(current.app), hints);

  // Stable sort: within a stage, operations keep the order they were planned in (declared group order).
  operations.sort((a, b) => stageOf(a.op) - stageOf(b.op));

  // In declared order; a group declared absent shows only when there was one to delete.
  const groups = all.flatMap((match): GroupOutcome[] => {
    const i = matched.indexOf(match);
    if (i === -1) return match.existing ? [deletedOutcome(match)] : [];
    return [
      {
        name: match.desired.name,
        id: match.existing?.id ?? null,
        type: match.internal ? 'internal' : 'external',
        created: !match.existing,
        deleted: false,
        build: buildStatus[i]!,
        testersAdded: testers.perGroup[i]!.added,
        testersRemoved: testers.perGroup[i]!.removed,
        testersUnchanged: testers.perGroup[i]!.unchanged,
        publicLink: expectedPublicLink(match, updates[i]!),
        publicLinkLimit: expectedLinkLimit(match),
        // Only a complete list: testers looked up by email leave a group's entry partial.
        members:
          match.existing && membersKnown(current, match.existing.id)
            ? current.groupTesters.get(match.existing.id)!
            : null,
        recruitment: recruitment[i]!.outcome,
      },
    ];
  });
  return {
    operations,
    groups,
    reviewState: review.outcome,
    whatToTest,
    warnings,
    testInformation: testInformation.fields,
    groupExpiry: expiry.groups,
    hints,
  };
}

/** Where the run's build stands with a group that stays: see GroupOutcome['build']. */
function buildStatusOf(
  match: MatchedGroup,
  hasBuild: boolean,
  withBuild: ReadonlySet<string>,
): GroupOutcome['build'] {
  if (!hasBuild) return 'none';
  const existing = match.existing;
  const allBuilds = existing
    ? existing.isInternal && existing.hasAccessToAllBuilds
    : match.internal && match.desired.accessToAllBuilds === true;
  if (allBuilds) return 'all-builds';
  if (!match.desired.receivesBuild) return 'excluded';
  return existing && withBuild.has(existing.id) ? 'already' : 'added';
}

function deletedOutcome(match: MatchedGroup): GroupOutcome {
  return {
    name: match.desired.name,
    id: match.existing?.id ?? null,
    type: match.internal ? 'internal' : 'external',
    created: false,
    deleted: true,
    build: 'none',
    testersAdded: [],
    testersRemoved: [],
    testersUnchanged: 0,
    publicLink: null,
    publicLinkLimit: null,
    members: null,
    recruitment: null,
  };
}
