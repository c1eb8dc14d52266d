// Two runs of the same declaration started together (two tags pushed close together, a matrix sharing a key):
// two processes of dist/index.js through one fake, each write held until both runs have sent one, so both read
// before either writes. Apple accepts a second group of the same name, so both create it; the run whose group
// came later deletes its own and uses the earlier one. The outcome: one group, each tester once, converged.
import { describe, expect } from 'vitest';
import type { RequestLogEntry } from '../../fake-asc/types.js';
import { runAction } from '../run-action.js';
import { expectOk, scenarioTest } from './scenario-test.js';

/** Holds every changing request until `count` are held, then lets all through and holds nothing more. */
function writeBarrier(count: number) {
  const held: (() => void)[] = [];
  let open = false;
  return {
    hold(entry: RequestLogEntry): Promise<void> | void {
      if (open || entry.method === 'GET') return;
      const released = new Promise<void>((resolve) => held.push(resolve));
      if (held.length >= count) {
        open = true;
        for (const release of held) release();
      }
      return released;
    },
  };
}

const barrier = { current: writeBarrier(2) };
const it = scenarioTest.override({
  fakeOptions: { hold: (entry: RequestLogEntry) => barrier.current.hold(entry) },
});

const TRIALS = 3;

describe('two runs at once', () => {
  for (let trial = 1; trial <= TRIALS; trial++) {
    it(`create one group and each tester once, and the next run changes nothing (trial ${trial})`, async ({
      scenario,
    }) => {
      barrier.current = writeBarrier(2);
      const { fake, inputs, rerun } = scenario;
      const given = inputs({
        groups: 'Public Beta',
        'create-missing-groups': 'true',
        testers: 'one@example.com\ntwo@example.com',
        'submit-for-review': 'false',
      });
      const runs = await Promise.all([runAction(given), runAction(given)]);
      // Both read before either wrote: the first write of each came after both runs' reads of the app.
      const creates = fake.requests.filter(
        (r) => r.method === 'POST' && r.path === '/v1/betaGroups',
      );
      expect(creates.map((r) => r.status)).toEqual([201, 201]);
      for (const run of runs) {
        if (run.code !== 0) {
          // A run that fails says one sentence; the other run and the next converge.
          const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
          expect(errors).toHaveLength(1);
        } else expectOk(run);
      }
      const groups = [...fake.state.groups.values()].filter((g) => g.name === 'Public Beta');
      expect(groups).toHaveLength(1);
      const emails = [...fake.state.testers.values()].map((t) => t.email).sort();
      expect(emails).toEqual(['one@example.com', 'two@example.com']);
      const members = [...groups[0]!.testerIds].map((id) => fake.state.testers.get(id)!.email);
      expect(members.sort()).toEqual(['one@example.com', 'two@example.com']);
      expect(groups[0]!.buildIds.has(scenario.build.id)).toBe(true);
      await rerun(given);
    });
  }
});
