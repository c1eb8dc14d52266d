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
import { expectedPublicLink, groupRef, planCreateGroup, planGroupSettings } from './plan-groups.js';
import { planTesters } from './plan-testers.js';
import type { GroupOutcome, ReviewOutcome } from './result.js';

export interface Plan {
  /** In the order apply runs them (see STAGES). */
  operations: Operation[];
  /** One per declared group, in declared order, as the plan expects it to end (ids null for new groups). */
  groups: GroupOutcome[];
  reviewState: ReviewOutcome;
  whatToTest: 'set' | 'already' | 'none';
  warnings: string[];
}

export function appLabel(app: CurrentState['app']): string {
  return app.name ? `${app.name} (${app.bundleId})` : app.bundleId;
}

export function planReconcile(desired: DesiredState, current: CurrentState): Plan {
  const warnings: string[] = [];
  const operations: Operation[] = [];
  const build = current.build;
  const matched = matchGroups(desired.groups, current.groups, appLabel(current.app));
  const withBuild = new Set(current.groupIdsWithBuild);

  for (const match of matched) {
    if (!match.existing) operations.push(planCreateGroup(match, build, warnings));
  }

  let whatToTest: Plan['whatToTest'] = 'none';
  const buildStatus = matched.map((match): GroupOutcome['build'] => {
    if (!build) return 'none';
    if (match.existing?.isInternal && match.existing.hasAccessToAllBuilds) return 'all-builds';
    return match.existing && withBuild.has(match.existing.id) ? 'already' : 'added';
  });
  if (build) {
    checkAudience(build, matched);
    const compliance = planExportCompliance(desired, build, matched, warnings);
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

  const review = planReview(desired, build, matched, current.reviewSubmissions, warnings);
  if (review.operation) operations.push(review.operation);
  const notify = planNotification(desired, build, buildStatus.includes('added'));
  if (notify) operations.push(notify);

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
  }));
  return { operations, groups, reviewState: review.outcome, whatToTest, warnings };
}
