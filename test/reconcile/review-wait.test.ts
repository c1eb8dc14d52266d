// wait-for-review through the real client and the fake over loopback, on the harness's clock: the fake's
// reviewer decides after a number of polls; sleeping moves simulated time, and the client re-mints its
// 20-minute token as the wait goes on.
import { describe, expect } from 'vitest';
import {
  reconcile,
  ReconcileError,
  type DesiredState,
  type ReconcileResult,
} from '../../src/reconcile/index.js';
import { completeTestInformation } from '../fake-asc/index.js';
import type { FakeReviewState, RequestLogEntry } from '../fake-asc/types.js';
import { desiredState, reconcileTarget } from '../helpers/factories.js';
import { rejectionMessage } from '../helpers/failures.js';
import { integrationTest, reconcileDeps, type ClientAndFake } from '../helpers/integration.js';

/** Example with build 42 (auto-notify off) and the external group Beta, and a reviewer who acts when told. */
async function reviewWorld(
  started: ClientAndFake,
  onAnswer: { hook: (e: RequestLogEntry) => void },
) {
  const { fake, api, clock } = started;
  const app = fake.state.addApp({ bundleId: 'com.example.app', name: 'Example' });
  fake.state.setTestInformation(app.id, completeTestInformation());
  const build = fake.state.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    autoNotifyEnabled: false,
  });
  fake.state.addGroup({ appId: app.id, name: 'Beta' });
  const warnings: string[] = [];
  const logs: string[] = [];
  const polls = () =>
    fake.requests.filter((r) => r.path === `/v1/builds/${build.id}` && r.method === 'GET');
  /** Once the `after`-th poll is answered, the submission of build 42 turns `state`: the next poll sees it. */
  const reviewer = (after: number, state: FakeReviewState) => {
    onAnswer.hook = (entry) => {
      if (entry.path !== `/v1/builds/${build.id}` || entry.method !== 'GET') return;
      if (polls().length < after) return;
      for (const s of fake.state.reviewSubmissions.values())
        if (s.buildId === build.id) s.state = state;
    };
  };
  const run = (minutes: number, desired: Partial<DesiredState> = {}, dryRun = false) =>
    reconcile(
      reconcileTarget({ waits: { processingMinutes: 0, reviewMinutes: minutes } }),
      desiredState({ notifyTesters: true, ...desired }),
      api,
      reconcileDeps(clock, { warnings, logs }),
      { dryRun },
    );
  const notifications = () =>
    fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/buildBetaNotifications');
  return { ...started, app, build, warnings, logs, polls, reviewer, run, notifications };
}

const it = integrationTest.extend<{ world: () => ReturnType<typeof reviewWorld> }>({
  world: async ({ startClientAndFake }, use) => {
    await use(async () => {
      const onAnswer = { hook: (_entry: RequestLogEntry) => {} };
      const started = await startClientAndFake({ onAnswer: (entry) => onAnswer.hook(entry) });
      return reviewWorld(started, onAnswer);
    });
  },
});

describe('wait-for-review', () => {
  it('waits with growing pauses past a token lifetime, then notifies the testers once approved', async ({
    world,
  }) => {
    const w = await world();
    w.reviewer(8, 'APPROVED');
    const result: ReconcileResult = await w.run(60);
    expect(result.reviewState).toBe('APPROVED');
    expect(result.notified).toBe(true);
    expect(w.slept.slice(0, 4)).toEqual([30_000, 45_000, 67_500, 101_250]);
    expect(Math.max(...w.slept)).toBe(300_000);
    expect(w.polls()).toHaveLength(9);
    // 25 minutes of waiting: the first token would have expired; a new one was minted, no 401 seen.
    expect(w.clock.elapsed()).toBeGreaterThan(20 * 60_000);
    expect(w.api.tokensMinted).toBeGreaterThan(1);
    expect(w.fake.requests.filter((r) => r.status === 401)).toEqual([]);
    // The notification went out after the poll that saw the approval, and counts as a change.
    const notify = w.fake.requests.indexOf(w.notifications()[0]!);
    expect(notify).toBeGreaterThan(w.fake.requests.indexOf(w.polls().at(-1)!));
    expect(result.changes).toBe(3);
    expect(result.plan.map((p) => p.op)).toEqual([
      'add-build',
      'submit-for-review',
      'notify-testers',
    ]);
    expect(w.logs).toContain(
      'Beta App Review of build 42 (1.2.0) is WAITING_FOR_REVIEW; looking again in 30 s (60 min left to wait).',
    );
    // A re-run sees the approval: nothing to do, nothing to wait for.
    const before = w.fake.requests.length;
    const again = await w.run(60);
    expect([again.changes, again.plan, again.reviewState]).toEqual([0, [], 'APPROVED']);
    expect(w.fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('fails with a sentence when Beta App Review rejects the build', async ({ world }) => {
    const w = await world();
    w.reviewer(2, 'REJECTED');
    expect(await rejectionMessage(w.run(30), ReconcileError)).toBe(
      "Beta App Review rejected build 42 (1.2.0) of Example (com.example.app): read Apple's reasons in App Store Connect (TestFlight → the build, or the email Apple sent), fix what they name, then upload a new build or re-run with `submit-for-review: true` to send this one again.",
    );
    expect(w.notifications()).toEqual([]);
    // The changes before the failure stand: the build is in the group and was submitted.
    expect(w.api.changingCalls).toBe(2);
  });

  it('warns when the wait runs out, with the state last seen, and leaves the notification owed', async ({
    world,
  }) => {
    const w = await world();
    w.reviewer(2, 'IN_REVIEW');
    const result = await w.run(2);
    expect(result.reviewState).toBe('IN_REVIEW');
    expect(result.notified).toBe(false);
    expect(w.notifications()).toEqual([]);
    expect(w.clock.elapsed()).toBe(2 * 60_000);
    expect(w.warnings).toContain(
      'Beta App Review of build 42 (1.2.0) of Example (com.example.app) is still IN_REVIEW after waiting 2 minutes (`wait-for-review`), so the step goes on without its outcome; its testers were not notified yet, and a re-run that waits for the review notifies them once it is approved.',
    );
    expect(result.changes).toBe(2);

    // The re-run finds the build in review and waits again; the approval sends the notification.
    w.reviewer(w.polls().length + 1, 'APPROVED');
    const again = await w.run(30);
    expect(again.plan.map((p) => p.detail)).toEqual([
      'notify the testers of build 42 (1.2.0) once Beta App Review approves it (automatic notification is off)',
    ]);
    expect([again.reviewState, again.changes, w.notifications().length]).toEqual([
      'APPROVED',
      1,
      1,
    ]);
  });

  it('does not wait in a dry run, and lists the notification the approval would send', async ({
    world,
  }) => {
    const w = await world();
    const dry = await w.run(60, {}, true);
    expect(w.slept).toEqual([]);
    expect(dry.plan.map((p) => p.op)).toEqual(['add-build', 'submit-for-review', 'notify-testers']);
    expect(dry.changes).toBe(3);
    expect(w.fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('does not wait when the review is not needed or was skipped', async ({ world }) => {
    const w = await world();
    const result = await w.run(60, { submitForReview: 'never' });
    expect([result.reviewState, w.slept]).toEqual(['skipped', []]);
  });
});
