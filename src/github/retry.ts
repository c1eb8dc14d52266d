// When a failed GitHub request is worth another attempt, and after how long: what a retry can fix (a 5xx, a
// rate limit GitHub says will pass, a connection lost), never an answer (401, 403, 404, 422), as
// @octokit/plugin-retry and actions/github-script decide, without their bundle.

/** Two retries: three attempts in all. */
export const GITHUB_ATTEMPTS = 3;

/** The backoff before each retry (then jittered by ±20%), when GitHub does not say how long to wait. */
const BACKOFF_MS = [1_000, 2_000];

/** A longer wait than this holds the step for nothing a release engineer would want: the request is given up. */
const MAX_WAIT_MS = 10_000;

const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

interface FailedRequest {
  response?: { status?: unknown; headers?: Record<string, unknown> };
}

/** What GitHub answered to a failed request; null when no answer came (a reset, a refused connection). */
export function answeredStatus(error: unknown): number | null {
  const status = (error as FailedRequest | null)?.response?.status;
  return typeof status === 'number' ? status : null;
}

const header = (error: unknown, name: string): string | undefined => {
  const value = (error as FailedRequest | null)?.response?.headers?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/** The wait GitHub asks for in its rate-limit headers, in ms; null when it names none. */
function askedWaitMs(error: unknown, now: number): number | null {
  const retryAfter = header(error, 'retry-after');
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const reset = header(error, 'x-ratelimit-reset');
  if (header(error, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d+$/.test(reset))
    return Math.max(0, Number(reset) * 1000 - now);
  return null;
}

/** A 403 that is a rate limit, not a refusal: GitHub's headers say when to come back. */
const isRateLimited403 = (error: unknown): boolean =>
  header(error, 'retry-after') !== undefined ||
  (header(error, 'x-ratelimit-remaining') === '0' &&
    header(error, 'x-ratelimit-reset') !== undefined);

/** A failure a later attempt may not meet: a 5xx, a rate limit, or no answer at all. */
export function isTransient(error: unknown): boolean {
  const status = answeredStatus(error);
  return (
    status === null ||
    TRANSIENT_STATUSES.has(status) ||
    status === 429 ||
    (status === 403 && isRateLimited403(error))
  );
}

/**
 * How long to wait before trying again the request that failed with `error` on attempt `attempt` (1-based), in
 * ms; null when it is not tried again: an answer, the attempts used, or a wait past MAX_WAIT_MS. The caller has
 * already ruled out its own timeout, which is never retried.
 */
export function retryWaitMs(
  error: unknown,
  attempt: number,
  now: number,
  random: () => number,
): number | null {
  if (!isTransient(error) || attempt >= GITHUB_ATTEMPTS) return null;
  const asked = answeredStatus(error) === null ? null : askedWaitMs(error, now);
  const waitMs = asked ?? Math.round(BACKOFF_MS[attempt - 1]! * (0.8 + 0.4 * random()));
  return waitMs > MAX_WAIT_MS ? null : waitMs;
}
