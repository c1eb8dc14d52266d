// When to retry and how long to wait, as pure functions so the policy is tested without a network.

/** Statuses that mean "try again later": rate limit and gateway or server trouble. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface BackoffOptions {
  /** First retry waits up to this long (before jitter). */
  baseMs: number;
  /** No single wait exceeds this. */
  maxMs: number;
  /** Math.random in production; injected in tests. */
  random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 1_000, maxMs: 30_000 };

/**
 * Exponential backoff with full jitter (a uniform wait in [0, min(max, base * 2^attempt)]): clients that
 * failed together do not retry together, which is what turns one 429 into a storm.
 * `attempt` is 0 for the first retry.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/** What went wrong with one attempt, as far as retrying is concerned. */
export type AttemptFailure =
  | { kind: 'status'; status: number; retryAfterMs: number | null }
  /** No connection was made: the request certainly did not reach the server. */
  | { kind: 'not-sent' }
  /** Reset or timeout after the request may have been sent: it may or may not have taken effect. */
  | { kind: 'lost' };

/** True when the server may have acted on the request even though no success came back. */
export function outcomeUnknown(failure: AttemptFailure): boolean {
  if (failure.kind === 'lost') return true;
  // A 5xx can come from a gateway after the backend acted; 429 and 4xx are refusals.
  return failure.kind === 'status' && failure.status >= 500;
}

export function isRetryable(failure: AttemptFailure): boolean {
  return failure.kind !== 'status' || RETRYABLE_STATUSES.has(failure.status);
}

/**
 * The wait before retry number `attempt` (0-based), or null to give up: Retry-After is honoured when
 * present, but a wait longer than `maxRetryAfterMs` (an exhausted hourly budget) fails now rather than
 * stalling the release job for an hour.
 */
export function retryDelay(
  failure: AttemptFailure,
  attempt: number,
  options: BackoffOptions & { maxRetries: number; maxRetryAfterMs: number },
): number | null {
  if (attempt >= options.maxRetries || !isRetryable(failure)) return null;
  if (failure.kind === 'status' && failure.retryAfterMs !== null) {
    if (failure.retryAfterMs > options.maxRetryAfterMs) return null;
    // A little jitter on top keeps clients told the same instant from arriving together.
    return failure.retryAfterMs + Math.floor(options.random() * Math.min(1_000, options.baseMs));
  }
  return backoffDelay(attempt, options);
}
