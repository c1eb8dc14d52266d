// The fault matrix over every read the action makes (READS): each fault on the request that carries the read, on
// the first attempt and on every attempt, through the world's scenario, the real client and the fake over
// loopback on one TestClock. A reconcile or export reaches its end or fails with one sentence naming the status
// (before any change when the read comes first), and a clean run then converges; the summary's metrics never
// fail: a figure that cannot be read is one warning.
import { afterAll, describe, expect } from 'vitest';
import { integrationTest as it } from '../helpers/integration.js';
import {
  before,
  expectCleanFailure,
  expectNoDuplicates,
  expectNothingElseRemoved,
  faultOn,
  isRequest,
  newTally,
} from './fault-checks.js';
import { ATTEMPTS, clientFor, READ_FAULTS, timesFor } from './fault-matrix.js';
import { READS } from './read-rows.js';
import { runScenario } from './read-scenario.js';
import { seedReadWorld } from './read-worlds.js';

const tally = newTally('reads');
afterAll(() => tally.write());

describe.each(READS)('$name', (read) => {
  describe.each(ATTEMPTS)('on the %s attempt', (attempt) => {
    it.for(READ_FAULTS.map((f) => [f.name, f] as const))(
      '%s',
      async ([, f], { startClientAndFake }) => {
        const s = await startClientAndFake({}, clientFor(f));
        const world = seedReadWorld(s.fake, read.world);
        const was = before(s.fake);
        const outcome = await runScenario(world, s, s.api, () => {
          for (const fault of read.prelude ?? []) s.fake.faults.add(fault);
          s.fake.faults.add(faultOn(f.fault, read.request, timesFor(attempt)));
        }).then(
          (done) => done,
          (error: unknown) => ({ error }),
        );
        expect(
          s.fake.requests.some((r) => isRequest(r, read.request)),
          'the fault met its request',
        ).toBe(true);
        if (attempt === 'first') expect(s.fake.faults.pending, 'the fault was spent').toBe(0);
        s.fake.faults.clear();
        tally.rows++;
        if ('error' in outcome) {
          expect(world.scenario, 'the metrics never fail the run').not.toBe('metrics');
          expectCleanFailure(outcome.error, f.says);
          if (read.beforeChanges) {
            expect(s.api.changingCalls, 'a failed read changed nothing').toBe(0);
          }
          tally.failedCleanly++;
        } else {
          if (outcome.warnings.some((w) => /Could not read/.test(w))) tally.warned++;
          tally.survived++;
          if (outcome.scenario === 'metrics' && attempt === 'every') {
            // Every attempt failed: the figure is left out and one warning names it and the status.
            expect(outcome.warnings).toHaveLength(1);
            expect(outcome.warnings[0]).toMatch(
              /^Could not read the .* the run itself is not affected\.$/,
            );
            expect(outcome.warnings[0]).toMatch(f.says);
          }
        }
        expectNoDuplicates(s.fake);
        expectNothingElseRemoved(s.fake, was, world);
        if (world.scenario === 'reconcile') {
          await runScenario(world, s, s.api);
          const mark = s.fake.requests.length;
          const again = await runScenario(world, s, s.api);
          expect(again.scenario === 'reconcile' && again.result.plan).toEqual([]);
          expect(s.fake.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
          expectNoDuplicates(s.fake);
          expectNothingElseRemoved(s.fake, was, world);
        } else {
          // export-config and the metrics change nothing; a clean run reads it all.
          const clean = await runScenario(world, s, s.api);
          expect(clean.warnings).toEqual([]);
          expect(s.fake.requests.filter((r) => r.method !== 'GET' && r.status === 0)).toEqual([]);
        }
        tally.converged++;
      },
    );
  });
});
