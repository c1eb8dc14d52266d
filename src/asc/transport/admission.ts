// When a request may go out: past any burst pause, in one of the slots, within the hourly budget. An answer's
// X-Rate-Limit and Retry-After are read before its slot is freed, so the next request is judged by them, and
// a pause is never waited out holding a slot.
import type { RateLimitInfo } from '../records.js';
import { BurstPause } from './burst-pause.js';
import { header, type Received } from './exchange.js';
import { RateBudget, RateBudgetError } from './rate-budget.js';
import { parseRateLimit } from './rate-limit-header.js';
import { parseRetryAfter } from './retry-policy.js';
import { Semaphore } from './semaphore.js';

export interface AdmissionOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Calls held by a burst pause return within this long after it ends, spread at random. */
  spreadMs: number;
}

/** An answer with the headers the retry loop acts on already read. */
export interface Answer extends Received {
  rateLimit: RateLimitInfo | null;
  retryAfterMs: number | null;
}

export class Admission {
  readonly #now: () => number;
  readonly #slots: Semaphore;
  readonly #budget: RateBudget;
  readonly #pause: BurstPause;

  constructor(options: AdmissionOptions) {
    this.#now = options.now;
    this.#slots = new Semaphore(options.concurrency);
    this.#budget = new RateBudget(options.now);
    this.#pause = new BurstPause({
      now: options.now,
      sleep: options.sleep,
      random: options.random,
      spreadMs: options.spreadMs,
    });
  }

  /** The latest X-Rate-Limit seen. */
  get rateLimit(): RateLimitInfo {
    return this.#budget.info;
  }

  /** A call drew a burst 429 and backs off `delayMs`: every other call waits that out too. */
  holdAll(delayMs: number): void {
    this.#pause.extend(delayMs);
  }

  /** Sends once admitted; throws RateBudgetError (not sent) when the budget has nothing left. */
  async send(method: string, path: string, exchange: () => Promise<Received>): Promise<Answer> {
    const refuse = (info: RateLimitInfo) =>
      new RateBudgetError({ method, path, limit: info.limit, sent: false });
    const observed = async (): Promise<Answer> => {
      const received = await exchange();
      const rateLimit = parseRateLimit(header(received.headers, 'x-rate-limit'));
      const retryAfterMs = parseRetryAfter(header(received.headers, 'retry-after'), this.#now());
      this.#budget.observe(rateLimit, retryAfterMs);
      return { ...received, rateLimit, retryAfterMs };
    };
    for (;;) {
      await this.#pause.wait();
      // A pause that began while this call queued for a slot is waited out after giving the slot back.
      const answer = await this.#slots.run(() =>
        this.#pause.active ? Promise.resolve(null) : this.#budget.run(refuse, observed),
      );
      if (answer) return answer;
    }
  }
}
