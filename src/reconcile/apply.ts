// Applies a plan: every operation starts as soon as what it waits for (WAITS_FOR) has taken effect, all
// through one pool of the client's concurrency. A 409 that means "already so" is accepted once a read-back
// shows the state was reached.
import {
  AscError,
  InternalError,
  RateBudgetError,
  type AscApi,
  type GroupInfo,
  type TesterInfo,
} from '../asc/index.js';
import { applyAppRecord, isAppRecordOperation } from './apply-app-records.js';
import { applyGroupRecord, isGroupRecordOperation } from './apply-group-records.js';
import type { GroupRef, Operation } from './operations.js';
import { anotherBuildInReviewWarning } from './plan-build.js';
import type { Plan } from './plan.js';
import { ReconcileError } from './reconcile-error.js';
import { runWhenReady, type LaterOperations } from './run-when-ready.js';
import { createWithTwinCheck, type CreateGroup } from './twin-check.js';
import type { ReviewOutcome } from './result.js';

export interface ApplyOutcome {
  /** Latest record of each group created or updated, by name. */
  groupsAfter: Map<string, GroupInfo>;
  /** As App Store Connect answered the submission; null when none was made. */
  reviewState: ReviewOutcome | null;
  notified: boolean;
  /** IDs of the builds this run expired (in the order they finished). */
  expiredBuildIds: string[];
  /** What apply left undone on purpose (a submission Apple would not take yet). */
  warnings: string[];
  /** The testers this run created (or found by read-back), as Apple answered, by lower-cased email. */
  createdTesters: Map<string, TesterInfo>;
}

interface Context {
  api: AscApi;
  appId: string;
  log: (line: string) => void;
  outcome: ApplyOutcome;
  done: number;
  hints: Plan['hints'];
  /** Creates a group and keeps one of same-name twins (twin-check.ts). */
  createGroup: CreateGroup;
}

/** Operations a read still under way decides, with what that read is, for the sentence should it fail. */
export interface HeldOperations extends LaterOperations {
  /** What the read does, as "look up …", for "App Store Connect did not answer when asked to …". */
  detail: string;
  /** The changes the plan counted for them until they are known. */
  planned: number;
}

export async function applyPlan(
  plan: Plan,
  appId: string,
  api: AscApi,
  log: (line: string) => void,
  /** Told of each operation once it took effect. */
  done: (operation: Operation) => void = () => {},
  held?: HeldOperations,
): Promise<ApplyOutcome> {
  const context: Context = {
    api,
    appId,
    log,
    outcome: {
      groupsAfter: new Map(),
      reviewState: null,
      notified: false,
      expiredBuildIds: [],
      warnings: [],
      createdTesters: new Map(),
    },
    done: 0,
    createGroup: createWithTwinCheck(api, appId),
    hints: plan.hints,
  };
  // A notification that waits for the review's approval is the review wait's to send.
  const operations = plan.operations.filter((o) => !(o.op === 'notify-testers' && o.afterApproval));
  const failed: { operation?: Pick<Operation, 'detail'> } = {};
  let total = operations.length + (held?.planned ?? 0);
  const later = held && {
    kinds: held.kinds,
    operations: held.operations.then(
      (known) => {
        total = operations.length + known.length;
        return known;
      },
      (error: unknown) => {
        failed.operation ??= { detail: held.detail };
        throw error;
      },
    ),
  };
  try {
    await runWhenReady(
      operations,
      async (operation) => {
        try {
          await runOperation(operation, context);
        } catch (error) {
          failed.operation ??= operation;
          throw error;
        }
        context.done++;
        done(operation);
        log(`Done: ${operation.detail}.`);
      },
      later,
    );
  } catch (error) {
    // runWhenReady throws the first failure after the others in flight settled, so `done` is complete.
    if (!failed.operation) throw error;
    if (error instanceof RateBudgetError) {
      throw budgetSpent(error, failed.operation, context.done, total);
    }
    throw explain(error, failed.operation, context.done);
  }
  return context.outcome;
}

async function runOperation(op: Operation, context: Context): Promise<void> {
  const { api, outcome } = context;
  const idOf = (ref: GroupRef): string => {
    const id = ref.id ?? outcome.groupsAfter.get(ref.name)?.id;
    // What names a group waits for create-group, so a missing ID is a bug in the plan, not user error.
    if (!id)
      throw new InternalError(`No ID for group ${ref.name}: it was neither found nor created.`);
    return id;
  };
  if (isAppRecordOperation(op)) {
    await applyAppRecord(op, context.appId, api);
    if (op.op === 'expire-build') outcome.expiredBuildIds.push(op.buildId);
    return;
  }
  if (isGroupRecordOperation(op)) return applyGroupRecord(op, idOf, api);
  switch (op.op) {
    case 'create-group': {
      const kept = await context.createGroup(() =>
        api.createGroup(context.appId, op.attributes, op.buildId ? [op.buildId] : []),
      );
      outcome.groupsAfter.set(op.attributes.name, kept);
      return;
    }
    case 'set-export-compliance':
      return api.setUsesNonExemptEncryption(op.buildId, op.value);
    case 'set-what-to-test':
      await (op.localizationId
        ? api.updateLocalization(op.localizationId, op.text)
        : api.createLocalization(op.buildId, op.locale, op.text));
      return;
    case 'add-build': {
      const ids = op.groups.map(idOf);
      return acceptIfReached(
        () => api.addBuildToGroups(op.buildId, ids),
        async () => {
          const have = new Set(await api.listGroupIdsWithBuild(context.appId, op.buildId));
          return ids.every((id) => have.has(id));
        },
      );
    }
    case 'update-group': {
      try {
        const group = await api.updateGroup(idOf(op.group), op.attributes);
        outcome.groupsAfter.set(op.group.name, group);
      } catch (error) {
        if (op.attributes.publicLinkEnabled !== true || status(error) !== 409) throw error;
        throw new ReconcileError(
          `App Store Connect would not enable the public link of ${op.group.name} (${(error as Error).message}), most likely because the group has no build yet: run with ${context.hints.input('buildNumber')} set so the build goes to the group first.`,
          { cause: error },
        );
      }
      return;
    }
    case 'create-tester':
      try {
        const created = await api.createTester({ ...op.tester, groupIds: op.groups.map(idOf) });
        outcome.createdTesters.set(op.tester.email.toLowerCase(), created);
      } catch (error) {
        const internal = op.groups.filter((g) => g.internal);
        if (testerCapReached(error)) throw capRefusal([op.tester.email], op.groups, error);
        if (status(error) === 409 && internal.length > 0) {
          throw teamOnly([op.tester.email], internal, error);
        }
        throw error;
      }
      return;
    case 'add-testers': {
      const groupId = idOf(op.group);
      let missing: string[] = [];
      try {
        await acceptIfReached(
          () =>
            api.addTestersToGroup(
              groupId,
              op.testers.map((t) => t.id),
            ),
          async () => {
            const members = new Set((await api.listGroupTesters(groupId)).map((t) => t.id));
            missing = op.testers.filter((t) => !members.has(t.id)).map((t) => t.email);
            return missing.length === 0;
          },
        );
      } catch (error) {
        if (testerCapReached(error)) {
          throw capRefusal(
            op.testers.map((t) => t.email),
            [op.group],
            error,
          );
        }
        if (status(error) === 409 && op.group.internal) {
          throw teamOnly(
            missing.length ? missing : op.testers.map((t) => t.email),
            [op.group],
            error,
          );
        }
        throw error;
      }
      return;
    }
    case 'remove-testers':
      return api.removeTestersFromGroup(
        idOf(op.group),
        op.testers.map((t) => t.id),
      );
    case 'submit-for-review':
      try {
        const submission = await api.createReviewSubmission(op.buildId);
        outcome.reviewState = submission.state ?? 'WAITING_FOR_REVIEW';
      } catch (error) {
        if (anotherBuildInReview(error)) {
          // A hotfix of a version already in review: not a failure, the review waits for that one.
          const subject = op.target.charAt(0).toUpperCase() + op.target.slice(1);
          outcome.warnings.push(anotherBuildInReviewWarning(subject, null));
          outcome.reviewState = 'skipped';
          return;
        }
        if (status(error) !== 409) throw error;
        // Already submitted (by a person, or by a lost response of ours): report what is there.
        const existing = (await api.listReviewSubmissions(op.buildId)).find(
          (s) => s.state !== 'REJECTED',
        );
        if (!existing) throw error;
        outcome.reviewState = existing.state ?? 'WAITING_FOR_REVIEW';
      }
      return;
    case 'notify-testers':
      await api.sendBuildNotification(op.buildId);
      outcome.notified = true;
      return;
  }
}

/** Runs a linking call; a 409 is accepted only when reading back shows the desired state. */
async function acceptIfReached(
  call: () => Promise<void>,
  reached: () => Promise<boolean>,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (status(error) !== 409 || !(await reached())) throw error;
  }
}

function status(error: unknown): number | null {
  return error instanceof AscError ? error.status : null;
}

/**
 * Apple answers 422 `ENTITY_UNPROCESSABLE.ANOTHER_BUILD_IN_REVIEW`, title "Another build is in review.",
 * detail "Another build in the same train is already in beta review…"; an answer without that code is
 * still recognised by its title or detail.
 */
function anotherBuildInReview(error: unknown): boolean {
  if (!(error instanceof AscError)) return false;
  return (
    error.codes.some((code) => code.endsWith('ANOTHER_BUILD_IN_REVIEW')) ||
    error.errors.some(
      (e) =>
        /another build is (already )?in review/i.test(e.title ?? '') ||
        /another build .*(already )?in (beta )?review/i.test(e.detail ?? ''),
    )
  );
}

/** Apple's tester caps (its API text is not public; the web says "maximum number of testers"). */
function testerCapReached(error: unknown): boolean {
  if (!(error instanceof AscError) || error.status !== 409) return false;
  return error.errors.some((e) =>
    /maximum number of testers|at most \d+|tester limit/i.test(
      `${e.title ?? ''} ${e.detail ?? ''}`,
    ),
  );
}

function capRefusal(emails: string[], groups: GroupRef[], cause: unknown): ReconcileError {
  const internal = groups.some((g) => g.internal);
  const shown =
    emails.length > 5
      ? `${emails.slice(0, 5).join(', ')} and ${emails.length - 5} more`
      : emails.join(', ');
  return new ReconcileError(
    `App Store Connect refused to add ${shown} to ${groups.map((g) => g.name).join(', ')} because TestFlight's limit of ${internal ? '100 internal testers per team' : '10,000 external testers per app'} is reached (${(cause as Error).message}); the action counted only this app's groups, and Apple also counts ${internal ? "the internal groups of the team's other apps" : 'testers given single builds'}: remove testers there, then re-run the job to finish the rest.`,
    { cause },
  );
}

function teamOnly(emails: string[], groups: GroupRef[], cause: unknown): ReconcileError {
  const names = groups.map((g) => g.name).join(', ');
  return new ReconcileError(
    `App Store Connect refused to add ${emails.join(', ')} to the internal group${groups.length > 1 ? 's' : ''} ${names}, which accept${groups.length > 1 ? '' : 's'} only members of your App Store Connect team: add ${emails.length > 1 ? 'them' : 'that person'} to the team under Users and Access first, or list them for an external group.`,
    { cause },
  );
}

/**
 * The hour's budget ran out mid-apply (another job with the key, or reads past the reserve): what was done, what
 * is left, and that a re-run once the budget recovers makes only what is left.
 */
function budgetSpent(
  error: RateBudgetError,
  op: Pick<Operation, 'detail'>,
  done: number,
  total: number,
): Error {
  const left = error.limit === null ? '0 left' : `0 of ${error.limit} left`;
  const rest = total - done;
  return new ReconcileError(
    `App Store Connect's hourly request budget for this key ran out during the run (${left}) when it came to ${op.detail}: ${done} of the plan's ${total} change${total === 1 ? '' : 's'} ${done === 1 ? 'was' : 'were'} made and ${rest} ${rest === 1 ? 'is' : 'are'} left, which a re-run makes once the budget recovers (requests are counted over a rolling hour), or use another key.`,
    { cause: error },
  );
}

/** Any other failure: what was being done, Apple's answer, and that a re-run picks up where this stopped. */
function explain(error: unknown, op: Pick<Operation, 'detail'>, done: number): unknown {
  if (!(error instanceof AscError)) return error;
  const after = `after ${done} other change${done === 1 ? '' : 's'} of this run`;
  // A reset or timeout is no refusal: nothing answered.
  if (error.status === null) {
    return new ReconcileError(
      `App Store Connect did not answer when asked to ${op.detail} (${error.message}), ${after}: check the runner's network and App Store Connect's status, then re-run the job to finish the rest.`,
      { cause: error },
    );
  }
  return new ReconcileError(
    `App Store Connect refused to ${op.detail} (${error.message}), ${after}: fix the cause, then re-run the job to finish the rest.`,
    { cause: error },
  );
}
