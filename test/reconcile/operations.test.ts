// Every operation kind has a stage in apply's order, so a suite that walks the kinds (a fault matrix) finds
// them all; the Record below does not compile when a kind is added to OperationKind without being listed.
import { describe, expect, it } from 'vitest';
import { STAGES, stageOf } from '../../src/reconcile/operations.js';
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
    }
    expect(stageOf('assign-encryption-declaration')).toBeLessThan(stageOf('add-build'));
    expect(stageOf('expire-build')).toBe(STAGES.length - 1);
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
