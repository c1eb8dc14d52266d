// The client the action builds: key → tokens → HTTP → endpoints, as one AscApi.
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { AscApi } from './api.js';
import { keySecrets, parsePrivateKey } from './auth/key.js';
import { TokenSource } from './auth/token.js';
import { appOverviewEndpoints } from './endpoints/app-overview.js';
import { appAndBuildEndpoints } from './endpoints/apps-and-builds.js';
import { buildBetaEndpoints } from './endpoints/build-beta.js';
import { groupEndpoints } from './endpoints/groups.js';
import { recruitmentEndpoints } from './endpoints/recruitment.js';
import { teamEndpoints } from './endpoints/team.js';
import { testInformationEndpoints } from './endpoints/test-information.js';
import { testerEndpoints } from './endpoints/testers.js';
import { AscHttp } from './transport/http.js';
import { DEFAULT_BACKOFF } from './transport/retry-policy.js';

/** Requests in flight at once unless the caller says otherwise: bursts of parallel calls draw Apple's 429s. */
export const DEFAULT_CONCURRENCY = 4;

/** Where App Store Connect is and which key speaks to it: all the client needs to know about the user. */
export interface AscConnection {
  /** e.g. https://api.appstoreconnect.apple.com (a path prefix is kept, for proxies). */
  baseUrl: string;
  keyId: string;
  /** Issuer ID of a team key; null (or '') for an individual key. */
  issuerId: string | null;
  /** The .p8: PEM, PEM with literal \n, or base64 of the PEM. */
  privateKey: string;
}

export interface AscApiOptions extends AscConnection {
  /** Registers a secret for log masking (core.setSecret in the action). */
  mask?: (secret: string) => void;
  /**
   * Defaults to undici's EnvHttpProxyAgent, owned (and closed) by the client: it honours HTTPS_PROXY,
   * HTTP_PROXY and NO_PROXY (lower-case too), as self-hosted runners behind a proxy need.
   */
  dispatcher?: Dispatcher;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per attempt, headers and body included. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 5. */
  maxRetries?: number;
  /** Requests in flight at once. Default DEFAULT_CONCURRENCY. */
  concurrency?: number;
  /** Retry-After waits longer than this fail the call rather than stall the job. Default 2 minutes. */
  maxRetryAfterMs?: number;
  log?: (line: string) => void;
}

/** AscApi plus what the action needs to tear the client down. */
export interface AscClient extends AscApi {
  /** Tokens minted so far. */
  readonly tokensMinted: number;
  /** Closes the connection pool the client created (an injected dispatcher is the caller's to close). */
  close(): Promise<void>;
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
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const dispatcher =
    options.dispatcher ??
    new EnvHttpProxyAgent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const ownsDispatcher = dispatcher !== options.dispatcher;
  const http = new AscHttp({
    baseUrl: options.baseUrl,
    tokens,
    dispatcher,
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
  return {
    ...appAndBuildEndpoints(http),
    ...appOverviewEndpoints(http),
    ...testInformationEndpoints(http),
    ...teamEndpoints(http),
    ...groupEndpoints(http),
    ...recruitmentEndpoints(http),
    ...testerEndpoints(http),
    ...buildBetaEndpoints(http),
    get rateLimit() {
      return http.rateLimit;
    },
    get changingCalls() {
      return http.changingCalls;
    },
    get tokensMinted() {
      return tokens.minted;
    },
    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}
