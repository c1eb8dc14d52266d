// 429 storms against the fake over loopback, on a simulated clock where concurrent waits overlap: a burst limit
// the client must ride out, and an hourly budget it must stop at with one sentence instead of retrying.
import { describe, expect } from 'vitest';
import { AscError, RateBudgetError } from '../../src/asc/index.js';
import type { FakeAscOptions } from '../fake-asc/types.js';
import { seededRandom, TestClock } from '../helpers/clock.js';
import { integrationTest as it, type StartClientAndFake } from '../helpers/integration.js';

/** The client and fake on one TestClock, with N apps to fetch (one path each, so every call's attempts can be told apart). */
async function storm(
  startClientAndFake: StartClientAndFake,
  fake: Partial<FakeAscOptions>,
  apps: number,
  random: () => number = seededRandom(3),
) {
  const time = new TestClock();
  // A generous real-time timeout: 30 calls at once on a busy test machine must not turn into timeouts.
  const s = await startClientAndFake(fake, { clock: time, random, timeoutMs: 10_000 });
  const ids = Array.from(
    { length: apps },
    (_, i) => s.fake.state.addApp({ bundleId: `com.example.app${i}` }).id,
  );
  const fetchAll = () => time.all(ids.map((id) => () => s.api.findAppById(id)));
  const attemptsOf = (id: string) => s.fake.requests.filter((r) => r.path === `/v1/apps/${id}`);
  return { s, time, ids, fetchAll, attemptsOf };
}

const rejections = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));

describe('a burst limit (5 requests a second) against 30 concurrent calls', () => {
  it('gets every call through, backing off after every 429, with attempts bounded', async ({
    startClientAndFake,
  }) => {
    const { s, time, ids, fetchAll, attemptsOf } = await storm(
      startClientAndFake,
      { burstLimit: { requests: 5, windowMs: 1000 } },
      30,
    );
    const started = time.now();
    const results = await fetchAll();
    expect(rejections(results)).toEqual([]);

    const attempts = s.fake.requests.length;
    const limited = s.fake.requests.filter((r) => r.status === 429).length;
    // Without a shared pause these 30 calls drew 72-82 429s in 102-112 attempts, and now and then one call
    // ran out of retries; with it, 10-16 429s in 40-46 attempts over the seeds tried. The bounds leave room.
    expect(attempts).toBe(30 + limited);
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThanOrEqual(30);
    // 30 requests at 5 a second take at least 5 s; the backoff should not take many times that.
    expect(time.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(time.now() - started).toBeLessThan(30_000);

    const retryLogs = s.logs.filter((l) =>
      / 429 RATE_LIMIT_EXCEEDED: .*; retry \d of 5 in /.test(l),
    );
    expect(retryLogs).toHaveLength(limited);
    for (const id of ids) {
      const tries = attemptsOf(id);
      expect(tries.length).toBeLessThanOrEqual(6);
      expect(tries.at(-1)!.status).toBe(200);
      // Each 429 was followed by a wait of at least the logged backoff before this call tried again.
      const waits = retryLogs
        .filter((l) => l.startsWith(`GET /v1/apps/${id}:`))
        .map((l) => Number(/ in ([\d.]+) s$/.exec(l)![1]) * 1000);
      tries.slice(0, -1).forEach((tried, i) => {
        expect(tried.status).toBe(429);
        expect(tries[i + 1]!.time - tried.time).toBeGreaterThanOrEqual(waits[i]! - 50);
      });
    }
  });

  it('does not let the retries of concurrent calls fall into step', async ({
    startClientAndFake,
  }) => {
    const { s, fetchAll } = await storm(
      startClientAndFake,
      { burstLimit: { requests: 5, windowMs: 1000 } },
      30,
      seededRandom(7),
    );
    await fetchAll();
    const retried = s.fake.requests.filter((r, i) =>
      s.fake.requests.slice(0, i).some((p) => p.path === r.path && p.status === 429),
    );
    expect(retried.length).toBeGreaterThan(5);
    // Every retry drew its own jitter: hardly any two went out at the same simulated instant.
    expect(new Set(retried.map((r) => r.time)).size).toBeGreaterThanOrEqual(retried.length * 0.8);
  });

  it('gives two calls refused at the same moment different waits', async ({
    startClientAndFake,
  }) => {
    const draws = [0.2, 0.8];
    const { s, time, fetchAll } = await storm(startClientAndFake, {}, 2, () => draws.shift() ?? 0);
    s.fake.faults.add({ kind: 'rate-limit', times: 2 });
    expect(rejections(await fetchAll())).toEqual([]);
    const waits = s.logs.map((l) => / retry 1 of 5 in ([\d.]+) s$/.exec(l)?.[1]).sort();
    expect(waits).toEqual(['0.2', '0.8']);
    // Overlapping waits: the later call's retry goes out 0.8 s after the refusal, not 0.2 + 0.8 s.
    expect(time.now() - s.fake.requests[0]!.time).toBe(800);
  });

  it('honours the Retry-After of a burst 429, plus less than a second of jitter', async ({
    startClientAndFake,
  }) => {
    const setup = await startClientAndFake({
      burstLimit: { requests: 1, windowMs: 1000 },
      retryAfterSeconds: 2,
    });
    const app = setup.fake.state.addApp({ bundleId: 'com.example.app' });
    await setup.api.findAppById(app.id);
    await setup.api.findAppById(app.id);
    expect(setup.fake.requests.map((r) => r.status)).toEqual([200, 429, 200]);
    expect(setup.slept).toEqual([2500]); // 2 s named, plus random() = 0.5 of a second
    // The fake does not count refused requests against the hour (Apple does not say whether it does).
    expect(setup.api.rateLimit).toEqual({ limit: 3600, remaining: 3598 });
  });
});

describe('a spent hourly budget', () => {
  const SPENT = (sent: string) =>
    new RegExp(
      `^App Store Connect's hourly request budget for this key is spent \\(0 of \\d+ left\\): GET /v1/apps/\\w+ ${sent}; requests are counted over a rolling hour, so wait for the budget to recover before re-running, or use another key\\.$`,
    );

  it('sends no more than the header allows, then refuses the rest without sending or retrying', async ({
    startClientAndFake,
  }) => {
    const { s, time, fetchAll } = await storm(startClientAndFake, { rateLimitPerHour: 10 }, 30);
    const results = await fetchAll();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = rejections(results);
    expect(refused).toHaveLength(20);
    for (const error of refused) {
      expect(error).toBeInstanceOf(RateBudgetError);
      expect(error).toBeInstanceOf(AscError);
      expect(error).toMatchObject({ status: 429, sent: false, limit: 10 });
      expect((error as Error).message).toMatch(
        SPENT('was not sent, as it could only have been refused with a 429'),
      );
    }
    // Not one request went out into a certain 429, and nothing waited.
    expect(s.fake.requests.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(time.slept).toEqual([]);
    expect(s.api.rateLimit).toEqual({ limit: 10, remaining: 0 });
  });

  it('does not retry a 429 RATE_LIMIT_EXCEEDED whose header says 0 left, even with a Retry-After', async ({
    startClientAndFake,
  }) => {
    // Four calls go out before any header is known; the budget covers two of them.
    const { s, time, ids, fetchAll, attemptsOf } = await storm(
      startClientAndFake,
      { rateLimitPerHour: 2, retryAfterSeconds: 30 },
      4,
    );
    const results = await fetchAll();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = rejections(results) as RateBudgetError[];
    expect(refused).toHaveLength(2);
    // All four went out, so both refusals came from the server, not from the budget.
    expect(refused.map((error) => error.sent)).toEqual([true, true]);
    for (const error of refused) {
      expect(error).toBeInstanceOf(RateBudgetError);
      expect(error.message).toMatch(
        SPENT('was refused with 429 RATE_LIMIT_EXCEEDED, and retrying would only be refused again'),
      );
      expect(error.hasCode('RATE_LIMIT_EXCEEDED')).toBe(true);
    }
    for (const id of ids) expect(attemptsOf(id)).toHaveLength(1);
    expect(s.fake.requests.map((r) => r.status).sort()).toEqual([200, 200, 429, 429]);
    expect(time.slept).toEqual([]);
    expect(s.logs.filter((l) => l.includes('retry'))).toEqual([]);
  });

  it('stops a long run at the limit, probes once after a minute, and resumes when the hour rolls on', async ({
    startClientAndFake,
  }) => {
    const { s, time, ids } = await storm(startClientAndFake, { rateLimitPerHour: 5 }, 1);
    const id = ids[0]!;
    for (let i = 0; i < 5; i++) {
      if (i > 0) time.advance(60_000); // a slow run: a request a minute
      await s.api.findAppById(id);
    }
    expect(s.api.rateLimit).toEqual({ limit: 5, remaining: 0 });
    // The next call is refused on the spot; a minute later one request goes out to see, and is not retried.
    await expect(s.api.findAppById(id)).rejects.toMatchObject({ sent: false, status: 429 });
    time.advance(30_000);
    await expect(s.api.findAppById(id)).rejects.toMatchObject({ sent: false });
    time.advance(30_000);
    await expect(s.api.findAppById(id)).rejects.toMatchObject({ sent: true, status: 429 });
    expect(s.fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    // An hour after the first request its slot is free again.
    time.advance(3_600_000);
    expect(await s.api.findAppById(id)).not.toBeNull();
    expect(time.slept).toEqual([]);
  });
});
