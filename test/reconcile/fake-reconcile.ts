// reconcile() on the integration harness for the declared-group tests: the app Example with complete Test
// Information and build 42 (iOS 17.0 and later), review left out unless a test asks, and each run's changing
// requests counted.
import { expect } from 'vitest';
import {
  reconcile,
  type DesiredState,
  type ReconcileResult,
  type ReconcileTarget,
} from '../../src/reconcile/index.js';
import { completeTestInformation } from '../fake-asc/index.js';
import { TEST_START } from '../helpers/clock.js';
import { desiredState, reconcileTarget } from '../helpers/factories.js';
import { reconcileDeps, type ClientAndFake } from '../helpers/integration.js';

const CHANGING = new Set(['POST', 'PATCH', 'DELETE']);

export async function reconcileOn(started: ClientAndFake) {
  const { fake, api, clock } = started;
  const app = fake.state.addApp({ bundleId: 'com.example.app', name: 'Example' });
  fake.state.setTestInformation(app.id, completeTestInformation());
  const build = fake.state.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    minOsVersion: '17.0',
    uploadedAt: TEST_START - 3600_000,
  });
  const warnings: string[] = [];
  const changingRequests = (from = 0) =>
    fake.requests.slice(from).filter((r) => CHANGING.has(r.method));
  const run = (
    desired: Partial<DesiredState>,
    options = { dryRun: false },
    target: Partial<ReconcileTarget> = {},
  ): Promise<ReconcileResult> =>
    reconcile(
      reconcileTarget(target),
      desiredState({ submitForReview: 'never', ...desired }),
      api,
      reconcileDeps(clock, { warnings }),
      options,
    );
  /** Runs again: nothing planned, no changing request. */
  const rerun = async (desired: Partial<DesiredState>): Promise<ReconcileResult> => {
    const mark = fake.requests.length;
    const again = await run(desired);
    expect(again.plan).toEqual([]);
    expect(changingRequests(mark)).toEqual([]);
    return again;
  };
  const groupNamed = (name: string) => [...fake.state.groups.values()].find((g) => g.name === name);
  const criteriaOf = (groupId: string) =>
    [...fake.state.recruitmentCriteria.values()].find((c) => c.groupId === groupId);
  /** The external group Beta with this run's build and recruitment criteria `c1` of Apple's filters. */
  const betaWithCriteria = (filters: unknown[]) => {
    const beta = fake.state.addGroup({ appId: app.id, name: 'Beta', buildIds: [build.id] });
    fake.state.recruitmentCriteria.set('c1', {
      id: 'c1',
      groupId: beta.id,
      deviceFamilyOsVersionFilters: filters,
      modifiedAt: 0,
    });
    return beta;
  };
  return {
    ...started,
    app,
    build,
    warnings,
    run,
    rerun,
    changingRequests,
    groupNamed,
    criteriaOf,
    betaWithCriteria,
  };
}

export const ops = (result: ReconcileResult) => result.plan.map((o) => [o.op, o.target]);
