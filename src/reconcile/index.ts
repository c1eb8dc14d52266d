// The reconcile: read → plan → apply, each a phase the action folds in its log. A dry run stops after the
// plan; a re-run with nothing to do makes no changing call. main.ts turns a ReconcileError into the step's
// failure sentence. It is given the target and the desired state as data, and a client: never an input or the key.
import type { AscApi, RateLimitInfo } from '../asc/index.js';
import { applyPlan, type ApplyOutcome } from './apply.js';
import type { CurrentState } from './current.js';
import type { DesiredState, ReconcileTarget } from './desired.js';
import { plannedRequests, toPlannedOperation, type Operation } from './operations.js';
import { addTeamTesters, type TeamLookup } from './read-testers.js';
import { appLabel, planReconcile, type Plan } from './plan.js';
import { expirationOf } from './plan-expiry.js';
import { newProgressLog, progressReport, type ProgressLog } from './progress.js';
import { readAfterRun } from './after-run.js';
import { knownTesters, membersAfter, offersBuild } from './members-after.js';
import { readCurrentState } from './read.js';
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
  /** Read the summary's metrics (readGroupMetrics) beside the reads after the run, into `result.metrics`. */
  metrics?: boolean;
}

const PHASES = {
  read: 'Reading App Store Connect',
  plan: 'The plan',
  apply: 'Applying the plan',
  review: 'Waiting for Beta App Review',
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
  const read = await deps.phase(PHASES.read, async () => {
    const read = await readCurrentState(target, desired, api, deps, progress);
    // A dry run changes nothing, so nothing could go beside the team-wide lookup: its plan waits for it.
    if (read.teamLookup && options.dryRun) {
      addTeamTesters(read.state, await read.teamLookup.found);
      return { state: read.state, teamLookup: null };
    }
    return read;
  });
  const current = read.state;
  progress.current = current;
  const waitsForReview = target.waits.reviewMinutes > 0;
  const done = (operation: Operation) => progress.done.push(toPlannedOperation(operation));
  // Counted from here: with the lookup's overlap, the first changes are made while the plan is completed.
  const before = api.changingCalls;
  let overlap: Overlap | null = null;
  const plan = await deps.phase(PHASES.plan, async () => {
    const planned = planReconcile(desired, current, { waitsForReview });
    for (const warning of planned.warnings) deps.warn(warning);
    progress.warnings = planned.warnings;
    if (!read.teamLookup) {
      logPlan(planned, options.dryRun, deps.log);
      return planned;
    }
    // What does not name an email the lookup is about starts now; the plan is whole once it answers.
    checkRateBudget(api.rateLimit, plannedRequests(planned.operations));
    const replan = () => planReconcile(desired, current, { waitsForReview });
    overlap = applyBesideLookup(planned, replan, read.teamLookup, current, api, deps.log, done);
    const whole = await overlap.plan;
    logPlan(whole, false, deps.log);
    return whole;
  });

  const planned = plannedRequests(plan.operations);
  const metrics = options.metrics ?? false;
  if (options.dryRun) {
    const result = resultOf(plan, current, null, null, true, planned);
    return readAfterRun(result, { buildId: null, metrics }, api, deps);
  }

  let applied: ApplyOutcome | null = null;
  // Assigned in the plan phase's callback, which TypeScript's narrowing does not see.
  const started = overlap as Overlap | null;
  if (plan.operations.length > 0) {
    if (!started) checkRateBudget(api.rateLimit, planned);
    applied = await deps.phase(PHASES.apply, () =>
      started ? started.applied() : applyPlan(plan, current.app.id, api, deps.log, done),
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
  const build = waited?.build ?? current.build;
  const reread = build && changes > 0 && !waited ? build.id : null;
  const result = resultOf(plan, { ...current, build }, applied, waited, false, changes);
  return readAfterRun(result, { buildId: reread, metrics }, api, deps);
}

/** Apply started beside the team-wide lookup: the whole plan once it answers, and apply's outcome. */
interface Overlap {
  plan: Promise<Plan>;
  /** Apply's outcome; its log, held until then so it follows the plan's, is written from this call on. */
  applied: () => Promise<ApplyOutcome>;
}

/**
 * What the lookup decides waits for it: the invites of the emails it is about (the team's testers among them
 * are linked, not created) and the tester links of the groups those invites name (the found testers join
 * them). Everything else in the plan starts at once: the lookup can reveal no failure (each email is added
 * either way), so the preflight already ran on all of it. Once the lookup answers, the plan is made again
 * with what it found; it differs from the first only in what waited.
 */
function applyBesideLookup(
  planned: Plan,
  replan: () => Plan,
  lookup: TeamLookup,
  current: CurrentState,
  api: AscApi,
  log: (line: string) => void,
  done: (operation: Operation) => void,
): Overlap {
  const invited = new Set(
    planned.operations.flatMap((o) =>
      o.op === 'create-tester' && lookup.emails.has(o.tester.email)
        ? o.groups.map((g) => g.name)
        : [],
    ),
  );
  const decided = (o: Operation): boolean =>
    (o.op === 'create-tester' && lookup.emails.has(o.tester.email)) ||
    (o.op === 'add-testers' && invited.has(o.group.name));
  const whole = lookup.found.then((found) => {
    addTeamTesters(current, found);
    return replan();
  });
  const held: string[] = [];
  let logNow = false;
  const waiting = planned.operations.filter(decided);
  const applying = applyPlan(
    { ...planned, operations: planned.operations.filter((o) => !decided(o)) },
    current.app.id,
    api,
    (line) => (logNow ? log(line) : held.push(line)),
    done,
    {
      kinds: ['create-tester', 'add-testers'],
      operations: whole.then((plan) => plan.operations.filter(decided)),
      detail: `look up ${countOf(lookup.emails.size, 'listed email')} the app does not know among the team's testers`,
      planned: waiting.length,
    },
  );
  // Awaited in the apply phase; a failure meanwhile must not go unhandled.
  applying.catch(() => {});
  return {
    // When the lookup fails, apply fails with its sentence; the log shows the plan as far as it was known.
    plan: whole.catch(() => planned),
    applied: () => {
      logNow = true;
      for (const line of held.splice(0)) log(line);
      return applying;
    },
  };
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
  const known = knownTesters(current, applied?.createdTesters ?? new Map());
  const reviewState = waited?.state ?? applied?.reviewState ?? plan.reviewState;
  const groups = plan.groups.map((planned): GroupOutcome => {
    // Members the run changed are no longer the members it read: they are what it read and did, when known.
    const changed = planned.testersAdded.length + planned.testersRemoved.length > 0;
    const after = !dryRun && (changed || planned.created);
    const group = after
      ? {
          ...planned,
          members: membersAfter(planned, known, offersBuild(planned, reviewState, current)),
        }
      : planned;
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
    reviewState,
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
