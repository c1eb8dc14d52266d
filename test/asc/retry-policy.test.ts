import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../../src/asc/transport/rate-limit-header.js';
import {
  backoffDelay,
  isRetryable,
  outcomeUnknown,
  parseRetryAfter,
  retryDelay,
} from '../../src/asc/transport/retry-policy.js';

describe('parseRateLimit', () => {
  it("reads Apple's header", () => {
    expect(parseRateLimit('user-hour-lim:3600;user-hour-rem:3542;')).toEqual({
      limit: 3600,
      remaining: 3542,
    });
    expect(parseRateLimit(' user-hour-rem: 0 ; user-hour-lim:3500')).toEqual({
      limit: 3500,
      remaining: 0,
    });
  });
  it('keeps what it can read and ignores unknown fields', () => {
    expect(parseRateLimit('user-hour-lim:3600;something-else:5;')).toEqual({
      limit: 3600,
      remaining: null,
    });
  });
  it('returns null for missing or unreadable headers', () => {
    expect(parseRateLimit(undefined)).toBeNull();
    expect(parseRateLimit('')).toBeNull();
    expect(parseRateLimit('garbage')).toBeNull();
    expect(parseRateLimit('user-hour-lim:lots;')).toBeNull();
  });
});

describe('backoff', () => {
  const options = { baseMs: 1000, maxMs: 30_000 };
  const policy = { ...options, random: () => 0.5, maxRetries: 3, maxRetryAfterMs: 60_000 };
  it('grows exponentially up to the cap, with full jitter', () => {
    const top = (attempt: number) => backoffDelay(attempt, { ...options, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999]);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(4000);
  });

  it('is full jitter: any wait in [0, cap) is as likely as any other', () => {
    for (const attempt of [0, 1, 2, 5, 9]) {
      const cap = Math.min(30_000, 1000 * 2 ** attempt);
      const draws = Array.from({ length: 1000 }, (_, i) => i / 1000);
      const waits = draws.map((r) => backoffDelay(attempt, { ...options, random: () => r }));
      expect(Math.min(...waits)).toBe(0);
      expect(Math.max(...waits)).toBe(cap - cap / 1000);
      // Evenly spread draws give evenly spread waits: no floor, no clustering at the cap.
      waits.forEach((w, i) => expect(w).toBe(Math.floor((i / 1000) * cap)));
    }
  });

  it('adds at most a second (or the base, if smaller) of jitter to a Retry-After', () => {
    const at = (random: number, baseMs = 1000) =>
      retryDelay({ kind: 'status', status: 429, retryAfterMs: 7000 }, 0, {
        ...policy,
        baseMs,
        random: () => random,
      });
    expect(at(0)).toBe(7000);
    expect(at(0.999999)).toBe(7999);
    expect(at(0.999999, 200)).toBe(7199);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter(new Date(now + 10_000).toUTCString(), now)).toBe(10_000);
    expect(parseRetryAfter(new Date(now - 10_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('retries 429 and 5xx and transport failures, not other statuses', () => {
    for (const status of [429, 500, 502, 503, 504]) {
      expect(isRetryable({ kind: 'status', status, retryAfterMs: null })).toBe(true);
    }
    for (const status of [400, 401, 403, 404, 409, 422, 501]) {
      expect(isRetryable({ kind: 'status', status, retryAfterMs: null })).toBe(false);
    }
    expect(isRetryable({ kind: 'lost' })).toBe(true);
    expect(isRetryable({ kind: 'not-sent' })).toBe(true);
  });

  it('honours Retry-After (plus a little jitter) and gives up on waits past the bound', () => {
    expect(retryDelay({ kind: 'status', status: 429, retryAfterMs: 5000 }, 0, policy)).toBe(5500);
    expect(retryDelay({ kind: 'status', status: 429, retryAfterMs: null }, 2, policy)).toBe(2000);
    expect(
      retryDelay({ kind: 'status', status: 429, retryAfterMs: 3_600_000 }, 0, policy),
    ).toBeNull();
  });

  it('stops after maxRetries', () => {
    expect(retryDelay({ kind: 'lost' }, 2, policy)).not.toBeNull();
    expect(retryDelay({ kind: 'lost' }, 3, policy)).toBeNull();
    expect(retryDelay({ kind: 'status', status: 404, retryAfterMs: null }, 0, policy)).toBeNull();
  });

  it('knows which failures leave a create in an unknown state', () => {
    expect(outcomeUnknown({ kind: 'lost' })).toBe(true);
    expect(outcomeUnknown({ kind: 'status', status: 502, retryAfterMs: null })).toBe(true);
    expect(outcomeUnknown({ kind: 'status', status: 429, retryAfterMs: null })).toBe(false);
    expect(outcomeUnknown({ kind: 'not-sent' })).toBe(false);
  });
});
