// The planner's operations: the public PlannedOperation fields plus what apply needs to make the call.
import {
  TESTER_LINK_CHUNK,
  type BetaAppLocalizationFields,
  type DeviceFamilyOsFilter,
  type GroupAttributes,
  type NewGroup,
  type ReviewDetailFields,
} from '../asc/index.js';
import type { TesterSpec } from './desired.js';
import type { OperationKind, PlannedOperation } from './result.js';

/** A target group; `id` is null for a group created by this run (apply learns it from create-group). */
export interface GroupRef {
  name: string;
  id: string | null;
  internal: boolean;
}

export interface TesterRef {
  id: string;
  email: string;
}

type Op<K extends OperationKind, Payload> = {
  op: K;
  target: string;
  detail: string;
  change: string;
} & Payload;

export type Operation =
  /** `buildId`: the run's build, put in the group by the same request (null: no build in this run). */
  | Op<'create-group', { attributes: NewGroup; buildId: string | null }>
  | Op<'set-export-compliance', { buildId: string; value: boolean }>
  | Op<
      'set-what-to-test',
      { buildId: string; locale: string; text: string; localizationId: string | null }
    >
  | Op<'add-build', { buildId: string; groups: GroupRef[] }>
  | Op<'update-group', { group: GroupRef; attributes: GroupAttributes }>
  | Op<'create-tester', { tester: TesterSpec; groups: GroupRef[] }>
  | Op<'add-testers', { group: GroupRef; testers: TesterRef[] }>
  | Op<'remove-testers', { group: GroupRef; testers: TesterRef[] }>
  | Op<'submit-for-review', { buildId: string }>
  /** `afterApproval`: sent by the review wait once Beta App Review approves the build, not by a stage. */
  | Op<'notify-testers', { buildId: string; afterApproval: boolean }>
  | Op<
      'set-test-information',
      { locale: string; localizationId: string | null; fields: BetaAppLocalizationFields }
    >
  | Op<'set-review-details', { reviewDetailId: string; fields: ReviewDetailFields }>
  | Op<'set-license-agreement', { agreementId: string; text: string }>
  | Op<'assign-encryption-declaration', { buildId: string; declarationId: string }>
  | Op<'expire-build', { buildId: string; number: string }>
  | Op<'delete-group', { groupId: string }>
  /** `group.id` is null for a group this run creates: apply learns it from create-group. */
  | Op<'create-recruitment-criteria', { group: GroupRef; filters: DeviceFamilyOsFilter[] }>
  | Op<'update-recruitment-criteria', { criteriaId: string; filters: DeviceFamilyOsFilter[] }>
  | Op<'delete-recruitment-criteria', { criteriaId: string }>;

/** What cannot be undone (see WAITS_FOR). */
type Irreversible = 'expire-build' | 'delete-group';

/**
 * What each kind of operation waits for: every operation of the listed kinds in the same plan must have
 * taken effect first. Export compliance before the build goes to groups (a new group gets it in its create
 * request) and before review; a public link on an existing group only once it has the build; a created
 * group before what names it; review after What to Test, Test Information and the build are in place;
 * the notification once testers and build are in the groups; old builds expire only once the new one is
 * distributed; recruitment criteria after create-group (a new group's criteria need the ID it learns); what
 * cannot be undone (old builds expired, groups declared absent deleted) once everything else is done, so a
 * run that stops halfway has deleted nothing. Nothing else waits: apply runs every ready operation at once, bounded by the client's slots.
 * A Record, so a kind added to OperationKind does not compile until its waits are written here; its keys
 * enumerate the kinds (OPERATION_KINDS).
 */
const REVERSIBLE_WAITS: Readonly<
  Record<Exclude<OperationKind, Irreversible>, readonly OperationKind[]>
> = {
  'set-export-compliance': [],
  'assign-encryption-declaration': [],
  'set-what-to-test': [],
  'set-test-information': [],
  'set-review-details': [],
  'set-license-agreement': [],
  'create-group': ['set-export-compliance', 'assign-encryption-declaration'],
  'add-build': ['set-export-compliance', 'assign-encryption-declaration'],
  'update-group': ['create-group', 'add-build'],
  'create-tester': ['create-group'],
  'add-testers': ['create-group'],
  'remove-testers': ['create-group'],
  'submit-for-review': [
    'set-export-compliance',
    'assign-encryption-declaration',
    'set-what-to-test',
    'set-test-information',
    'set-review-details',
    'set-license-agreement',
    'create-group',
    'add-build',
  ],
  'notify-testers': [
    'create-group',
    'add-build',
    'update-group',
    'create-tester',
    'add-testers',
    'submit-for-review',
  ],
  'create-recruitment-criteria': ['create-group'],
  // Beside the other changes to existing groups (they wait for nothing a plan holds but a created group).
  'update-recruitment-criteria': ['create-group'],
  'delete-recruitment-criteria': ['create-group'],
};

/** Every kind but the irreversible ones, which wait for it: a new kind joins without a line here. */
const UNDOABLE = Object.keys(REVERSIBLE_WAITS) as OperationKind[];

export const WAITS_FOR: Readonly<Record<OperationKind, readonly OperationKind[]>> = {
  ...REVERSIBLE_WAITS,
  'expire-build': UNDOABLE,
  'delete-group': UNDOABLE,
};

/** Every operation kind, in the order of WAITS_FOR. */
export const OPERATION_KINDS = Object.keys(WAITS_FOR) as OperationKind[];

/**
 * The plan's order: each kind after the longest chain of kinds it waits for (ties in declared order), so
 * a plan reads in the order its operations can take effect. Apply does not run it stage by stage.
 */
export const STAGES: readonly (readonly OperationKind[])[] = (() => {
  const depth = new Map<OperationKind, number>();
  const depthOf = (kind: OperationKind): number => {
    const known = depth.get(kind);
    if (known !== undefined) return known;
    const d = Math.max(-1, ...WAITS_FOR[kind].map(depthOf)) + 1;
    depth.set(kind, d);
    return d;
  };
  const stages: OperationKind[][] = [];
  for (const kind of OPERATION_KINDS) (stages[depthOf(kind)] ??= []).push(kind);
  return stages;
})();

export function stageOf(kind: OperationKind): number {
  return STAGES.findIndex((stage) => stage.includes(kind));
}

export function toPlannedOperation(operation: Operation): PlannedOperation {
  const { op, target, detail, change } = operation;
  if (op === 'add-testers' || op === 'remove-testers') {
    return { op, target, detail, change, testers: operation.testers.map((t) => t.email) };
  }
  return { op, target, detail, change };
}

/**
 * The changing requests an operation takes: one, except tester links, which the client sends in chunks
 * of TESTER_LINK_CHUNK. A dry run's `changes` is the sum, so it equals what the real run reports.
 */
function requestsOf(operation: Operation): number {
  if (operation.op === 'add-testers' || operation.op === 'remove-testers') {
    return Math.max(1, Math.ceil(operation.testers.length / TESTER_LINK_CHUNK));
  }
  return 1;
}

export function plannedRequests(operations: readonly Operation[]): number {
  return operations.reduce((total, operation) => total + requestsOf(operation), 0);
}
