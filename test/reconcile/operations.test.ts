// Every operation kind has its waits and a place in the plan's order, so a suite that walks the kinds (a fault
// matrix) finds them all (OPERATION_KINDS); the Record below does not compile when a kind is added to
// OperationKind without being listed.
import { describe, expect, it } from 'vitest';
import { OPERATION_KINDS, STAGES, stageOf, WAITS_FOR } from '../../src/reconcile/operations.js';
import type { OperationKind } from '../../src/reconcile/result.js';

const EVERY_KIND: Record<OperationKind, true> = {
  'create-group': true,
  'update-group': true,
  'set-export-compliance': true,
  'assign-encryption-declaration': true,
  'add-build': true,
  'create-tester': true,
  'add-testers': true,
  'remove-testers': true,
  'set-what-to-test': true,
  'set-test-information': true,
  'set-review-details': true,
  'set-license-agreement': true,
  'submit-for-review': true,
  'notify-testers': true,
  'expire-build': true,
  'delete-group': true,
  'create-recruitment-criteria': true,
  'update-recruitment-criteria': true,
  'delete-recruitment-criteria': true,
};

describe('operation stages', () => {
  it('put every kind in exactly one stage', () => {
    const kinds = Object.keys(EVERY_KIND) as OperationKind[];
    for (const kind of kinds) expect(stageOf(kind), kind).toBeGreaterThanOrEqual(0);
    expect(STAGES.flat().sort()).toEqual([...kinds].sort());
    expect([...OPERATION_KINDS].sort()).toEqual([...kinds].sort());
  });

  it('order the plan after what each kind waits for: every wait comes in an earlier stage', () => {
    for (const kind of OPERATION_KINDS) {
      for (const before of WAITS_FOR[kind]) {
        expect(stageOf(before), `${kind} waits for ${before}`).toBeLessThan(stageOf(kind));
      }
    }
  });

  it('write what a review reads before the submission, and expire builds last', () => {
    const submit = stageOf('submit-for-review');
    for (const kind of [
      'set-test-information',
      'set-review-details',
      'set-license-agreement',
      'assign-encryption-declaration',
      'add-build',
    ] as const) {
      expect(stageOf(kind), kind).toBeLessThan(submit);
      expect(WAITS_FOR['submit-for-review'], kind).toContain(kind);
    }
    expect(stageOf('assign-encryption-declaration')).toBeLessThan(stageOf('add-build'));
    expect(WAITS_FOR['add-build']).toContain('assign-encryption-declaration');
    expect(WAITS_FOR['add-build']).toContain('set-export-compliance');
    expect(stageOf('expire-build')).toBe(STAGES.length - 1);
    // Old builds expire once the new one is distributed: after everything that can be undone.
    const undoable = OPERATION_KINDS.filter((k) => k !== 'expire-build' && k !== 'delete-group');
    for (const kind of undoable) {
      expect(WAITS_FOR['expire-build'], kind).toContain(kind);
      expect(WAITS_FOR['delete-group'], kind).toContain(kind);
    }
  });

  it('set recruitment criteria once the group exists, and delete groups last', () => {
    for (const kind of [
      'create-recruitment-criteria',
      'update-recruitment-criteria',
      'delete-recruitment-criteria',
    ] as const) {
      expect(stageOf(kind), kind).toBeGreaterThan(stageOf('create-group'));
    }
    expect(stageOf('delete-group')).toBe(STAGES.length - 1);
  });
});
