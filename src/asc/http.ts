// One request to App Store Connect, made safe: bearer token (re-minted on 401), a timeout, bounded retries
// with backoff, the rate-limit header, a cap on requests in flight, and creates that are read back
// instead of re-sent when their outcome is unknown, so a lost response never makes a duplicate.
import type { Dispatcher } from 'undici';
import type { RateLimitInfo } from '../reconcile/model.js';
import type { TokenSource } from './auth.js';
import { AscError, describeNonJsonBody, parseErrorEntries } from './errors.js';
import { parseRateLimit } from './rate-limit.js';
import {
  outcomeUnknown,
  parseRetryAfter,
  retryDelay,
  type AttemptFailure,
  type BackoffOptions,
} from './retry-policy.js';
import { Semaphore } from './semaphore.js';
import { classifyTransportError, RequestTimeout } from './transport-errors.js';

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

interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export class AscHttp {
  readonly #o: AscHttpOptions;
  readonly #base: URL;
  readonly #slots: Semaphore;
  #rateLimit: RateLimitInfo = { limit: null, remaining: null };
  #changingCalls = 0;

  constructor(options: AscHttpOptions) {
    this.#o = options;
    this.#base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    this.#slots = new Semaphore(options.concurrency);
  }

  get rateLimit(): RateLimitInfo {
    return { ...this.#rateLimit };
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
    const changing = method !== 'GET';
    let counted = false;
    let reminted = false;
    let anyUnknown = false;
    for (let retry = 0; ;) {
      const token = await this.#o.tokens.token();
      let failure: AttemptFailure;
      let error: AscError;
      try {
        const received = await this.#slots.run(() => this.#send(method, url, token, body));
        if (changing && !counted) {
          counted = true;
          this.#changingCalls++;
        }
        const limit = parseRateLimit(header(received.headers, 'x-rate-limit'));
        if (limit) this.#rateLimit = limit;
        if (received.status >= 200 && received.status < 300) {
          return { document: this.#parseSuccess(method, path, received) };
        }
        // The same link POSTed twice: the first attempt went through before its response was lost.
        if (received.status === 409 && anyUnknown && path.includes('/relationships/')) {
          return { document: undefined };
        }
        if (received.status === 401 && !reminted) {
          reminted = true;
          this.#o.tokens.invalidate(token);
          this.#o.log(`${method} ${path}: 401, minting a new token and retrying once`);
          continue;
        }
        error = this.#errorFromResponse(method, path, received);
        const retryAfterMs = parseRetryAfter(
          header(received.headers, 'retry-after'),
          this.#o.now(),
        );
        failure = { kind: 'status', status: received.status, retryAfterMs };
      } catch (caught) {
        const transport = classifyTransportError(caught, this.#o.timeoutMs);
        if (!transport) throw caught;
        if (transport.failure.kind === 'lost' && changing && !counted) {
          counted = true;
          this.#changingCalls++;
        }
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
          if (found !== null) return { document: undefined, found };
        }
        throw error;
      }
      this.#o.log(
        `${method} ${path}: ${reasonOf(error)}; retry ${retry + 1} of ${this.#o.maxRetries} in ${(delay / 1000).toFixed(1)} s`,
      );
      await this.#o.sleep(delay);
      retry++;
      if (isCreate && unknown && readBack) {
        const found = await readBack();
        if (found !== null) {
          this.#o.log(`${method} ${path}: the earlier attempt did take effect; not re-sending`);
          return { document: undefined, found };
        }
      }
    }
  }

  async #send(method: string, url: URL, token: string, body: unknown): Promise<Received> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new RequestTimeout()), this.#o.timeoutMs);
    try {
      const response = await this.#o.dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: method as Dispatcher.HttpMethod,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': 'testflight-beta-groups',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: controller.signal,
      });
      // The timeout covers the body too: a server that sends headers and then stalls is a hang as well.
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } finally {
      clearTimeout(timer);
    }
  }

  #parseSuccess(method: string, path: string, received: Received): unknown {
    if (received.text.trim() === '') return undefined;
    try {
      return JSON.parse(received.text);
    } catch {
      throw new AscError({
        method,
        path,
        status: received.status,
        reason: describeNonJsonBody(header(received.headers, 'content-type'), received.text),
      });
    }
  }

  #errorFromResponse(method: string, path: string, received: Received): AscError {
    let parsed: unknown;
    try {
      parsed = JSON.parse(received.text);
    } catch {
      const reason = describeNonJsonBody(header(received.headers, 'content-type'), received.text);
      return new AscError({ method, path, status: received.status, reason });
    }
    const errors = parseErrorEntries(parsed);
    const reason = errors.length === 0 ? '(the response carried no error details)' : undefined;
    return new AscError({
      method,
      path,
      status: received.status,
      errors,
      ...(reason ? { reason } : {}),
    });
  }

  /** The API path of a URL (`/v1/...`), as shown in errors and logs; the query is left out. */
  #apiPath(url: URL): string {
    const prefix = this.#base.pathname.replace(/\/$/, '');
    return url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length) || '/'
      : url.pathname;
  }
}

function header(headers: Received['headers'], name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function reasonOf(error: AscError): string {
  return error.message.slice(error.message.indexOf(': ') + 2);
}
