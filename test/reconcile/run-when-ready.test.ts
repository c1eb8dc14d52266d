// Apply's scheduler: an operation starts once what it waits for has finished, and not later; at most the
// client's concurrency run at once; after a failure nothing new starts; operations known only later hold back
// what waits for their kinds until they are known and done.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../src/asc/index.js';
import type { Operation } from '../../src/reconcile/operations.js';
import { runWhenReady, type LaterOperations } from '../../src/reconcile/run-when-ready.js';

const op = (kind: Operation['op'], target: string) =>
  ({ op: kind, target }) as unknown as Operation;

/** Runs the operations, each finishing only when the test says, and records what was started when. */
function harness(operations: Operation[], later?: LaterOperations) {
  const started: string[] = [];
  const finishers = new Map<string, (error?: Error) => void>();
  let running = 0;
  let most = 0;
  const done = runWhenReady(
    operations,
    (o) => {
      started.push(o.target);
      running++;
      most = Math.max(most, running);
      return new Promise<void>((resolve, reject) => {
        finishers.set(o.target, (error) => {
          running--;
          if (error) reject(error);
          else resolve();
        });
      });
    },
    later,
  );
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    started,
    done,
    most: () => most,
    async finish(target: string, error?: Error) {
      finishers.get(target)!(error);
      await settle();
    },
    settle,
  };
}

describe('runWhenReady', () => {
  it('starts testers beside the build, and the review once What to Test and the build are in', async () => {
    const h = harness([
      op('add-testers', 'testers-1'),
      op('set-what-to-test', 'wtt'),
      op('add-build', 'build'),
      op('submit-for-review', 'review'),
      op('create-tester', 'new-1'),
      op('create-tester', 'new-2'),
    ]);
    await h.settle();
    // What others wait for goes first; the testers need nothing and fill the other slots.
    expect(h.started).toEqual(['wtt', 'build', 'testers-1', 'new-1']);
    await h.finish('build');
    expect(h.started.slice(4)).toEqual(['new-2']);
    await h.finish('testers-1');
    expect(h.started).not.toContain('review');
    await h.finish('wtt');
    expect(h.started.at(-1)).toBe('review');
    for (const target of ['new-1', 'new-2', 'review']) await h.finish(target);
    await h.done;
    expect(h.most()).toBe(DEFAULT_CONCURRENCY);
  });

  it('starts first what more operations wait for: a created group with testers before What to Test', async () => {
    const h = harness([
      op('set-what-to-test', 'wtt-1'),
      op('set-what-to-test', 'wtt-2'),
      op('set-test-information', 'info'),
      op('set-review-details', 'details'),
      op('create-group', 'group'),
      op('create-tester', 'new-1'),
      op('create-tester', 'new-2'),
      op('create-recruitment-criteria', 'criteria'),
      op('submit-for-review', 'review'),
    ]);
    await h.settle();
    // The group has 4 operations waiting for it, What to Test and the rest 1 each (the review).
    expect(h.started).toEqual(['group', 'wtt-1', 'wtt-2', 'info']);
    await h.finish('group');
    expect(h.started.slice(4)).toEqual(['details']);
    await h.finish('wtt-1');
    expect(h.started.slice(5)).toEqual(['new-1']);
  });

  it('starts nothing new after a failure, and throws it once the calls in flight settled', async () => {
    const h = harness([
      op('set-what-to-test', 'wtt'),
      op('add-build', 'build'),
      op('submit-for-review', 'review'),
    ]);
    await h.settle();
    await h.finish('build', new Error('refused'));
    let settled = false;
    void h.done.catch(() => (settled = true));
    await h.settle();
    expect(settled).toBe(false);
    await h.finish('wtt');
    await expect(h.done).rejects.toThrow('refused');
    expect(h.started).toEqual(['wtt', 'build']);
  });

  it('holds what waits for the kinds still to come until they are known and done', async () => {
    let known!: (operations: Operation[]) => void;
    const later = {
      kinds: ['create-tester', 'add-testers'] as Operation['op'][],
      operations: new Promise<readonly Operation[]>((resolve) => (known = resolve)),
    };
    const h = harness([op('add-build', 'build'), op('notify-testers', 'notify')], later);
    await h.settle();
    await h.finish('build');
    // The notification waits for testers that are not even known yet.
    expect(h.started).toEqual(['build']);
    known([op('add-testers', 'testers-1'), op('create-tester', 'new-1')]);
    await h.settle();
    expect(h.started).toEqual(['build', 'testers-1', 'new-1']);
    await h.finish('testers-1');
    expect(h.started).not.toContain('notify');
    await h.finish('new-1');
    expect(h.started.at(-1)).toBe('notify');
    await h.finish('notify');
    await h.done;
  });

  it('fails with what the later operations waited on, once the calls in flight settled', async () => {
    let fail!: (error: Error) => void;
    const later = {
      kinds: ['create-tester'] as Operation['op'][],
      operations: new Promise<readonly Operation[]>((_, reject) => (fail = reject)),
    };
    const h = harness([op('set-what-to-test', 'wtt'), op('expire-build', 'expire')], later);
    await h.settle();
    fail(new Error('lookup failed'));
    await h.settle();
    let settled = false;
    void h.done.catch(() => (settled = true));
    await h.settle();
    expect(settled).toBe(false);
    await h.finish('wtt');
    await expect(h.done).rejects.toThrow('lookup failed');
    // What cannot be undone waited for the testers, and never started.
    expect(h.started).toEqual(['wtt']);
  });
});
