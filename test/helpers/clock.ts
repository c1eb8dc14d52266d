// The tests' one clock: simulated time that moves only when the code under test sleeps (or a test advances
// it), so no test waits on real time for a backoff or a processing wait. A sleep outside `all()` moves the
// clock at once by its length. Calls run through `all()` overlap as they would in real time: the clock moves
// only when every one still running is asleep, and then straight to the earliest wake.
export const TEST_START = Date.UTC(2026, 2, 2, 9, 0, 0);

export class TestClock {
  readonly #start: number;
  #now: number;
  #running = 0;
  #sleepers: { at: number; wake: () => void }[] = [];
  /** Every sleep asked for, in ms, in the order asked. */
  readonly slept: number[] = [];

  constructor(start = TEST_START) {
    this.#start = start;
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly sleep = (ms: number): Promise<void> => {
    this.slept.push(ms);
    const done = new Promise<void>((wake) => this.#sleepers.push({ at: this.#now + ms, wake }));
    this.#advanceIfIdle();
    return done;
  };

  /** Milliseconds since the clock was made. */
  elapsed(): number {
    return this.#now - this.#start;
  }

  /** Moves the clock by hand, as a long wait elsewhere in a run would. */
  advance(ms: number): void {
    this.#now += ms;
  }

  /** Runs calls concurrently; time moves only while all of those not yet settled are asleep. */
  async all<T>(calls: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
    this.#running += calls.length;
    return Promise.allSettled(
      calls.map(async (call) => {
        try {
          return await call();
        } finally {
          this.#running--;
          this.#advanceIfIdle();
        }
      }),
    );
  }

  #advanceIfIdle(): void {
    if (this.#sleepers.length === 0 || this.#sleepers.length < this.#running) return;
    const at = Math.min(...this.#sleepers.map((s) => s.at));
    this.#now = Math.max(this.#now, at);
    const due = this.#sleepers.filter((s) => s.at <= at);
    this.#sleepers = this.#sleepers.filter((s) => s.at > at);
    for (const s of due) s.wake();
  }
}

/** A small seeded generator (mulberry32), so "random" jitter is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
