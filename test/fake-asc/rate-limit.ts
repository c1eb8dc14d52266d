// Apple's per-key request budget over a rolling hour, plus an optional burst limit, on the injected clock.
const HOUR_MS = 3600 * 1000;

export interface RateLimitOptions {
  perHour: number;
  burst?: { requests: number; windowMs: number };
  now: () => number;
}

export class RateLimiter {
  private readonly options: RateLimitOptions;
  private readonly hits = new Map<string, number[]>();

  constructor(options: RateLimitOptions) {
    this.options = options;
  }

  private recent(kid: string): number[] {
    const cutoff = this.options.now() - HOUR_MS;
    const kept = (this.hits.get(kid) ?? []).filter((t) => t > cutoff);
    this.hits.set(kid, kept);
    return kept;
  }

  remaining(kid: string | undefined): number {
    if (kid === undefined) return this.options.perHour;
    return Math.max(0, this.options.perHour - this.recent(kid).length);
  }

  /** Counts the request, or answers false when the hour's budget or the burst window is spent. */
  take(kid: string): boolean {
    const hits = this.recent(kid);
    if (hits.length >= this.options.perHour) return false;
    const burst = this.options.burst;
    if (burst) {
      const since = this.options.now() - burst.windowMs;
      if (hits.filter((t) => t > since).length >= burst.requests) return false;
    }
    hits.push(this.options.now());
    return true;
  }

  /** Another job with the same key made `requests` requests just now. */
  spend(kid: string, requests: number): void {
    const hits = this.recent(kid);
    for (let i = 0; i < requests; i++) hits.push(this.options.now());
  }

  /** The rolling hour has passed for the key: all of its budget is back. */
  recover(kid: string): void {
    this.hits.delete(kid);
  }

  header(kid: string | undefined): string {
    return `user-hour-lim:${this.options.perHour};user-hour-rem:${this.remaining(kid)};`;
  }
}
