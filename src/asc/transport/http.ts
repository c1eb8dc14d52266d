// One call to App Store Connect, made safe: bearer token (re-minted on 401), a timeout, bounded retries with
// backoff, admission past the burst pause, the slots and the hourly budget (admission.ts), and creates that are
// read back instead of re-sent when their outcome is unknown, so a lost response never makes a duplicate.
// Every named call (get, getOne, patchOne, link, create, deleteOne) goes through the one attempt loop.
import type { Dispatcher } from 'undici';
import { AscError } from '../errors.js';
import { documentData, requireData, type JsonApiResource } from '../jsonapi/documents.js';
import type { RateLimitInfo } from '../records.js';
import { Admission, type Answer } from './admission.js';
import { errorFromResponse, parseSuccess, send } from './exchange.js';
import { RateBudgetError } from './rate-budget.js';
import {
  outcomeUnknown,
  retryDelay,
  type AttemptFailure,
  type BackoffOptions,
} from './retry-policy.js';
import { classifyTransportError } from './transport-errors.js';

/** Where bearer tokens come from (auth/token.ts in the client). */
interface BearerTokens {
  token(): Promise<string>;
  /** Forgets a token App Store Connect refused with 401. */
  invalidate(rejected: string): void;
}

export interface AscHttpOptions {
  baseUrl: string;
  tokens: BearerTokens;
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

/** A single-resource answer: its `data`, and the `included` resources it asked for. */
export interface SingleResource {
  data: JsonApiResource;
  included: JsonApiResource[];
}

/** What one call sends and how its answers are read; the loop that sends it is the same for every call. */
interface Call<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: URL;
  body?: unknown;
  /** The result from a 2xx answer's document (undefined for an empty body). */
  read: (document: unknown) => T;
  /** After an attempt whose outcome is unknown, a refusal with this status means that attempt went through. */
  doneAfterLostAttempt?: number;
  /**
   * An attempt whose outcome is unknown (lost, or a 5xx) is re-sent ('resend', safe for what can be
   * repeated), ends the call ('stop', a create that cannot be looked up), or is read back first.
   */
  ifOutcomeUnknown: 'resend' | 'stop' | { readBack: () => Promise<T | null> };
}

/** One attempt's end: a 2xx document, or what failed and the AscError that says so. */
type AttemptResult = { document: unknown } | { failure: AttemptFailure; error: AscError };

export class AscHttp {
  readonly #o: AscHttpOptions;
  readonly #base: URL;
  readonly #admission: Admission;
  #changingCalls = 0;

  constructor(options: AscHttpOptions) {
    this.#o = options;
    this.#base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    this.#admission = new Admission({
      now: options.now,
      sleep: options.sleep,
      random: options.random,
      concurrency: options.concurrency,
      spreadMs: Math.min(1_000, options.backoff.baseMs),
    });
  }

  get rateLimit(): RateLimitInfo {
    return this.#admission.rateLimit;
  }

  get changingCalls(): number {
    return this.#changingCalls;
  }

  /** GET of a path or a `links.next` URL: the parsed document, unread. */
  get(pathOrUrl: string, query?: Query): Promise<unknown> {
    return this.#execute({
      method: 'GET',
      url: this.resolve(pathOrUrl, query),
      read: (document) => document,
      ifOutcomeUnknown: 'resend',
    });
  }

  /** GET of one resource; an answer without `data` is an error, not an empty record. */
  getOne(path: string, query?: Query): Promise<SingleResource> {
    return this.#execute({
      method: 'GET',
      url: this.resolve(path, query),
      read: (document) => ({
        data: requireData(document, 'GET', path),
        included: documentData(document).included,
      }),
      ifOutcomeUnknown: 'resend',
    });
  }

  /** PATCH of one resource (safe to repeat); the updated resource. */
  patchOne(path: string, body: unknown): Promise<JsonApiResource> {
    return this.#execute({
      method: 'PATCH',
      url: this.resolve(path),
      body,
      read: (document) => requireData(document, 'PATCH', path),
      ifOutcomeUnknown: 'resend',
    });
  }

  /**
   * POST or DELETE of relationship linkages (safe to repeat). The same link POSTed again after a lost answer
   * draws a 409: the first attempt went through.
   */
  async link(method: 'POST' | 'DELETE', path: string, body: unknown): Promise<void> {
    await this.#execute({
      method,
      url: this.resolve(path),
      body,
      read: () => undefined,
      doneAfterLostAttempt: 409,
      ifOutcomeUnknown: 'resend',
    });
  }

  /** DELETE of one resource (safe to repeat): after a lost attempt, a 404 means that attempt went through. */
  async deleteOne(path: string): Promise<void> {
    await this.#execute({
      method: 'DELETE',
      url: this.resolve(path),
      read: () => undefined,
      doneAfterLostAttempt: 404,
      ifOutcomeUnknown: 'resend',
    });
  }

  /** POST of a new resource: after an unknown outcome it is read back, and only re-sent if absent. */
  create<T>(path: string, body: unknown, options: CreateOptions<T>): Promise<T> {
    const { readBack } = options;
    return this.#execute({
      method: 'POST',
      url: this.resolve(path),
      body,
      read: options.map,
      ifOutcomeUnknown: readBack ? { readBack } : 'stop',
    });
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

  /** The attempt loop: token, one re-mint on 401, backoff on what is retryable, the read-back hook. */
  async #execute<T>(call: Call<T>): Promise<T> {
    const path = this.#apiPath(call.url);
    // A change counts once it took effect: a 2xx, or an earlier attempt found to have gone through.
    // Refused calls change nothing, so the `changes` output and the summary leave them out.
    const took = (result: T): T => {
      if (call.method !== 'GET') this.#changingCalls++;
      return result;
    };
    const ifUnknown = call.ifOutcomeUnknown;
    let reminted = false;
    let anyUnknown = false;
    for (let retry = 0; ;) {
      const token = await this.#o.tokens.token();
      const attempt = await this.#attempt(call, path, token);
      if ('document' in attempt) return took(call.read(attempt.document));
      const { failure, error } = attempt;
      if (failure.kind === 'status') {
        if (anyUnknown && failure.status === call.doneAfterLostAttempt) {
          return took(call.read(undefined));
        }
        if (failure.status === 401 && !reminted) {
          reminted = true;
          this.#o.tokens.invalidate(token);
          this.#o.log(`${call.method} ${path}: 401, minting a new token and retrying once`);
          continue;
        }
      }

      const unknown = outcomeUnknown(failure);
      anyUnknown ||= unknown;
      const delay = retryDelay(failure, retry, {
        ...this.#o.backoff,
        random: this.#o.random,
        maxRetries: this.#o.maxRetries,
        maxRetryAfterMs: this.#o.maxRetryAfterMs,
      });
      if (unknown && ifUnknown === 'stop') {
        throw error.withNote(
          'it may or may not have taken effect, and it is not re-sent because a second one could not be told apart',
        );
      }
      if (delay !== null) {
        // The others would fire into the same crowded window: they wait out this backoff too.
        if (failure.kind === 'status' && failure.status === 429) this.#admission.holdAll(delay);
        this.#o.log(
          `${call.method} ${path}: ${reasonOf(error)}; retry ${retry + 1} of ${this.#o.maxRetries} in ${(delay / 1000).toFixed(1)} s`,
        );
        await this.#o.sleep(delay);
        retry++;
      }
      // Before a create is sent again, or given up on, look whether the lost attempt did make it.
      if (unknown && typeof ifUnknown === 'object') {
        const found = await ifUnknown.readBack();
        if (found !== null) {
          this.#o.log(
            `${call.method} ${path}: the earlier attempt did take effect; not re-sending`,
          );
          return took(found);
        }
      }
      if (delay === null) throw error;
    }
  }

  /** One attempt. Throws only what is neither an answer nor a network failure (a bug, a spent budget). */
  async #attempt<T>(call: Call<T>, path: string, token: string): Promise<AttemptResult> {
    const { method } = call;
    let received: Answer;
    try {
      received = await this.#admission.send(method, path, () =>
        send(this.#o.dispatcher, this.#o.timeoutMs, method, call.url, token, call.body),
      );
    } catch (caught) {
      const transport = classifyTransportError(caught, this.#o.timeoutMs);
      if (!transport) throw caught;
      const reason = transport.reason;
      const error = new AscError({ method, path, status: null, reason, cause: caught });
      return { failure: transport.failure, error };
    }
    if (received.status >= 200 && received.status < 300) {
      return { document: parseSuccess(method, path, received) };
    }
    const error = errorFromResponse(method, path, received);
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
    return { failure: { kind: 'status', status: received.status, retryAfterMs }, error };
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
