// The fault matrix over every operation kind (OPERATION_KINDS; the reads are read-faults.chaos.test.ts): each fault of
// FAULTS on the request that carries the kind, on the first attempt and on every attempt, through reconcile(),
// the real client and the fake over loopback on one TestClock (backoffs and Retry-After cost no real time).
// Each run reaches the desired state or fails with one sentence naming the status; a clean run then converges;
// nothing is created twice, and nothing outside the plan is removed, unlinked or expired.
import { afterAll, describe, expect } from 'vitest';
import { OPERATION_KINDS } from '../../src/reconcile/operations.js';
import { reconcile, type ReconcileResult } from '../../src/reconcile/index.js';
import type { RequestLogEntry } from '../fake-asc/types.js';
import { reconcileTarget } from '../helpers/factories.js';
import {
  integrationTest,
  reconcileDeps,
  type ClientAndFake,
  type StartClientAndFake,
} from '../helpers/integration.js';
import {
  before,
  expectCleanFailure,
  expectNoDuplicates,
  expectNothingElseRemoved,
  newTally,
} from './fault-checks.js';
import {
  ATTEMPTS,
  clientFor,
  FAULTS,
  timesFor,
  type Attempt,
  type MatrixFault,
} from './fault-matrix.js';
import { seedWorld, WORLD_OF, type FaultWorld, type WorldName } from './fault-world.js';

const it = integrationTest;

interface Trial {
  world: FaultWorld;
  s: ClientAndFake;
  run: () => Promise<ReconcileResult>;
}

async function trial(
  start: StartClientAndFake,
  worldName: WorldName,
  fault: MatrixFault,
): Promise<Trial> {
  const s = await start({}, clientFor(fault));
  const world = seedWorld(s.fake, worldName);
  const run = () =>
    reconcile(reconcileTarget(), world.desired, s.api, reconcileDeps(s.clock), { dryRun: false });
  return { world, s, run };
}

/** The run under the fault, a clean run after it, and a third that finds nothing to do. */
async function expectSurvivesOrFailsCleanly(
  t: Trial,
  hit: (entry: RequestLogEntry) => boolean,
  says: RegExp,
  attempt: Attempt,
): Promise<void> {
  const was = before(t.s.fake);
  const outcome = await t.run().then(
    () => 'survived' as const,
    (error: unknown) => error,
  );
  expect(t.s.fake.requests.some(hit), 'the fault met its request').toBe(true);
  if (attempt === 'first') expect(t.s.fake.faults.pending, 'the fault was spent').toBe(0);
  tally.rows++;
  if (outcome !== 'survived') {
    expectCleanFailure(outcome, says);
    tally.failedCleanly++;
  } else {
    tally.survived++;
  }
  t.s.fake.faults.clear();
  expectNoDuplicates(t.s.fake);
  expectNothingElseRemoved(t.s.fake, was, t.world);
  await t.run();
  const mark = t.s.fake.requests.length;
  const converged = await t.run();
  expect(converged.plan).toEqual([]);
  expect(t.s.fake.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
  expectNoDuplicates(t.s.fake);
  expectNothingElseRemoved(t.s.fake, was, t.world);
  tally.converged++;
}

const tally = newTally('operations');
afterAll(() => tally.write());

describe.each(OPERATION_KINDS)('%s', (kind) => {
  describe.each(ATTEMPTS)('on the %s attempt', (attempt) => {
    it.for(FAULTS.map((f) => [f.name, f] as const))('%s', async ([, f], { startClientAndFake }) => {
      const t = await trial(startClientAndFake, WORLD_OF[kind], f);
      const request = t.world.requestOf[kind]!;
      t.s.fake.faults.add({ ...f.fault, ...request, times: timesFor(attempt) });
      await expectSurvivesOrFailsCleanly(
        t,
        (r) =>
          r.method === request.method &&
          (typeof request.path === 'string' ? r.path === request.path : request.path.test(r.path)),
        f.says,
        attempt,
      );
    });
  });
});
