// A stage that fails is reported only once the calls it already started have settled: the failure sentence
// ("after N other changes") and the `changes` output must count every change that was made.
import { describe, expect, it } from 'vitest';
import { AscError, type AscApi } from '../../src/asc/index.js';
import { applyPlan } from '../../src/reconcile/apply.js';
import { mapBounded } from '../../src/reconcile/bounded.js';
import { groupInfo } from '../helpers/factories.js';
import { planOf } from './plan-fixtures.js';

/** Resolves after a few turns of the event loop: a call still in flight when its sibling fails. */
const later = async <T>(value: T): Promise<T> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return value;
};

describe('mapBounded after a failure', () => {
  it('rejects only once the calls in flight have settled, and starts no new ones', async () => {
    const finished: number[] = [];
    const failure = await mapBounded([0, 1, 2, 3, 4], 2, async (item) => {
      if (item === 1) throw new Error('refused');
      await later(null);
      finished.push(item);
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toBe('refused');
    expect(finished).toEqual([0]);
  });
});

describe('applyPlan: a refusal beside a call in flight', () => {
  it('counts the sibling that went through', async () => {
    const plan = planOf(
      {
        op: 'update-group',
        target: 'A',
        detail: 'change A: feedback on → off',
        change: 'feedback on → off',
        group: { name: 'A', id: 'g1', internal: false },
        attributes: { feedbackEnabled: false },
      },
      {
        op: 'remove-testers',
        target: 'B',
        detail: 'remove x@example.com from B',
        change: '1 tester',
        group: { name: 'B', id: 'g2', internal: false },
        testers: [{ id: 't1', email: 'x@example.com' }],
      },
    );
    let updated = false;
    const api = {
      updateGroup: async () => {
        const result = await later(groupInfo('A', { id: 'g1' }));
        updated = true;
        return result;
      },
      removeTestersFromGroup: () =>
        Promise.reject(
          new AscError({
            method: 'DELETE',
            path: '/v1/betaGroups/g2/relationships/betaTesters',
            status: 404,
          }),
        ),
    } as unknown as AscApi;
    const done: string[] = [];
    const failure = await applyPlan(
      plan,
      'app',
      api,
      () => {},
      (op) => done.push(op.target),
    ).catch((e: unknown) => e);
    expect(updated).toBe(true);
    // The failure summary lists what took effect: the sibling, not the refused call.
    expect(done).toEqual(['A']);
    expect((failure as Error).message).toMatch(
      /^App Store Connect refused to remove x@example.com from B \(.*\), after 1 other change of this run:/,
    );
  });
});

describe('applyPlan: no answer at all', () => {
  it('does not call a lost connection a refusal', async () => {
    const plan = planOf({
      op: 'notify-testers',
      target: 'build 42',
      detail: 'notify the testers of build 42',
      change: 'automatic notification is off',
      buildId: 'b1',
      afterApproval: false,
    });
    const lost = new AscError({
      method: 'POST',
      path: '/v1/buildBetaNotifications',
      status: null,
      reason: '(the connection failed: ECONNRESET)',
    }).withNote('it may or may not have taken effect');
    const api = { sendBuildNotification: () => Promise.reject(lost) } as unknown as AscApi;
    const failure = await applyPlan(plan, 'app', api, () => {}).catch((e: unknown) => e);
    expect((failure as Error).message).toBe(
      "App Store Connect did not answer when asked to notify the testers of build 42 (POST /v1/buildBetaNotifications: no response (the connection failed: ECONNRESET); it may or may not have taken effect), after 0 other changes of this run: check the runner's network and App Store Connect's status, then re-run the job to finish the rest.",
    );
  });
});
