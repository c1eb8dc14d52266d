// The fault matrix's rows: the faults Apple's front ends and networks produce, on the first attempt and on every
// attempt, and what a failure must say about each. Kept apart from the test so the coverage test reads the same
// lists the matrix runs.
import type { FaultKind } from '../fake-asc/types.js';

export interface MatrixFault {
  name: string;
  fault: FaultKind;
  /** What a failure caused by this fault must say: the status, or that no answer came. */
  says: RegExp;
}

export const FAULTS: readonly MatrixFault[] = [
  { name: '500', fault: { kind: 'status', status: 500, body: 'json' }, says: /\b500\b/ },
  { name: '502 (HTML)', fault: { kind: 'status', status: 502, body: 'html' }, says: /\b502\b/ },
  { name: '503', fault: { kind: 'status', status: 503, body: 'json' }, says: /\b503\b/ },
  { name: '504', fault: { kind: 'status', status: 504, body: 'json' }, says: /\b504\b/ },
  { name: '429', fault: { kind: 'rate-limit' }, says: /\b429\b/ },
  {
    name: '429 Retry-After: 7',
    fault: { kind: 'rate-limit', retryAfterSeconds: 7 },
    says: /\b429\b/,
  },
  { name: 'reset', fault: { kind: 'reset' }, says: /no response/ },
  { name: 'reset after the change', fault: { kind: 'reset-after' }, says: /no response/ },
  {
    name: '504 after the change',
    fault: { kind: 'status-after', status: 504 },
    says: /\b504\b/,
  },
  { name: 'hang', fault: { kind: 'hang' }, says: /timed out/ },
  { name: 'spurious 401', fault: { kind: 'unauthorized' }, says: /\b401\b/ },
];

export type Attempt = 'first' | 'every';
export const ATTEMPTS: readonly Attempt[] = ['first', 'every'];

/**
 * The faults put on a read. A lost answer after the change and a 504 after it are a reset and a 504 to a GET
 * (nothing changes either way), so a read is spared those two rows.
 */
const AFTER_THE_CHANGE = new Set(['reset after the change', '504 after the change']);
export const READ_FAULTS: readonly MatrixFault[] = FAULTS.filter(
  (f) => !AFTER_THE_CHANGE.has(f.name),
);

/** How many requests a fault applies to. */
export const timesFor = (attempt: Attempt): number => (attempt === 'first' ? 1 : Infinity);

/**
 * The client's options in a row. The request timeout is real time (undici's timer), so it is short, with two
 * retries, only where a hang is injected (the only rows that wait for it), and long elsewhere, so no answer
 * on a loaded machine is cut short; a request cut short there is retried, which the rows' checks allow. 400 ms:
 * at 150 ms a machine with a load of 8 cut other requests of a hang row short until the run failed before it.
 */
export const clientFor = (fault: MatrixFault): { timeoutMs: number; maxRetries?: number } =>
  fault.fault.kind === 'hang' ? { timeoutMs: 400, maxRetries: 2 } : { timeoutMs: 10_000 };

/** What the rows came to: written by the matrix, printed by .ci/run for the report. */
export interface MatrixTally {
  rows: number;
  survived: number;
  failedCleanly: number;
  converged: number;
  /** Runs that went on with a warning about what they could not read (the summary's metrics). */
  warned: number;
}

/** One sentence: no line break, one full stop at most at the end, no stack. */
export function isOneSentence(message: string): boolean {
  return !message.includes('\n') && !/\bat .+:\d+:\d+/.test(message) && message.trim() === message;
}
