// Injected faults: armed per method, path, query and body, each for a number of requests.
import type { Fault, FaultControl, FaultKind } from './types.js';

/** What a fault is matched against: the request as the fake read it. */
export interface FaultedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

interface Armed {
  fault: Fault;
  left: number;
}

export interface FaultPlan {
  /** Sum of the latency faults that matched. */
  latencyMs: number;
  /** The first other fault that matched. */
  fault?: Exclude<FaultKind, { kind: 'latency' }>;
}

export class Faults implements FaultControl {
  private armed: Armed[] = [];

  add(fault: Fault): void {
    this.armed.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  get pending(): number {
    return this.armed.length;
  }

  take(request: FaultedRequest): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 };
    for (const a of this.armed) {
      if (!matches(a.fault, request)) continue;
      if (a.fault.kind === 'latency') {
        plan.latencyMs += a.fault.ms;
        a.left -= 1;
      } else if (!plan.fault) {
        plan.fault = a.fault;
        a.left -= 1;
      }
    }
    this.armed = this.armed.filter((a) => a.left > 0);
    return plan;
  }
}

function matches(fault: Fault, request: FaultedRequest): boolean {
  if (fault.method && fault.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (fault.path !== undefined && !fits(fault.path, request.path)) return false;
  for (const [name, wanted] of Object.entries(fault.query ?? {})) {
    const value = request.query[name];
    if (wanted === null ? value !== undefined : value === undefined || !fits(wanted, value)) {
      return false;
    }
  }
  if (fault.requestBody !== undefined) {
    const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (text === undefined || !fits(fault.requestBody, text)) return false;
  }
  return true;
}

function fits(wanted: string | RegExp, value: string): boolean {
  if (typeof wanted === 'string') return wanted === value;
  wanted.lastIndex = 0;
  return wanted.test(value);
}
