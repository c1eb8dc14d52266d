// Which network failures mean "never sent" (safe to re-send anything) and which mean "sent, outcome
// unknown" (a create must be read back before it is re-sent). undici reports both as error codes.
import type { AttemptFailure } from './retry-policy.js';

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const LOST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** The reason the client aborts a request that took longer than its timeout. */
export class RequestTimeout extends Error {
  override name = 'RequestTimeout';
}

export function classifyTransportError(
  caught: unknown,
  timeoutMs: number,
): { failure: AttemptFailure; reason: string } | null {
  if (
    caught instanceof RequestTimeout ||
    (caught as { cause?: unknown })?.cause instanceof RequestTimeout
  ) {
    return { failure: { kind: 'lost' }, reason: `(timed out after ${timeoutMs / 1000} s)` };
  }
  const code = errorCode(caught);
  if (code && NOT_SENT_CODES.has(code)) {
    return { failure: { kind: 'not-sent' }, reason: `(could not connect: ${code})` };
  }
  if (code && LOST_CODES.has(code)) {
    return { failure: { kind: 'lost' }, reason: `(the connection failed: ${code})` };
  }
  return null;
}

function errorCode(caught: unknown): string | null {
  for (let e: unknown = caught, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
