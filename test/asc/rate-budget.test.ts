// The budget gate and the burst pause on their own, with sends that finish when the test says so.
import { describe, expect, it } from 'vitest';
import { BurstPause } from '../../src/asc/transport/burst-pause.js';
import { RateBudget, RateBudgetError, SPENT_HOLD_MS } from '../../src/asc/transport/rate-budget.js';
import { TestClock } from '../helpers/clock.js';

function harness() {
  const clock = new TestClock(0);
  const budget = new RateBudget(clock.now);
  const started: number[] = [];
  const finishers: ((remaining: number) => void)[] = [];
  const refuse = () => new Error('refused');
  /** A run whose send stays open until finish(i, remaining) answers it with that header. */
  const run = (i: number) =>
    budget.run(
      refuse,
      () =>
        new Promise<number>((resolve) => {
          started.push(i);
          finishers[i] = (remaining) => {
            budget.observe({ limit: 100, remaining }, null);
            resolve(i);
          };
        }),
    );
  const finish = async (i: number, remaining: number) => {
    finishers[i]!(remaining);
    await new Promise((r) => setImmediate(r));
  };
  return { budget, started, run, finish, advance: (ms: number) => clock.advance(ms) };
}

describe('RateBudget', () => {
  it('sends freely while no header has been seen', async () => {
    const h = harness();
    const runs = [0, 1, 2, 3, 4, 5].map(h.run);
    expect(h.started).toEqual([0, 1, 2, 3, 4, 5]);
    for (const i of [0, 1, 2, 3, 4, 5]) await h.finish(i, 50);
    await Promise.all(runs);
  });

  it('counts requests in flight as spent, and refuses once nothing is left or in flight', async () => {
    const h = harness();
    await Promise.all([h.run(0), h.finish(0, 2)]);
    const runs = [1, 2, 3, 4].map((i) => h.run(i).catch((e: Error) => e.message));
    expect(h.started).toEqual([0, 1, 2]); // two left: two go, two wait for an answer
    await h.finish(1, 1); // 1 left but call 2 is still in flight: still none to spare
    expect(h.started).toEqual([0, 1, 2]);
    await h.finish(2, 0);
    expect(await Promise.all(runs)).toEqual([1, 2, 'refused', 'refused']);
    expect(h.budget.info).toEqual({ limit: 100, remaining: 0 });
  });

  it('lets the waiting go as answers show the budget wider than assumed', async () => {
    const h = harness();
    await Promise.all([h.run(0), h.finish(0, 1)]);
    const runs = [1, 2].map(h.run);
    expect(h.started).toEqual([0, 1]);
    await h.finish(1, 5); // the window rolled on: room again
    expect(h.started).toEqual([0, 1, 2]);
    await h.finish(2, 4);
    await Promise.all(runs);
  });

  it('believes a "0 left" for a minute (or the Retry-After), then lets one request at a time find out', async () => {
    const h = harness();
    await Promise.all([h.run(0), h.finish(0, 0)]);
    await expect(h.run(1)).rejects.toThrow('refused');
    h.advance(SPENT_HOLD_MS);
    const runs = [2, 3].map((i) => h.run(i).catch((e: Error) => e.message));
    expect(h.started).toEqual([0, 2]);
    await h.finish(2, 0);
    expect(await Promise.all(runs)).toEqual([2, 'refused']);

    h.budget.observe({ limit: 100, remaining: 0 }, 5_000);
    h.advance(4_999);
    await expect(h.run(4)).rejects.toThrow('refused');
    h.advance(1);
    const probe = h.run(5);
    await h.finish(5, 3);
    await probe;
  });

  it('keeps the last good value when a response has no readable header', () => {
    const h = harness();
    h.budget.observe({ limit: 3600, remaining: 12 }, null);
    h.budget.observe(null, null);
    expect(h.budget.info).toEqual({ limit: 3600, remaining: 12 });
  });
});

describe('RateBudgetError', () => {
  it('says what is spent, what happened to the request, and what to do', () => {
    const notSent = new RateBudgetError({
      method: 'GET',
      path: '/v1/apps/1',
      limit: 3600,
      sent: false,
    });
    expect(notSent.message).toBe(
      "App Store Connect's hourly request budget for this key is spent (0 of 3600 left): GET /v1/apps/1 was not sent, as it could only have been refused with a 429; requests are counted over a rolling hour, so wait for the budget to recover before re-running, or use another key.",
    );
    expect(notSent).toMatchObject({ name: 'RateBudgetError', status: 429, sent: false });
    const sent = new RateBudgetError({
      method: 'POST',
      path: '/v1/betaTesters',
      limit: null,
      sent: true,
    });
    expect(sent.message).toMatch(
      /^App Store Connect's hourly request budget for this key is spent \(0 left\): POST \/v1\/betaTesters was refused with 429 RATE_LIMIT_EXCEEDED, and retrying would only be refused again; /,
    );
  });
});

describe('BurstPause', () => {
  it('holds others until the backoff of the call that drew the 429 ends, each with its own jitter', async () => {
    const clock = new TestClock(1_000);
    const slept = clock.slept;
    const randoms = [0.1, 0.9];
    const pause = new BurstPause({
      now: clock.now,
      sleep: clock.sleep,
      random: () => randoms.shift() ?? 0,
      spreadMs: 1_000,
    });
    await pause.wait();
    expect(slept).toEqual([]);
    pause.extend(800);
    pause.extend(300); // a shorter backoff does not cut the pause short
    expect(pause.active).toBe(true);
    clock.advance(200);
    await pause.wait();
    expect(slept).toEqual([600 + 100]);
    pause.extend(500);
    clock.advance(500); // the call that set it slept exactly its backoff: nothing more to wait
    await pause.wait();
    expect(slept).toEqual([700]);
  });
});
