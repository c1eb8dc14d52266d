// A 429 with budget left means "too many at once". The call that drew it backs off with jitter, but the
// other calls would keep firing into the same window and draw 429s of their own: a storm made by the client.
// So every attempt waits out the latest such backoff too, each with its own jitter so they do not return together.
export interface BurstPauseOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Others return within this long after the pause ends, spread at random. */
  spreadMs: number;
}

export class BurstPause {
  readonly #o: BurstPauseOptions;
  #until = 0;

  constructor(options: BurstPauseOptions) {
    this.#o = options;
  }

  /** The call that drew a burst 429 retries in `delayMs`: nothing else is sent before then. */
  extend(delayMs: number): void {
    this.#until = Math.max(this.#until, this.#o.now() + delayMs);
  }

  get active(): boolean {
    return this.#o.now() < this.#until;
  }

  /** Resolves once no pause is in force; the call that set the pause finds it over when its own wait ends. */
  async wait(): Promise<void> {
    while (this.active) {
      const rest = this.#until - this.#o.now();
      await this.#o.sleep(rest + Math.floor(this.#o.random() * this.#o.spreadMs));
    }
  }
}
