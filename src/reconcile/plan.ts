// The planner: a pure function from declared and current state to the operations that close the gap.
// No I/O here, so every rule is testable with plain data; a second plan after apply is empty.
import type { CurrentState } from './current.js';
import type { DesiredState } from './desired.js';
import { matchGroups } from './match-groups.js';
import { stageOf, type Operation } from './operations.js';
import {
  checkAudience,
  describeBuild,
  planExportCompliance,
  planNotification,
  planReview,
  planWhatToTest,
} from './plan-build.js';
import { planExpiry } from './plan-expiry.js';
import {
  expectedLinkLimit,
  expectedPublicLink,
  groupRef,
  planCreateGroup,
  planGroupSettings,
} from './plan-groups.js';
import { planTestInformation } from './plan-test-information.js';
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
  const matched = matchGroups(desired.groups, current.groups, appLabel(current.app));
  const withBuild = new Set(current.groupIdsWithBuild);

  for (const match of matched) {
    if (!match.existing) operations.push(planCreateGroup(match, build));
  }

  let whatToTest: Plan['whatToTest'] = 'none';
  const buildStatus = matched.map((match): GroupOutcome['build'] => {
    if (!build) return 'none';
    if (match.existing?.isInternal && match.existing.hasAccessToAllBuilds) return 'all-builds';
    return match.existing && withBuild.has(match.existing.id) ? 'already' : 'added';
  });
  if (build) {
    checkAudience(build, matched);
    const compliance = planExportCompliance(
      desired,
      build,
      matched,
      current.encryptionDeclarations,
      warnings,
    );
    if (compliance) operations.push(compliance);
    for (const text of desired.whatToTest) {
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
    warnings.push('What to Test was not set because no `build-number` was given.');
  }

  const updates = matched.map((match) =>
    planGroupSettings(match, build, current.groupIdsWithoutBuilds, warnings),
  );
  for (const update of updates) if (update) operations.push(update);

  const testers = planTesters(matched, current);
  operations.push(...testers.operations);

  const review = planReview(
    desired,
    build,
    matched,
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
  );
  operations.push(...expiry.operations);
  warnings.push(...expiry.warnings);

  // Preflight: what Apple would refuse halfway through fails now, before the first change.
  if (build && review.operation) {
    checkReviewInformation(testInformation.after, build, appLabel(current.app));
  }
  checkTeamMembers(matched, testers.perGroup, current.teamMembers);
  checkTesterCaps(matched, testers.perGroup, current, appLabel(current.app));

  // Stable sort: within a stage, operations keep the order they were planned in (declared group order).
  operations.sort((a, b) => stageOf(a.op) - stageOf(b.op));

  const groups = matched.map((match, i): GroupOutcome => ({
    name: match.desired.name,
    id: match.existing?.id ?? null,
    type: match.internal ? 'internal' : 'external',
    created: !match.existing,
    build: buildStatus[i]!,
    testersAdded: testers.perGroup[i]!.added,
    testersRemoved: testers.perGroup[i]!.removed,
    testersUnchanged: testers.perGroup[i]!.unchanged,
    publicLink: expectedPublicLink(match, updates[i]!),
    publicLinkLimit: expectedLinkLimit(match),
    members: match.existing ? (current.groupTesters.get(match.existing.id) ?? null) : null,
  }));
  return {
    operations,
    groups,
    reviewState: review.outcome,
    whatToTest,
    warnings,
    testInformation: testInformation.fields,
    groupExpiry: expiry.groups,
  };
}
