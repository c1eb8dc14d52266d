// The benchmark's figures from a request log: hand-made logs whose answers are known by construction.
import { describe, expect, it } from 'vitest';
import {
  criticalPath,
  maxInFlight,
  requestsByMethod,
  type TimedRequest,
} from '../../bench/request-log-metrics.js';

/** A request open from `from` to `to` (ms); `to` null for one never answered. */
function req(from: number, to: number | null, method = 'GET'): TimedRequest {
  return to === null ? { method, receivedAt: from } : { method, receivedAt: from, answeredAt: to };
}

describe('requestsByMethod', () => {
  it('counts each method', () => {
    const log = [req(0, 1), req(1, 2, 'POST'), req(2, 3), req(3, 4, 'DELETE'), req(4, 5, 'POST')];
    expect(requestsByMethod(log)).toEqual({ GET: 2, POST: 2, DELETE: 1 });
    expect(requestsByMethod([])).toEqual({});
  });
});

describe('criticalPath', () => {
  it('is 0 for no requests and 1 for requests that all overlap', () => {
    expect(criticalPath([])).toBe(0);
    expect(criticalPath([req(0, 100), req(1, 101), req(2, 102)])).toBe(1);
  });

  it('counts a request that starts after another answered as the next step, whatever the log order', () => {
    const chain = [req(200, 300), req(0, 100), req(100, 200)];
    expect(criticalPath(chain)).toBe(3);
  });

  it('takes the longest chain, not the number of requests', () => {
    // Three reads at once; then one write that waited for them; alongside, a short chain of two.
    const log = [req(0, 100), req(0, 90), req(0, 80), req(100, 200), req(85, 95), req(96, 150)];
    expect(criticalPath(log)).toBe(3);
  });

  it('counts waves that waited for a slot: 9 requests, 4 at a time, are 3 round trips', () => {
    const log: TimedRequest[] = [];
    for (let i = 0; i < 9; i++) {
      const wave = Math.floor(i / 4);
      log.push(req(wave * 100 + i, wave * 100 + i + 90));
    }
    expect(criticalPath(log)).toBe(3);
  });

  it('does not chain a request that started before the other answered', () => {
    expect(criticalPath([req(0, 100), req(99, 200)])).toBe(1);
    expect(criticalPath([req(0, 100), req(100, 200)])).toBe(2);
  });

  it('lets an unanswered request end a chain but never start one', () => {
    expect(criticalPath([req(0, 100), req(150, null), req(300, 400)])).toBe(2);
  });
});

describe('maxInFlight', () => {
  it('is the most requests open at one moment', () => {
    expect(maxInFlight([])).toBe(0);
    expect(maxInFlight([req(0, 10), req(20, 30)])).toBe(1);
    expect(maxInFlight([req(0, 100), req(10, 20), req(15, 50), req(60, 70)])).toBe(3);
  });

  it('closes an answer before an arrival at the same instant', () => {
    expect(maxInFlight([req(0, 100), req(100, 200)])).toBe(1);
  });

  it('keeps an unanswered request open to the end', () => {
    expect(maxInFlight([req(0, null), req(10, 20), req(30, 40)])).toBe(2);
  });
});
