// Spends Apple's hourly request budget (`X-Rate-Limit: user-hour-lim:3600;user-hour-rem:N;`, per key, over
// a rolling hour) with its end in sight. Once the latest header says nothing is left, a request can only draw a
// 429, and Apple gives no time at which the rolling hour frees a slot: retrying burns the job's minutes for
// nothing. So the client stops with one sentence instead, and near the end it sends no more requests than
// the header allows, counting those still in flight as already spent.
import type { RateLimitInfo } from '../records.js';
import { AscError, type AscErrorEntry } from '../errors.js';

/**
 * How long a "0 left" is believed without a Retry-After: after it, one request is let through to find out
 * whether the rolling hour has freed a slot (a client kept across a long wait should not stay shut forever).
 */
export const SPENT_HOLD_MS = 60_000;

export class RateBudget {
  readonly #now: () => number;
  #info: RateLimitInfo = { limit: null, remaining: null };
  #spentUntil = 0;
  #inFlight = 0;
  #waiting: (() => void)[] = [];

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The latest X-Rate-Limit seen; nulls before any. */
  get info(): RateLimitInfo {
    return { ...this.#info };
  }

  /** Records a response's header (null = absent or unreadable: keep the last good value). */
  observe(info: RateLimitInfo | null, retryAfterMs: number | null): void {
    if (!info) return;
    this.#info = info;
    if (info.remaining === 0) this.#spentUntil = this.#now() + (retryAfterMs ?? SPENT_HOLD_MS);
  }

  /**
   * Runs `send` once the budget allows it. With too little left for everything in flight, it waits for an
   * answer (whose header says more) rather than sending; with nothing left and nothing in flight, it throws
   * `refuse(...)` without sending. Callers observe() the answer inside `send`, before the next one is let go.
   */
  async run<T>(refuse: (info: RateLimitInfo) => Error, send: () => Promise<T>): Promise<T> {
    while (this.#allowance() <= 0) {
      if (this.#inFlight === 0) throw refuse(this.info);
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#inFlight++;
    try {
      return await send();
    } finally {
      this.#inFlight--;
      // Every waiter re-checks against the header that just arrived; those still not allowed wait again.
      for (const wake of this.#waiting.splice(0)) wake();
    }
  }

  #allowance(): number {
    const remaining = this.#info.remaining;
    if (remaining === null) return Infinity;
    // Past the hold an old "0 left" says nothing about the rolling hour: one request at a time finds out.
    const usable = remaining === 0 && this.#now() >= this.#spentUntil ? 1 : remaining;
    // Requests in flight may not be counted in the header yet: assume they are not, so none is sent into a 429.
    return usable - this.#inFlight;
  }
}

export interface RateBudgetErrorInit {
  method: string;
  path: string;
  limit: number | null;
  /** True when the request went out and drew a 429; false when the client did not send it. */
  sent: boolean;
  errors?: AscErrorEntry[];
}

/**
 * The hour's budget is spent. `status` is 429 also when the request was not sent: it is the answer the
 * request would certainly have drawn, so code that branches on status treats both alike; `sent` tells them apart.
 */
export class RateBudgetError extends AscError {
  override name = 'RateBudgetError';
  readonly limit: number | null;
  readonly sent: boolean;

  constructor(init: RateBudgetErrorInit) {
    super({ method: init.method, path: init.path, status: 429, errors: init.errors ?? [] });
    this.limit = init.limit;
    this.sent = init.sent;
    const left = init.limit === null ? '0 left' : `0 of ${init.limit} left`;
    const code = init.errors?.[0]?.code ?? 'RATE_LIMIT_EXCEEDED';
    const what = init.sent
      ? `${init.method} ${init.path} was refused with 429 ${code}, and retrying would only be refused again`
      : `${init.method} ${init.path} was not sent, as it could only have been refused with a 429`;
    this.message = `App Store Connect's hourly request budget for this key is spent (${left}): ${what}; requests are counted over a rolling hour, so wait for the budget to recover before re-running, or use another key.`;
  }
}
