// The planner's preflight for testers: internal groups take team members only (when the team could be read),
// and TestFlight's caps of 100 internal and 10,000 external testers hold after the plan.
import { describe, expect, it } from 'vitest';
import type { TesterInfo } from '../../src/asc/index.js';
import type { CurrentState } from '../../src/reconcile/current.js';
import type { DesiredState } from '../../src/reconcile/desired.js';
import { planReconcile } from '../../src/reconcile/plan.js';
import { ReconcileError } from '../../src/reconcile/reconcile-error.js';
import { desiredGroup, desiredState, groupInfo, testerInfo } from '../helpers/factories.js';
import { thrownMessage } from '../helpers/failures.js';
import { current } from './plan-fixtures.js';

const failure = (d: DesiredState, c: CurrentState): string =>
  thrownMessage(() => planReconcile(d, c), ReconcileError);

const emails = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`);
const testers = (list: string[]): TesterInfo[] => list.map((email) => testerInfo(email));

/** The internal group QA and the external group Beta, both listed with `listed` testers. */
function qaAndBeta(listed: string[]): DesiredState {
  const spec = listed.map((email) => ({ email }));
  return desiredState({
    groups: [desiredGroup('QA', { testers: spec }), desiredGroup('Beta', { testers: spec })],
  });
}

const QA = groupInfo('QA', { isInternal: true });
const BETA = groupInfo('Beta');

describe('preflight: internal groups take team members only', () => {
  const members = (list: string[]) => new Set(list);

  it('names the listed testers who are not team members, before any change', () => {
    const c = current({
      groups: [QA, BETA],
      groupTesters: new Map([
        [QA.id, []],
        [BETA.id, []],
      ]),
      teamMembers: members(['jane@example.com']),
    });
    expect(
      failure(qaAndBeta(['jane@example.com', 'qa-lead@example.com', 'bob@example.com']), c),
    ).toBe(
      'qa-lead@example.com and bob@example.com are not members of your App Store Connect team, so the internal group QA cannot take them: add them to the team under Users and Access first, or list them only for external groups (`testers` goes to every listed group, so give the internal groups a step of their own).',
    );
  });

  it('plans the testers when they are all team members, or when the team could not be read', () => {
    const base = {
      groups: [QA, BETA],
      groupTesters: new Map([
        [QA.id, []],
        [BETA.id, []],
      ]),
    };
    const listed = ['jane@example.com', 'qa-lead@example.com'];
    const ok = planReconcile(qaAndBeta(listed), current({ ...base, teamMembers: members(listed) }));
    expect(ok.groups.map((g) => g.testersAdded)).toEqual([listed, listed]);
    const unread = planReconcile(qaAndBeta(listed), current({ ...base, teamMembers: null }));
    expect(unread.operations.filter((o) => o.op === 'create-tester')).toHaveLength(2);
  });

  it('does not ask about testers already in the internal group', () => {
    const c = current({
      groups: [QA],
      groupTesters: new Map([[QA.id, testers(['old@example.com'])]]),
      teamMembers: members([]),
    });
    const plan = planReconcile(
      desiredState({ groups: [desiredGroup('QA', { testers: [{ email: 'old@example.com' }] })] }),
      c,
    );
    expect(plan.groups[0]!.testersUnchanged).toBe(1);
  });
});

describe('preflight: tester caps after the plan', () => {
  it('fails past 100 internal testers, counted over every internal group of the app', () => {
    const other = groupInfo('Other QA', { isInternal: true });
    const c = current({
      groups: [QA, other],
      groupTesters: new Map([
        [QA.id, testers(emails('qa', 60))],
        // Testers in two internal groups count once.
        [other.id, testers([...emails('other', 35), ...emails('qa', 10)])],
      ]),
      teamMembers: new Set(emails('new', 10)),
    });
    const listed = emails('new', 5).map((email) => ({ email }));
    const fits = desiredState({ groups: [desiredGroup('QA', { testers: listed })] });
    expect(planReconcile(fits, c).groups[0]!.testersAdded).toHaveLength(5);
    const over = desiredState({
      groups: [desiredGroup('QA', { testers: emails('new', 6).map((email) => ({ email })) })],
    });
    expect(failure(over, c)).toBe(
      'After this run the internal groups of Example (com.example.app) would hold 101 testers, more than the 100 internal testers (team members) TestFlight allows: remove testers from its internal groups, or list fewer in `testers`.',
    );
  });

  it('counts the testers the plan removes as gone', () => {
    const keep = emails('qa', 95);
    const c = current({
      groups: [QA],
      groupTesters: new Map([[QA.id, testers([...keep, ...emails('gone', 5)])]]),
      teamMembers: new Set(emails('new', 5)),
    });
    const d = desiredState({
      groups: [
        desiredGroup('QA', {
          testers: [...keep, ...emails('new', 5)].map((email) => ({ email })),
          removeUnlistedTesters: true,
        }),
      ],
    });
    expect(planReconcile(d, c).groups[0]).toMatchObject({ testersRemoved: emails('gone', 5) });
  });

  it('fails past 10,000 external testers per app, over its external groups', () => {
    const other = groupInfo('Public');
    const c = current({
      groups: [BETA, other],
      groupTesters: new Map([
        [BETA.id, testers(emails('beta', 4000))],
        [other.id, testers(emails('public', 5999))],
      ]),
    });
    const d = (count: number) =>
      desiredState({
        groups: [
          desiredGroup('Beta', { testers: emails('new', count).map((email) => ({ email })) }),
        ],
      });
    expect(planReconcile(d(1), c).groups[0]!.testersAdded).toHaveLength(1);
    expect(failure(d(2), c)).toBe(
      'After this run the external groups of Example (com.example.app) would hold 10,001 testers, more than the 10,000 TestFlight allows per app: remove testers from its external groups (`remove-unlisted-testers` does so for the listed groups), or list fewer in `testers`.',
    );
  });

  it('leaves the count to Apple where not every group of that type was read', () => {
    const other = groupInfo('Public');
    const c = current({
      groups: [BETA, other],
      groupTesters: new Map([[BETA.id, testers(emails('beta', 9999))]]),
    });
    const d = desiredState({
      groups: [desiredGroup('Beta', { testers: emails('new', 5).map((email) => ({ email })) })],
    });
    expect(planReconcile(d, c).groups[0]!.testersAdded).toHaveLength(5);
  });
});
