// App Store Connect bearer tokens (ES256 JWT). A token is reused until it is close to expiry, because a run
// that waits 30 minutes for processing outlives any one token; Apple rejects lifetimes over 20 minutes.
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

const TOKEN_AUDIENCE = 'appstoreconnect-v1';
/** `iat` is back-dated so a runner whose clock is ahead of Apple's is not refused. */
const CLOCK_SKEW_SECONDS = 60;
/** exp - iat; Apple's ceiling is 20 minutes, and the back-dated iat counts against it. */
const TOKEN_LIFETIME_SECONDS = 19 * 60;
/** Mint a new token when the current one has less than this left: a request and its retries fit inside. */
export const REFRESH_MARGIN_SECONDS = 5 * 60;

export interface TokenSourceOptions {
  keyId: string;
  /** Issuer ID of a team key; null for an individual key (`sub: "user"`). */
  issuerId: string | null;
  key: KeyObject;
  now: () => number;
  /** Called with every token minted, so the action can mask it in logs. */
  mask: (secret: string) => void;
}

export interface MintedToken {
  token: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

export class TokenSource {
  readonly #options: TokenSourceOptions;
  #current: MintedToken | null = null;
  #pending: Promise<MintedToken> | null = null;
  #minted = 0;

  constructor(options: TokenSourceOptions) {
    this.#options = options;
  }

  /** How many tokens were minted so far (for tests and logs). */
  get minted(): number {
    return this.#minted;
  }

  /** A valid token: the cached one while it has more than the refresh margin left, else a new one. */
  async token(): Promise<string> {
    const nowSeconds = Math.floor(this.#options.now() / 1000);
    const current = this.#current;
    if (current && current.exp - nowSeconds > REFRESH_MARGIN_SECONDS) return current.token;
    // Concurrent requests share one mint instead of each signing its own.
    this.#pending ??= this.#mint(nowSeconds).finally(() => {
      this.#pending = null;
    });
    return (await this.#pending).token;
  }

  /** Forgets the cached token after a 401, so the next call mints a fresh one. */
  invalidate(rejected: string): void {
    if (this.#current?.token === rejected) this.#current = null;
  }

  async #mint(nowSeconds: number): Promise<MintedToken> {
    const { keyId, issuerId, key, mask } = this.#options;
    const iat = nowSeconds - CLOCK_SKEW_SECONDS;
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const claims: Record<string, unknown> = { aud: TOKEN_AUDIENCE };
    if (issuerId === null) claims.sub = 'user';
    else claims.iss = issuerId;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: keyId, typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key);
    mask(token);
    this.#minted++;
    this.#current = { token, iat, exp };
    return this.#current;
  }
}
