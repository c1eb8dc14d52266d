// Apply's scheduler: what each operation waits for (WAITS_FOR) decides when it starts, not a stage; one pool of
// the client's concurrency runs whatever is ready.
import { DEFAULT_CONCURRENCY, InternalError } from '../asc/index.js';
import { WAITS_FOR, type Operation } from './operations.js';

/** As many operations at once as the client sends requests: more would only queue in its slots. */
const APPLY_CONCURRENCY = DEFAULT_CONCURRENCY;

/**
 * Operations known only later (the tester links and invites a lookup still decides): until they are, every
 * operation that waits for one of `kinds` waits; once known they run like the others.
 */
export interface LaterOperations {
  kinds: readonly Operation['op'][];
  operations: Promise<readonly Operation[]>;
}

/**
 * Runs each operation once every operation of the kinds it waits for has finished, at most APPLY_CONCURRENCY
 * at a time; among the ready ones, those more operations wait for go first (then plan order), so the chain to
 * the review is not stuck behind a queue of testers, nor a created group's testers behind What to Test. After
 * a failure (of an operation, or of what `later` waits on) nothing new starts, and the first failure is thrown
 * once the calls in flight have settled.
 */
export async function runWhenReady(
  operations: readonly Operation[],
  run: (operation: Operation) => Promise<void>,
  later?: LaterOperations,
): Promise<void> {
  const pending = new Map<Operation['op'], number>();
  const count = (kind: Operation['op'], by: number) =>
    pending.set(kind, (pending.get(kind) ?? 0) + by);
  for (const o of operations) count(o.op, 1);
  // A kind still to come counts as one pending operation of it until `later` is known.
  for (const kind of later?.kinds ?? []) count(kind, 1);
  // How many of the plan's operations wait for each kind (counted by kind: a plan may hold 10,000 testers).
  const waitedOnBy = new Map<Operation['op'], number>();
  for (const [kind, n] of pending) {
    for (const awaited of WAITS_FOR[kind]) {
      waitedOnBy.set(awaited, (waitedOnBy.get(awaited) ?? 0) + n);
    }
  }
  const priority = (o: Operation) => waitedOnBy.get(o.op) ?? 0;
  const byPriority = (a: Operation, b: Operation) => priority(b) - priority(a);
  const waiting = [...operations].sort(byPriority);
  const ready = (o: Operation) => WAITS_FOR[o.op].every((kind) => !pending.get(kind));
  const failures: unknown[] = [];
  let running = 0;
  let awaitingLater = later !== undefined;
  await new Promise<void>((resolve) => {
    const startReady = (): void => {
      while (failures.length === 0 && running < APPLY_CONCURRENCY) {
        const index = waiting.findIndex(ready);
        if (index < 0) break;
        const [operation] = waiting.splice(index, 1);
        running++;
        run(operation!).then(
          () => {
            pending.set(operation!.op, pending.get(operation!.op)! - 1);
            finish();
          },
          (error: unknown) => {
            failures.push(error);
            finish();
          },
        );
      }
      if (running === 0 && (!awaitingLater || failures.length > 0)) resolve();
    };
    const finish = (): void => {
      running--;
      startReady();
    };
    later?.operations.then(
      (known) => {
        awaitingLater = false;
        for (const kind of later.kinds) count(kind, -1);
        for (const o of known) count(o.op, 1);
        waiting.push(...known);
        waiting.sort(byPriority);
        startReady();
      },
      (error: unknown) => {
        awaitingLater = false;
        failures.push(error);
        if (running === 0) resolve();
      },
    );
    startReady();
  });
  if (failures.length > 0) throw failures[0];
  // Only a cycle in WAITS_FOR could leave operations that never became ready.
  if (waiting.length > 0) {
    throw new InternalError(
      `Operations never became ready: ${waiting.map((o) => o.op).join(', ')}`,
    );
  }
}
