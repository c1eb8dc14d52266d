// The App Store Connect client the action builds: key → tokens → HTTP → resources.
import { Agent, type Dispatcher } from 'undici';
import { TokenSource } from './auth.js';
import { AscHttp } from './http.js';
import { keySecrets, parsePrivateKey } from './key.js';
import { AscResources } from './resources.js';
import { DEFAULT_BACKOFF } from './retry-policy.js';

export { AscError, type AscErrorEntry } from './errors.js';
export { PrivateKeyError, keySecrets, parsePrivateKey } from './key.js';
export { AscResources } from './resources.js';
export { PagingError } from './paging.js';
export { RateBudgetError } from './rate-budget.js';

export interface AscApiOptions {
  /** e.g. https://api.appstoreconnect.apple.com (a path prefix is kept, for proxies). */
  baseUrl: string;
  keyId: string;
  /** Issuer ID of a team key; null (or '') for an individual key. */
  issuerId: string | null;
  /** The .p8: PEM, PEM with literal \n, or base64 of the PEM. */
  privateKey: string;
  /** Registers a secret for log masking (core.setSecret in the action). */
  mask?: (secret: string) => void;
  /** Defaults to a keep-alive Agent owned (and closed) by the client. */
  dispatcher?: Dispatcher;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per attempt, headers and body included. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 5. */
  maxRetries?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Retry-After waits longer than this fail the call rather than stall the job. Default 2 minutes. */
  maxRetryAfterMs?: number;
  log?: (line: string) => void;
}

/** AscApi plus what the action needs to tear the client down. */
export class AscClient extends AscResources {
  readonly #tokens: TokenSource;
  readonly #ownDispatcher: Agent | null;

  constructor(http: AscHttp, tokens: TokenSource, ownDispatcher: Agent | null) {
    super(http);
    this.#tokens = tokens;
    this.#ownDispatcher = ownDispatcher;
  }

  /** Tokens minted so far. */
  get tokensMinted(): number {
    return this.#tokens.minted;
  }

  /** Closes the connection pool the client created (an injected dispatcher is the caller's to close). */
  async close(): Promise<void> {
    await this.#ownDispatcher?.close();
  }
}

/**
 * Builds the client. Throws PrivateKeyError (a sentence, never the key) when the key is unusable; the key's
 * forms are masked before anything else can print them.
 */
export function createAscApi(options: AscApiOptions): AscClient {
  const mask = options.mask ?? (() => {});
  for (const secret of keySecrets(options.privateKey)) mask(secret);
  const parsed = parsePrivateKey(options.privateKey);
  const now = options.now ?? Date.now;
  const tokens = new TokenSource({
    keyId: options.keyId,
    issuerId: options.issuerId === '' ? null : options.issuerId,
    key: parsed.key,
    now,
    mask,
  });
  const concurrency = options.concurrency ?? 4;
  const ownDispatcher = options.dispatcher
    ? null
    : new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const http = new AscHttp({
    baseUrl: options.baseUrl,
    tokens,
    dispatcher: options.dispatcher ?? (ownDispatcher as Agent),
    now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 5,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
    concurrency,
    backoff: DEFAULT_BACKOFF,
    log: options.log ?? (() => {}),
  });
  return new AscClient(http, tokens, ownDispatcher);
}
