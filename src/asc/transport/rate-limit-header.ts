// Apple's hourly budget arrives on every response as `X-Rate-Limit: user-hour-lim:3600;user-hour-rem:N;`
// (not in the spec; see DIGEST §1). The reconcile reads it to stop before a run would exhaust it.
import type { RateLimitInfo } from '../records.js';

/** Parses an X-Rate-Limit header; null when absent or unreadable, so one odd header does not erase the last good value. */
export function parseRateLimit(header: string | null | undefined): RateLimitInfo | null {
  if (!header) return null;
  const fields = new Map<string, number>();
  for (const part of header.split(';')) {
    const [name, value] = part.split(':').map((s) => s.trim());
    if (!name || value === undefined || !/^\d+$/.test(value)) continue;
    fields.set(name.toLowerCase(), Number(value));
  }
  const limit = fields.get('user-hour-lim') ?? null;
  const remaining = fields.get('user-hour-rem') ?? null;
  return limit === null && remaining === null ? null : { limit, remaining };
}
