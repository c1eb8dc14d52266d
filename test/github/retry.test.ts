// Which failed GitHub requests are tried again and after how long, on errors shaped as Octokit's: a 5xx, a 429
// and a 403 that GitHub's headers call a rate limit are; other 4xx are answers; a wait GitHub asks for is
// honoured up to 10 s, past that the request is given up.
import { describe, expect, it } from 'vitest';
import { isTransient, retryWaitMs } from '../../src/github/retry.js';

const NOW = Date.UTC(2026, 0, 1);
const answered = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error('GitHub says no'), { status, response: { status, headers } });
/** What Octokit throws for a connection lost: status 500, but no response. */
const noAnswer = Object.assign(new Error('other side closed'), { status: 500 });
const wait = (error: unknown, attempt = 1, random = 0.5) =>
  retryWaitMs(error, attempt, NOW, () => random);

describe('retryWaitMs', () => {
  it('retries a 5xx, a 429 and a lost connection twice, 1 s then 2 s, jittered by up to 20%', () => {
    for (const error of [
      answered(500),
      answered(502),
      answered(503),
      answered(504),
      answered(429),
      noAnswer,
    ]) {
      expect([wait(error, 1), wait(error, 2), wait(error, 3)]).toEqual([1000, 2000, null]);
    }
    expect(wait(answered(502), 1, 0)).toBe(800);
    expect(wait(answered(502), 2, 0.999)).toBe(2399);
  });

  it('does not retry an answer', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 501]) {
      expect(isTransient(answered(status))).toBe(false);
      expect(wait(answered(status))).toBeNull();
    }
  });

  it('waits what GitHub asks, up to 10 s', () => {
    expect(wait(answered(429, { 'retry-after': '7' }))).toBe(7000);
    expect(wait(answered(429, { 'retry-after': '10' }), 2)).toBe(10_000);
    expect(wait(answered(429, { 'retry-after': '11' }))).toBeNull();
    // A secondary rate limit on a 403: Retry-After, or the limit used up until a reset.
    expect(wait(answered(403, { 'retry-after': '3' }))).toBe(3000);
    const reset = (inSeconds: number) => String(NOW / 1000 + inSeconds);
    expect(
      wait(answered(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(4) })),
    ).toBe(4000);
    expect(
      wait(answered(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(3600) })),
    ).toBeNull();
    expect(
      wait(answered(403, { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': reset(4) })),
    ).toBeNull();
  });
});
