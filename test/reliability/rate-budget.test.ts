// The hourly budget through dist/index.js, on a first distribution with every operation kind a release makes
// (interruption-world.ts): a key whose remaining budget (Apple's X-Rate-Limit header) cannot cover the plan is
// refused before the first change with one sentence; once the hour has passed, the run converges to what an
// unhindered run reaches, and the next changes nothing. The budget running out mid-apply is in
// rate-budget.chaos.test.ts (one trial per operation kind).
import { describe, expect, it } from 'vitest';
import { runAction } from '../e2e/run-action.js';
import {
  WORLD_KID,
  expectSucceeded,
  interruptionFiles,
  interruptionInputs,
  startInterruptionWorld,
  stateByName,
  uninterruptedRun,
} from './interruption-world.js';

const reference = await uninterruptedRun();

const LIMIT = 3600;

describe('a budget that cannot cover the plan', () => {
  it('is refused before the first change, and the run after the hour converges', async () => {
    const fake = await startInterruptionWorld({ rateLimitPerHour: LIMIT });
    try {
      // Other jobs with the key left enough for the reads and a few more, far fewer than the plan needs.
      fake.rateLimit.spend(WORLD_KID, LIMIT - (reference.readsBeforeChanges + 5));
      const inputs = interruptionInputs(fake.url);
      const refused = await runAction(inputs, { files: interruptionFiles });
      expect(refused.code).toBe(1);
      const errors = refused.stdout.split('\n').filter((l) => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        new RegExp(
          `^::error::This API key has \\d+ App Store Connect requests left this hour, fewer than the ${reference.changes + 10} the plan needs \\(${reference.changes} changes plus 10 in reserve\\): nothing was changed; re-run once the hourly budget recovers, or use another key\\.$`,
        ),
      );
      expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(refused.outputs.changes).toBe('0');
      expect(refused.summary).toContain('Nothing was changed');

      fake.rateLimit.recover(WORLD_KID);
      expectSucceeded(
        await runAction(inputs, { files: interruptionFiles }),
        'the run after the hour',
      );
      expect(stateByName(fake)).toEqual(reference.state);
      const mark = fake.requests.length;
      const third = await runAction(inputs, { files: interruptionFiles });
      expectSucceeded(third, 'the third run');
      expect(third.outputs.changes).toBe('0');
      expect(fake.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
