// Creates whose response was lost are read back, not re-sent; what the read-back finds must be this run's
// create, and acting on it must not trip over state the lost create already reached.
import { describe, expect } from 'vitest';
import { integrationTest as it, type StartWithApp } from '../helpers/integration.js';

/** The app with groups A and B, on a fake that answers a re-link with 409, as Apple may. */
async function twoGroups(startWithApp: StartWithApp) {
  const s = await startWithApp({ conflictOnRelink: true });
  const a = s.fake.state.addGroup({ appId: s.app.id, name: 'A' });
  const b = s.fake.state.addGroup({ appId: s.app.id, name: 'B' });
  const testerLinks = () =>
    s.fake.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/relationships/betaTesters'),
    );
  return { ...s, a, b, testerLinks };
}

describe('read-back after a lost create', () => {
  it('does not re-link a tester to the groups its lost create already joined (Apple may answer 409)', async ({
    startWithApp,
  }) => {
    const { a, b, testerLinks, ...s } = await twoGroups(startWithApp);
    s.fake.faults.add({ kind: 'reset-after', method: 'POST', path: '/v1/betaTesters', times: 1 });
    const tester = await s.api.createTester({ email: 'new@example.com', groupIds: [a.id, b.id] });
    expect(s.fake.state.groups.get(a.id)!.testerIds.has(tester.id)).toBe(true);
    expect(s.fake.state.groups.get(b.id)!.testerIds.has(tester.id)).toBe(true);
    expect(testerLinks()).toEqual([]);
    expect(s.api.changingCalls).toBe(1);
  });

  it('links an existing tester (a 409 on create) only to the groups it is not in yet', async ({
    startWithApp,
  }) => {
    const { a, b, testerLinks, ...s } = await twoGroups(startWithApp);
    const existing = s.fake.state.addTester({ email: 'old@example.com', groupIds: [a.id] });
    const tester = await s.api.createTester({ email: 'old@example.com', groupIds: [a.id, b.id] });
    expect(tester.id).toBe(existing.id);
    expect(s.fake.state.groups.get(b.id)!.testerIds.has(existing.id)).toBe(true);
    expect(testerLinks().map((r) => r.path)).toEqual([
      `/v1/betaGroups/${b.id}/relationships/betaTesters`,
    ]);
  });

  it('re-sends a review submission whose only earlier submission was rejected', async ({
    startWithApp,
  }) => {
    const s = await startWithApp();
    const build = s.fake.state.addBuild({ appId: s.app.id, version: '42' });
    const group = s.fake.state.addGroup({ appId: s.app.id, name: 'External' });
    await s.api.addBuildToGroups(build.id, [group.id]);
    s.fake.state.addReviewSubmission({
      buildId: build.id,
      state: 'REJECTED',
      submittedAt: Date.UTC(2026, 2, 1),
    });
    // The new submission is refused at the gateway before it reaches App Store Connect.
    s.fake.faults.add({
      kind: 'status',
      status: 503,
      body: 'html',
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      times: 1,
    });
    const submission = await s.api.createReviewSubmission(build.id);
    expect(submission.state).toBe('WAITING_FOR_REVIEW');
    const states = [...s.fake.state.reviewSubmissions.values()].map((r) => r.state).sort();
    expect(states).toEqual(['REJECTED', 'WAITING_FOR_REVIEW']);
  });
});
