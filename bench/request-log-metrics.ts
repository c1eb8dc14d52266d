// What a run cost, read from the fake's request log alone: requests by method, the dependent round trips on
// the critical path, and the most requests ever in flight at once. Pure functions of the log's times.

/** The part of a fake request-log entry these figures need (RequestLogEntry has it). */
export interface TimedRequest {
  method: string;
  /** When the request arrived, ms on the fake's real clock. */
  receivedAt: number;
  /** When its answer was written or its connection cut; undefined for a request never answered. */
  answeredAt?: number;
}

export function requestsByMethod(log: readonly TimedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { method } of log) counts[method] = (counts[method] ?? 0) + 1;
  return counts;
}

/**
 * The longest chain of requests in which each one arrived after the one before it was answered: the round
 * trips the run waited for one after another, whether for a result it needed or for a free slot. Requests that
 * overlap in time count once; an unanswered request ends a chain.
 */
export function criticalPath(log: readonly TimedRequest[]): number {
  const byArrival = [...log].sort((a, b) => a.receivedAt - b.receivedAt);
  const answered = byArrival
    .map((request, index) => ({ at: request.answeredAt, index }))
    .filter((a): a is { at: number; index: number } => a.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const depth = new Array<number>(byArrival.length).fill(0);
  // Walking arrivals in order, `longestBefore` is the deepest chain among requests answered by then. A request
  // answered before another arrives also arrived before it, so its depth is already known.
  let longestBefore = 0;
  let next = 0;
  for (let i = 0; i < byArrival.length; i++) {
    const arrival = byArrival[i]!.receivedAt;
    while (next < answered.length && answered[next]!.at <= arrival) {
      longestBefore = Math.max(longestBefore, depth[answered[next]!.index]!);
      next++;
    }
    depth[i] = longestBefore + 1;
  }
  return Math.max(0, ...depth);
}

/**
 * The most requests open at one moment, as the fake saw them. An answer at the same instant as an arrival
 * closes first: the client can only send into a slot an answer freed. Never more than the client had in flight,
 * since a request reaches the fake after the client sent it and leaves it before the client hears back.
 */
export function maxInFlight(log: readonly TimedRequest[]): number {
  const events: [at: number, change: 1 | -1][] = [];
  for (const { receivedAt, answeredAt } of log) {
    events.push([receivedAt, 1]);
    if (answeredAt !== undefined) events.push([answeredAt, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, change] of events) {
    open += change;
    most = Math.max(most, open);
  }
  return most;
}
