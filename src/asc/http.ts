// One request to App Store Connect, made safe: bearer token (re-minted on 401), a timeout, bounded retries
// with backoff, a cap on requests in flight, the hourly budget from X-Rate-Limit (rate-budget.ts), a pause for
// every call after a burst 429 (burst-pause.ts), and creates that are read back instead of re-sent when their
// outcome is unknown, so a lost response never makes a duplicate.
import type { Dispatcher } from 'undici';
import type { RateLimitInfo } from '../reconcile/model.js';
import type { TokenSource } from './auth.js';
import { BurstPause } from './burst-pause.js';
import { AscError } from './errors.js';
import { errorFromResponse, header, parseSuccess, send, type Received } from './exchange.js';
import { RateBudget, RateBudgetError } from './rate-budget.js';
import { parseRateLimit } from './rate-limit.js';
import {
  outcomeUnknown,
  parseRetryAfter,
  retryDelay,
  type AttemptFailure,
  type BackoffOptions,
} from './retry-policy.js';
import { Semaphore } from './semaphore.js';
import { classifyTransportError } from './transport-errors.js';

export interface AscHttpOptions {
  baseUrl: string;
  tokens: TokenSource;
  dispatcher: Dispatcher;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  timeoutMs: number;
  maxRetries: number;
  /** A Retry-After longer than this fails the call instead of waiting. */
  maxRetryAfterMs: number;
  concurrency: number;
  backoff: Omit<BackoffOptions, 'random'>;
  log: (line: string) => void;
}

export type Query = Record<string, string | number | undefined>;

export interface CreateOptions<T> {
  /** Maps the 201 document to the result. */
  map: (document: unknown) => T;
  /** Finds the resource if an earlier attempt created it; null when it does not exist. Omit to never re-send. */
  readBack?: () => Promise<T | null>;
}

/** An answer with the headers the retry loop acts on already read. */
interface Answer extends Received {
  rateLimit: RateLimitInfo | null;
  retryAfterMs: number | null;
}

export class AscHttp {
  readonly #o: AscHttpOptions;
  readonly #base: URL;
  readonly #slots: Semaphore;
  readonly #budget: RateBudget;
  readonly #pause: BurstPause;
  #changingCalls = 0;

  constructor(options: AscHttpOptions) {
    this.#o = options;
    this.#base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    this.#slots = new Semaphore(options.concurrency);
    this.#budget = new RateBudget(options.now);
    this.#pause = new BurstPause({
      now: options.now,
      sleep: options.sleep,
      random: options.random,
      spreadMs: Math.min(1_000, options.backoff.baseMs),
    });
  }

  get rateLimit(): RateLimitInfo {
    return this.#budget.info;
  }

  get changingCalls(): number {
    return this.#changingCalls;
  }

  /** GET, PATCH, DELETE and relationship POSTs: safe to repeat, so every retryable failure is retried. */
  async request(
    method: string,
    pathOrUrl: string,
    query?: Query,
    body?: unknown,
  ): Promise<unknown> {
    const result = await this.#execute(method, this.resolve(pathOrUrl, query), body, null);
    return result.document;
  }

  /** POST of a new resource: after an unknown outcome it is read back, and only re-sent if absent. */
  async create<T>(path: string, body: unknown, options: CreateOptions<T>): Promise<T> {
    const result = await this.#execute('POST', this.resolve(path), body, options.readBack ?? null);
    return result.found !== undefined ? result.found : options.map(result.document);
  }

  /**
   * The URL for a path or a `links.next`. A link on another host (Apple's, when a proxy is configured, or
   * the web "iris" host) is rebased onto the base URL, so the token is only ever sent where it was meant to go.
   */
  resolve(pathOrUrl: string, query?: Query): URL {
    let url: URL;
    if (/^https?:\/\//i.test(pathOrUrl)) {
      url = new URL(pathOrUrl);
      if (url.origin !== this.#base.origin || !url.pathname.startsWith(this.#base.pathname)) {
        const apiPath = url.pathname.slice(Math.max(0, url.pathname.indexOf('/v1/')));
        url = new URL(apiPath.replace(/^\//, '') + url.search, this.#base);
      }
    } else {
      url = new URL(pathOrUrl.replace(/^\//, ''), this.#base);
    }
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  async #execute<T>(
    method: string,
    url: URL,
    body: unknown,
    readBack: (() => Promise<T | null>) | null,
  ): Promise<{ document: unknown; found?: T }> {
    const path = this.#apiPath(url);
    const isCreate = method === 'POST' && !path.includes('/relationships/') && body !== undefined;
    // A change counts once it took effect: a 2xx, or an earlier attempt found to have gone through.
    // Refused calls change nothing, so the `changes` output and the summary leave them out.
    const took = <R>(result: R): R => {
      if (method !== 'GET') this.#changingCalls++;
      return result;
    };
    let reminted = false;
    let anyUnknown = false;
    for (let retry = 0; ;) {
      const token = await this.#o.tokens.token();
      let failure: AttemptFailure;
      let error: AscError;
      try {
        const received = await this.#attempt(method, path, url, token, body);
        if (received.status >= 200 && received.status < 300) {
          return took({ document: parseSuccess(method, path, received) });
        }
        // The same link POSTed twice: the first attempt went through before its response was lost.
        if (received.status === 409 && anyUnknown && path.includes('/relationships/')) {
          return took({ document: undefined });
        }
        if (received.status === 401 && !reminted) {
          reminted = true;
          this.#o.tokens.invalidate(token);
          this.#o.log(`${method} ${path}: 401, minting a new token and retrying once`);
          continue;
        }
        error = errorFromResponse(method, path, received);
        const { rateLimit, retryAfterMs } = received;
        // A 429 with the hour spent is not a burst: a slot frees only as the rolling hour moves on, at a time
        // Apple does not give, so retries would only be refused again. Stop with the budget named instead.
        if (received.status === 429 && rateLimit?.remaining === 0) {
          throw new RateBudgetError({
            method,
            path,
            limit: rateLimit.limit,
            sent: true,
            errors: error.errors,
          });
        }
        failure = { kind: 'status', status: received.status, retryAfterMs };
      } catch (caught) {
        const transport = classifyTransportError(caught, this.#o.timeoutMs);
        if (!transport) throw caught;
        failure = transport.failure;
        error = new AscError({
          method,
          path,
          status: null,
          reason: transport.reason,
          cause: caught,
        });
      }

      const unknown = outcomeUnknown(failure);
      anyUnknown ||= unknown;
      const delay = retryDelay(failure, retry, {
        ...this.#o.backoff,
        random: this.#o.random,
        maxRetries: this.#o.maxRetries,
        maxRetryAfterMs: this.#o.maxRetryAfterMs,
      });
      if (isCreate && unknown && readBack === null) {
        throw error.withNote(
          'it may or may not have taken effect, and it is not re-sent because a second one could not be told apart',
        );
      }
      if (delay === null) {
        if (isCreate && unknown && readBack) {
          const found = await readBack();
          if (found !== null) return took({ document: undefined, found });
        }
        throw error;
      }
      // The others would fire into the same crowded window: they wait out this backoff too.
      if (failure.kind === 'status' && failure.status === 429) this.#pause.extend(delay);
      this.#o.log(
        `${method} ${path}: ${reasonOf(error)}; retry ${retry + 1} of ${this.#o.maxRetries} in ${(delay / 1000).toFixed(1)} s`,
      );
      await this.#o.sleep(delay);
      retry++;
      if (isCreate && unknown && readBack) {
        const found = await readBack();
        if (found !== null) {
          this.#o.log(`${method} ${path}: the earlier attempt did take effect; not re-sending`);
          return took({ document: undefined, found });
        }
      }
    }
  }

  /**
   * One attempt: past any burst pause, a slot, the budget's say, then the exchange. The header is read before
   * the slot is freed, so the next request is judged by it. A pause is never waited out holding a slot.
   */
  async #attempt(
    method: string,
    path: string,
    url: URL,
    token: string,
    body: unknown,
  ): Promise<Answer> {
    const refuse = (info: RateLimitInfo) =>
      new RateBudgetError({ method, path, limit: info.limit, sent: false });
    const exchange = async (): Promise<Answer> => {
      const received = await send(this.#o.dispatcher, this.#o.timeoutMs, method, url, token, body);
      const rateLimit = parseRateLimit(header(received.headers, 'x-rate-limit'));
      const retryAfterMs = parseRetryAfter(header(received.headers, 'retry-after'), this.#o.now());
      this.#budget.observe(rateLimit, retryAfterMs);
      return { ...received, rateLimit, retryAfterMs };
    };
    for (;;) {
      await this.#pause.wait();
      // A pause that began while this call queued for a slot is waited out after giving the slot back.
      const answer = await this.#slots.run(() =>
        this.#pause.active ? Promise.resolve(null) : this.#budget.run(refuse, exchange),
      );
      if (answer) return answer;
    }
  }

  /** The API path of a URL (`/v1/...`), as shown in errors and logs; the query is left out. */
  #apiPath(url: URL): string {
    const prefix = this.#base.pathname.replace(/\/$/, '');
    return url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length) || '/'
      : url.pathname;
  }
}

function reasonOf(error: AscError): string {
  return error.message.slice(error.message.indexOf(': ') + 2);
}
