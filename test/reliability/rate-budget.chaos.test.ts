// The hourly budget running out mid-apply, through dist/index.js: another job with the same key spends what is
// left right after the action's k-th changing request, so the answer's X-Rate-Limit says 0 and the next request
// is not sent. One trial before each operation kind of a first distribution (the first request of each kind):
// the run stops with one sentence saying the budget ran out, what was done and what is left; once the hour has
// passed the next run converges to what an unhindered run reaches, and the one after changes nothing.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../src/asc/index.js';
import type { RequestLogEntry } from '../fake-asc/types.js';
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
/** The kind of a request: its method and path without IDs and without the answer's status. */
const kindOf = (request: string) => request.replace(/ → \d+$/, '');
/** Stop after request k, where request k + 1 is the first of its kind (k ≥ 1: k = 0 is the refusal). */
const stops = reference.requests
  .map((request, i) => ({ k: i, next: kindOf(request) }))
  .filter(({ k, next }, i, all) => k >= 1 && all.findIndex((s) => s.next === next) === i);

describe('the budget spent by another job mid-apply', () => {
  it('stops before every kind a first distribution makes', () => {
    expect(stops.map((s) => s.next)).toEqual(
      expect.arrayContaining([
        'POST /v1/betaAppLocalizations',
        'PATCH /v1/betaAppReviewDetails/{id}',
        'POST /v1/betaRecruitmentCriteria',
        'POST /v1/betaTesters',
        'POST /v1/betaAppReviewSubmissions',
        'PATCH /v1/builds/{id}',
      ]),
    );
  });

  it.for(stops)(
    'after $k changes, before the first $next: one sentence, then the run after the hour converges',
    async ({ k }) => {
      let seen = 0;
      const fake = await startInterruptionWorld({
        onAnswer: (entry: RequestLogEntry) => {
          if (entry.method !== 'GET' && ++seen === k) {
            fake.rateLimit.spend(WORLD_KID, fake.rateLimit.remaining(WORLD_KID));
          }
        },
      });
      try {
        const inputs = interruptionInputs(fake.url);
        const stopped = await runAction(inputs, { files: interruptionFiles });
        expect(stopped.code, stopped.stdout).toBe(1);
        const errors = stopped.stdout.split('\n').filter((l) => l.startsWith('::error'));
        expect(errors).toHaveLength(1);
        // What was done and what is left: the run's own count of the operations it finished.
        const said = new RegExp(
          `^::error::App Store Connect's hourly request budget for this key ran out during the run \\(0 of 3600 left\\) when it came to .+: (\\d+) of the plan's ${reference.changes} changes? (?:was|were) made and (\\d+) (?:is|are) left, which a re-run makes once the budget recovers \\(requests are counted over a rolling hour\\), or use another key\\.$`,
        ).exec(errors[0]!);
        expect(said, errors[0]).not.toBeNull();
        const [done, left] = [Number(said![1]), Number(said![2])];
        expect(done + left).toBe(reference.changes);
        expect(stopped.outputs.changes).toBe(
          String(fake.requests.filter((r) => r.method !== 'GET' && r.status < 300).length),
        );
        expect(stopped.summary).toContain(
          'made before the failure; a re-run plans only what is left.',
        );
        // Once an answer said 0 left, nothing more went out: a 429 went only to a request already on its way,
        // one in each of the client's slots at most.
        expect(fake.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(
          DEFAULT_CONCURRENCY,
        );

        fake.rateLimit.recover(WORLD_KID);
        const resumed = await runAction(inputs, { files: interruptionFiles });
        expectSucceeded(resumed, 'the run after the hour');
        expect(stateByName(fake)).toEqual(reference.state);
        const mark = fake.requests.length;
        const third = await runAction(inputs, { files: interruptionFiles });
        expectSucceeded(third, 'the third run');
        expect(third.outputs.changes).toBe('0');
        expect(fake.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
      } finally {
        await fake.close();
      }
    },
  );
});
