// Injected faults: armed per method and path, each for a number of requests.
import type { Fault, FaultControl, FaultKind } from './types.js';

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

  take(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 };
    for (const a of this.armed) {
      if (!matches(a.fault, method, path)) continue;
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

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  if (typeof fault.path === 'string') return fault.path === path;
  fault.path.lastIndex = 0;
  return fault.path.test(path);
}
