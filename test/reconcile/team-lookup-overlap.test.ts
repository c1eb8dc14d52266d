// The team-wide lookup of listed emails the app does not know goes beside the first changes: it can reveal no
// failure (each email is added either way), so only the invites it decides wait for it. The team's testers it
// finds are linked to their groups, one request a group, the others created; the log's plan is the whole plan,
// before any "Done"; a dry run waits for the lookup and plans the same; a lookup that fails stops the run with
// one sentence and what it made, and the next run finishes.
import { describe, expect } from 'vitest';
import { reconcile, ReconcileError, type ReconcileResult } from '../../src/reconcile/index.js';
import type { RequestLogEntry } from '../fake-asc/types.js';
import { desiredGroup, desiredState, reconcileTarget } from '../helpers/factories.js';
import { rejectionMessage } from '../helpers/failures.js';
import { integrationTest as it, reconcileDeps, type StartWithApp } from '../helpers/integration.js';

const isEmailLookup = (e: RequestLogEntry) =>
  e.method === 'GET' &&
  e.path === '/v1/betaTesters' &&
  e.query['filter[email]'] !== undefined &&
  e.query['filter[apps]'] === undefined;

const GROUPS = [
  desiredGroup('Beta', { testers: [{ email: 'team@example.com' }, { email: 'new@example.com' }] }),
  desiredGroup('Friends', { testers: [{ email: 'team@example.com' }] }),
  desiredGroup('Regulars', { testers: [{ email: 'known@example.com' }] }),
];

/**
 * The app's groups Beta, Friends and Regulars; known@ is the app's tester (in its group Other), team@ a tester
 * of the team's other app, new@ nobody's. Only Regulars' link does not wait for the lookup. `holdLookup` holds the lookup's answer until a change has arrived (or 2 s).
 */
async function world(startWithApp: StartWithApp, holdLookup = false) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
    if (holdLookup) setTimeout(resolve, 2000).unref();
  });
  const started = await startWithApp({
    hold: (entry) => {
      if (entry.method !== 'GET') release();
      return holdLookup && isEmailLookup(entry) ? released : undefined;
    },
  });
  const { fake, app, api, clock } = started;
  const beta = fake.state.addGroup({ appId: app.id, name: 'Beta' });
  const friends = fake.state.addGroup({ appId: app.id, name: 'Friends' });
  const regulars = fake.state.addGroup({ appId: app.id, name: 'Regulars' });
  const other = fake.state.addGroup({ appId: app.id, name: 'Other' });
  fake.state.addTester({ email: 'known@example.com', appIds: [app.id], groupIds: [other.id] });
  const elsewhere = fake.state.addApp({ bundleId: 'com.example.other', name: 'Other app' });
  const otherGroup = fake.state.addGroup({ appId: elsewhere.id, name: 'Theirs' });
  const team = fake.state.addTester({
    email: 'team@example.com',
    appIds: [elsewhere.id],
    groupIds: [otherGroup.id],
  });
  const logs: string[] = [];
  const run = (dryRun = false): Promise<ReconcileResult> =>
    reconcile(
      reconcileTarget({ build: null }),
      desiredState({ groups: GROUPS }),
      api,
      reconcileDeps(clock, { logs }),
      { dryRun },
    );
  const members = (group: { testerIds: Set<string> }) =>
    [...group.testerIds].map((id) => fake.state.testers.get(id)!.email).sort();
  return { ...started, beta, friends, regulars, team, logs, run, members };
}

describe('the team-wide lookup beside the first changes', () => {
  it('does not hold back what does not name its emails, and links the team’s testers', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp, true);
    const result = await w.run();

    const lookup = w.fake.requests.find(isEmailLookup)!;
    expect(lookup.query['filter[email]']!.split(',').sort()).toEqual([
      'new@example.com',
      'team@example.com',
    ]);
    const firstChange = w.fake.requests.find((r) => r.method !== 'GET')!;
    expect(firstChange.receivedAt, 'a change arrived before the lookup was answered').toBeLessThan(
      lookup.answeredAt!,
    );
    // Only new@ is created; team@ is linked to both groups, one request a group.
    const creates = w.fake.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/betaTesters',
    );
    expect(creates.map((r) => JSON.stringify(r.body))).toEqual([
      expect.stringContaining('new@example.com'),
    ]);
    expect(firstChange.path).toBe(`/v1/betaGroups/${w.regulars.id}/relationships/betaTesters`);
    // The plan is the one the lookup's answer makes: team@ linked to both groups, one request a group.
    expect(result.plan.map((p) => [p.op, p.target, p.testers ?? null])).toEqual([
      ['add-testers', 'Beta', ['team@example.com']],
      ['add-testers', 'Friends', ['team@example.com']],
      ['add-testers', 'Regulars', ['known@example.com']],
      ['create-tester', 'new@example.com', null],
    ]);
    expect(result.changes).toBe(w.fake.requests.filter((r) => r.method !== 'GET').length);
    expect(result.changes).toBe(4);
    expect(w.members(w.beta)).toEqual(['new@example.com', 'team@example.com']);
    expect(w.members(w.friends)).toEqual(['team@example.com']);
    expect(w.members(w.regulars)).toEqual(['known@example.com']);
    expect(
      [...w.fake.state.testers.values()].filter((t) => t.email === 'team@example.com'),
    ).toEqual([w.team]);

    // The log shows the whole plan before anything it did.
    const planAt = w.logs.findIndex((l) => l.startsWith('Plan: 4 changes'));
    const firstDone = w.logs.findIndex((l) => l.startsWith('Done:'));
    expect(planAt).toBeGreaterThanOrEqual(0);
    expect(planAt).toBeLessThan(firstDone);
    expect(w.logs.filter((l) => l.startsWith('Done:'))).toHaveLength(4);

    const again = await w.run();
    expect(again.plan).toEqual([]);
    expect(again.changes).toBe(0);
  });

  it('is waited for by a dry run, whose plan is the real run’s', async ({ startWithApp }) => {
    const w = await world(startWithApp);
    const dry = await w.run(true);
    expect(w.fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const real = await w.run();
    expect(dry.plan).toEqual(real.plan);
    expect(dry.changes).toBe(real.changes);
  });

  it('stops with one sentence when the lookup fails, and the next run finishes', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp);
    w.fake.faults.add({
      kind: 'status',
      status: 503,
      body: 'json',
      method: 'GET',
      path: '/v1/betaTesters',
      query: { 'filter[email]': /./, 'filter[apps]': null },
      times: Infinity,
    });
    const message = await rejectionMessage(w.run(), ReconcileError);
    expect(message).toMatch(
      /^App Store Connect refused to look up 2 listed emails the app does not know among the team's testers \(.*503.*\), after 1 other change of this run: fix the cause, then re-run the job to finish the rest\.$/,
    );
    // What the lookup decides was not sent; what it does not was.
    expect(
      w.fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`),
    ).toEqual([`POST /v1/betaGroups/${w.regulars.id}/relationships/betaTesters`]);
    w.fake.faults.clear();
    const next = await w.run();
    expect(next.plan.map((p) => [p.op, p.target])).toEqual([
      ['add-testers', 'Beta'],
      ['add-testers', 'Friends'],
      ['create-tester', 'new@example.com'],
    ]);
    expect((await w.run()).changes).toBe(0);
  });

  it('still stops a non-member of the team before any change', async ({ startWithApp }) => {
    const w = await world(startWithApp);
    const internal = desiredState({
      groups: [
        desiredGroup('QA', { createAs: 'internal', testers: [{ email: 'new@example.com' }] }),
      ],
    });
    w.fake.state.addGroup({ appId: w.app.id, name: 'QA', isInternal: true });
    const run = reconcile(
      reconcileTarget({ build: null }),
      internal,
      w.api,
      reconcileDeps(w.clock),
      {
        dryRun: false,
      },
    );
    expect(await rejectionMessage(run, ReconcileError)).toMatch(/new@example\.com/);
    expect(w.fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
