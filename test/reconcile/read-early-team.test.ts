// The team's answers about the testers of groups a run creates: every one of them is added, so the team's
// members and the team-wide lookup go out beside the app's tester read instead of after it (held here until
// both arrived), each once; their answers still stop a non-member before any change.
import { describe, expect } from 'vitest';
import { reconcile, ReconcileError } from '../../src/reconcile/index.js';
import type { RequestLogEntry } from '../fake-asc/types.js';
import { desiredGroup, desiredState, reconcileTarget } from '../helpers/factories.js';
import { integrationTest as it, reconcileDeps } from '../helpers/integration.js';

const isTesterRead = (e: RequestLogEntry) =>
  e.method === 'GET' && e.path === '/v1/betaTesters' && e.query['filter[apps]'] !== undefined;
const isTeamRead = (e: RequestLogEntry) => e.method === 'GET' && e.path === '/v1/users';
const isEmailLookup = (e: RequestLogEntry) =>
  e.method === 'GET' && e.path === '/v1/betaTesters' && e.query['filter[email]'] !== undefined;

const GROUPS = [
  desiredGroup('QA', {
    createAs: 'internal',
    testers: [{ email: 'jane@example.com' }, { email: 'bob@example.com' }],
  }),
  desiredGroup('Public', { createAs: 'external', testers: [{ email: 'new@example.com' }] }),
];

describe('the team, asked about the testers of groups to create', () => {
  it('is asked beside the app’s tester read, once each', async ({ startWithApp }) => {
    const arrived: RequestLogEntry[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { api, fake, clock } = await startWithApp({
      hold: (entry) => {
        arrived.push(entry);
        if (arrived.some(isTeamRead) && arrived.some(isEmailLookup)) release();
        // The tester read is answered only once both of the team's reads have arrived.
        return isTesterRead(entry) ? released : undefined;
      },
    });
    fake.state.addTeamMember('jane@example.com');
    fake.state.addTeamMember('bob@example.com');
    const result = await reconcile(
      reconcileTarget({ build: null }),
      desiredState({ groups: GROUPS }),
      api,
      reconcileDeps(clock),
      { dryRun: false },
    );
    expect(result.createdGroups).toEqual(['QA', 'Public']);
    expect(result.testersAdded).toBe(3);
    expect(fake.requests.filter(isTeamRead)).toHaveLength(1);
    expect(fake.requests.filter(isEmailLookup)).toHaveLength(1);
    expect(
      fake.requests.filter(isEmailLookup)[0]!.query['filter[email]']!.split(',').sort(),
    ).toEqual(['bob@example.com', 'jane@example.com', 'new@example.com']);
  });

  it('still stops a tester who is not a team member before any change', async ({
    startWithApp,
  }) => {
    const { api, fake, clock } = await startWithApp();
    fake.state.addTeamMember('jane@example.com');
    const run = reconcile(
      reconcileTarget({ build: null }),
      desiredState({ groups: GROUPS }),
      api,
      reconcileDeps(clock),
      { dryRun: false },
    );
    await expect(run).rejects.toThrow(ReconcileError);
    await expect(run).rejects.toThrow(/bob@example\.com/);
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
