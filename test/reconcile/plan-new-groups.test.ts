// The planner's new groups: one create request with the build and every declared setting, and the public links
// a plan expects the groups to end with (what a dry run reports).
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/reconcile/operations.js';
import { planReconcile } from '../../src/reconcile/plan.js';
import { desiredGroup, desiredState, groupInfo } from '../helpers/factories.js';
import { current } from './plan-fixtures.js';

const ops = (operations: Operation[]) => operations.map((o) => o.op);

describe('new groups and their links', () => {
  it('creates a group with its build and every setting, the public link on, in one request', () => {
    const d = desiredState({
      groups: [
        desiredGroup('Fresh', {
          createAs: 'external',
          publicLink: 'enabled',
          publicLinkLimit: 50,
          feedbackEnabled: false,
        }),
        desiredGroup('Beta'),
      ],
    });
    const plan = planReconcile(d, current());
    // No add-build for the new group and no update-group "disabled → enabled" for a group that did not exist.
    expect(ops(plan.operations)).toEqual(['create-group', 'add-build', 'submit-for-review']);
    expect(plan.operations[0]).toEqual({
      op: 'create-group',
      target: 'Fresh',
      detail:
        'create external group Fresh (feedback off, public link limit 50, public link enabled) with build 42 (1.2.0)',
      change:
        'external, with build 42 (1.2.0), feedback off, public link limit 50, public link enabled',
      buildId: 'b42',
      attributes: {
        name: 'Fresh',
        isInternalGroup: false,
        feedbackEnabled: false,
        publicLinkLimitEnabled: true,
        publicLinkLimit: 50,
        publicLinkEnabled: true,
      },
    });
    expect(plan.operations[1]).toMatchObject({ groups: [{ name: 'Beta' }] });
    expect(plan.groups.map((g) => [g.name, g.created, g.build])).toEqual([
      ['Fresh', true, 'added'],
      ['Beta', false, 'added'],
    ]);
  });

  it('puts the build in a new internal group in its create request too', () => {
    const d = desiredState({
      groups: [desiredGroup('Crew', { createAs: 'internal' })],
      submitForReview: 'never',
    });
    expect(planReconcile(d, current({ groups: [] })).operations).toEqual([
      {
        op: 'create-group',
        target: 'Crew',
        detail: 'create internal group Crew with build 42 (1.2.0)',
        change: 'internal, with build 42 (1.2.0)',
        buildId: 'b42',
        attributes: { name: 'Crew', isInternalGroup: true, hasAccessToAllBuilds: false },
      },
    ]);
  });

  it('says in a dry run the public link a group will have: shown even while off, none once disabled', () => {
    const link = 'https://testflight.apple.com/join/abc';
    const d = desiredState({
      groups: [
        desiredGroup('Off', { publicLink: 'enabled' }),
        desiredGroup('On', { publicLink: 'disabled' }),
        desiredGroup('Kept'),
      ],
      submitForReview: 'never',
    });
    const c = current({
      groups: [
        groupInfo('Off', { publicLink: link }),
        groupInfo('On', { publicLinkEnabled: true, publicLink: `${link}2` }),
        groupInfo('Kept', { publicLinkEnabled: true, publicLink: `${link}3` }),
      ],
    });
    expect(planReconcile(d, c).groups.map((g) => g.publicLink)).toEqual([link, null, `${link}3`]);
  });
});
