// The reconcile: read → plan → apply, each a phase the action folds in its log. A dry run stops after the
// plan; a re-run with nothing to do makes no changing call. main.ts turns a ReconcileError into the step's
// failure sentence. It is given the target and the desired state as data, and a client: never an input or the key.
import type { AscApi, RateLimitInfo } from '../asc/index.js';
import { applyPlan, type ApplyOutcome } from './apply.js';
import type { CurrentState } from './current.js';
import type { DesiredState, ReconcileTarget } from './desired.js';
import { plannedRequests, toPlannedOperation } from './operations.js';
import { appLabel, planReconcile, type Plan } from './plan.js';
import { expirationOf } from './plan-expiry.js';
import { newProgressLog, progressReport, type ProgressLog } from './progress.js';
import { readCurrentState } from './read.js';
import { checkRecruitment, groupsToCheck } from './recruitment-check.js';
import { ReconcileError } from './reconcile-error.js';
import type { GroupOutcome, ReconcileProgress, ReconcileResult } from './result.js';
import { isOpen, waitForReview, type ReviewWaitOutcome } from './review-wait.js';

export type {
  AppRef,
  DemoAccount,
  DesiredAppLocalization,
  DesiredGroup,
  DesiredState,
  DesiredTestInformation,
  EncryptionDeclarationChoice,
  InputSetting,
  ReconcileTarget,
  ReviewContact,
  ReviewPolicy,
  SettingHints,
  TesterSpec,
  WhatToTest,
} from './desired.js';
export { ReconcileError } from './reconcile-error.js';
export { readGroupMetrics } from './metrics.js';
export { readSnapshot, type GroupSnapshot, type TestFlightSnapshot } from './snapshot.js';
export type {
  GroupAsRead,
  GroupMetrics,
  GroupOutcome,
  OperationKind,
  PlannedOperation,
  ReconcileProgress,
  ReconcileResult,
  RecruitmentOutcome,
  TesterFunnel,
} from './result.js';

export interface ReconcileDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  warn: (line: string) => void;
  /** Runs one phase (reading, the plan, applying); the action folds each in the log (core.group). */
  phase: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  /** Told, when the run stops on an error, what it had read and changed (the failure summary shows it). */
  onStop?: (progress: ReconcileProgress) => void;
}

export interface ReconcileOptions {
  /** Read and plan only: change nothing, report what the real run would do. */
  dryRun: boolean;
}

const PHASES = {
  read: 'Reading App Store Connect',
  plan: 'The plan',
  apply: 'Applying the plan',
  review: 'Waiting for Beta App Review',
  recruitment: 'Checking recruitment criteria',
} as const;

/** Calls kept in reserve beyond the plan: read-backs after a 409 and batches split by the client. */
const RATE_MARGIN = 10;

export async function reconcile(
  target: ReconcileTarget,
  desired: DesiredState,
  api: AscApi,
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const progress = newProgressLog();
  try {
    return await reconcileWith(progress, target, desired, api, deps, options);
  } catch (error) {
    deps.onStop?.(progressReport(progress, options.dryRun));
    throw error;
  }
}

async function reconcileWith(
  progress: ProgressLog,
  target: ReconcileTarget,
  desired: DesiredState,
  api: AscApi,
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const current = await deps.phase(PHASES.read, () =>
    readCurrentState(target, desired, api, deps, progress),
  );
  progress.current = current;
  const waitsForReview = target.waits.reviewMinutes > 0;
  const plan = await deps.phase(PHASES.plan, async () => {
    const planned = planReconcile(desired, current, { waitsForReview });
    for (const warning of planned.warnings) deps.warn(warning);
    progress.warnings = planned.warnings;
    logPlan(planned, options.dryRun, deps.log);
    return planned;
  });

  const planned = plannedRequests(plan.operations);
  if (options.dryRun) {
    return withRecruitmentChecks(resultOf(plan, current, null, null, true, planned), api, deps);
  }

  const before = api.changingCalls;
  let applied: ApplyOutcome | null = null;
  if (plan.operations.length > 0) {
    checkRateBudget(api.rateLimit, planned);
    applied = await deps.phase(PHASES.apply, () =>
      applyPlan(plan, current.app.id, api, deps.log, (operation) =>
        progress.done.push(toPlannedOperation(operation)),
      ),
    );
    for (const warning of applied.warnings) deps.warn(warning);
  }
  const reviewState = applied?.reviewState ?? plan.reviewState;
  let waited: ReviewWaitOutcome | null = null;
  if (current.build && waitsForReview && isOpen(reviewState)) {
    const build = current.build;
    const notify = plan.operations.find(
      (o): o is Extract<typeof o, { op: 'notify-testers' }> =>
        o.op === 'notify-testers' && o.afterApproval,
    );
    waited = await deps.phase(PHASES.review, () =>
      waitForReview(
        api,
        {
          build,
          appLabel: appLabel(current.app),
          state: reviewState as 'WAITING_FOR_REVIEW' | 'IN_REVIEW',
          minutes: target.waits.reviewMinutes,
          notify: notify ?? null,
          hints: desired.hints,
        },
        deps,
      ),
    );
    for (const warning of waited.warnings) deps.warn(warning);
  }
  const changes = api.changingCalls - before;
  // The build's beta state moves when it joins groups or review; re-read it only when something changed.
  let build = waited?.build ?? current.build;
  if (build && changes > 0 && !waited) build = await api.getBuild(build.id);
  const result = resultOf(plan, { ...current, build }, applied, waited, false, changes);
  return withRecruitmentChecks(result, api, deps);
}

/** Apple's compatible-build check of each group with recruitment criteria, in a phase of its own. */
async function withRecruitmentChecks(
  result: ReconcileResult,
  api: AscApi,
  deps: ReconcileDeps,
): Promise<ReconcileResult> {
  if (groupsToCheck(result).length === 0) return result;
  return deps.phase(PHASES.recruitment, () => checkRecruitment(result, api, deps.warn));
}

function logPlan(plan: Plan, dryRun: boolean, log: (line: string) => void): void {
  if (plan.operations.length === 0) {
    log('Everything is already as declared: nothing to change.');
    return;
  }
  const count = plan.operations.length;
  log(`${dryRun ? 'Dry run: would make' : 'Plan:'} ${count} change${count === 1 ? '' : 's'}:`);
  for (const operation of plan.operations) log(`  ${operation.op}: ${operation.detail}`);
}

/** Fails before the first change when the hourly budget cannot cover the plan, so no run stops halfway. */
function checkRateBudget(rateLimit: RateLimitInfo, planned: number): void {
  if (planned === 0 || rateLimit.remaining === null) return;
  const needed = planned + RATE_MARGIN;
  if (rateLimit.remaining >= needed) return;
  throw new ReconcileError(
    `This API key has ${rateLimit.remaining} App Store Connect requests left this hour, fewer than the ${needed} the plan needs (${planned} changes plus ${RATE_MARGIN} in reserve): nothing was changed; re-run once the hourly budget recovers, or use another key.`,
  );
}

/** In a dry run every field shows what the run would do. */
function resultOf(
  plan: Plan,
  current: CurrentState,
  applied: ApplyOutcome | null,
  waited: ReviewWaitOutcome | null,
  dryRun: boolean,
  changes: number,
): ReconcileResult {
  const groups = plan.groups.map((planned): GroupOutcome => {
    // Members the run changed are no longer the members it read.
    const changed = !dryRun && planned.testersAdded.length + planned.testersRemoved.length > 0;
    const group = changed ? { ...planned, members: null } : planned;
    const latest = applied?.groupsAfter.get(group.name);
    if (!latest) return group;
    return {
      ...group,
      id: latest.id,
      publicLink: latest.publicLinkEnabled ? latest.publicLink : null,
      publicLinkLimit: latest.publicLinkLimitEnabled ? latest.publicLinkLimit : null,
    };
  });
  const plannedNotify = plan.operations.some((o) => o.op === 'notify-testers');
  // In plan order: the expiries of one stage finish in any order.
  const expired = plan.operations.flatMap((o) =>
    o.op === 'expire-build' && (dryRun || applied?.expiredBuildIds.includes(o.buildId))
      ? [o.number]
      : [],
  );
  const compliance = plan.operations.find((o) => o.op === 'set-export-compliance');
  return {
    dryRun,
    app: current.app,
    build: current.build,
    groups,
    createdGroups: groups.filter((g) => g.created).map((g) => g.name),
    testersAdded: sum(groups.map((g) => g.testersAdded.length)),
    testersRemoved: sum(groups.map((g) => g.testersRemoved.length)),
    reviewState: waited?.state ?? applied?.reviewState ?? plan.reviewState,
    whatToTest: plan.whatToTest,
    exportComplianceSet: compliance?.op === 'set-export-compliance' ? compliance.value : null,
    notified: dryRun ? plannedNotify : (applied?.notified ?? false) || (waited?.notified ?? false),
    plan: plan.operations.map(toPlannedOperation),
    changes,
    warnings: [...plan.warnings, ...(applied?.warnings ?? []), ...(waited?.warnings ?? [])],
    testInformation: plan.testInformation,
    groupExpiry: plan.groupExpiry,
    expiredBuilds: expired,
    expiresAt: current.build ? expirationOf(current.build) : null,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
