// One fake App Store Connect server and a signed-in HTTP caller for a conformance test file.
// Every call is checked twice: by the fake (its `violations`) and here, with the spec validator run
// directly on what went over the wire, so the suite does not rely on the fake remembering to validate.
import { request } from 'undici';
import { startFakeAsc } from '../fake-asc/index.js';
import { loadSpecValidator } from '../fake-asc/spec-validator.js';
import type { FakeAsc, FakeAscOptions } from '../fake-asc/types.js';
import { makeTestKey, mintTestToken } from '../helpers/keys.js';

export interface Answer {
  status: number;
  /** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** The validator's complaints about the request we sent and the response we got. */
  specErrors: string[];
}

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Bearer token to send instead of the session's; null sends no Authorization header. */
  token?: string | null;
}

export interface Session {
  fake: FakeAsc;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

export async function startSession(options: Partial<FakeAscOptions> = {}): Promise<Session> {
  const key = makeTestKey();
  const [fake, validator, token] = await Promise.all([
    startFakeAsc({
      keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey }],
      ...options,
    }),
    loadSpecValidator({ appleNulls: options.appleNulls ?? true }),
    mintTestToken(key),
  ]);

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
    const query = opts.query ?? {};
    const search = new URLSearchParams(query).toString();
    const headers: Record<string, string> = {};
    const bearer = opts.token === undefined ? token : opts.token;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await request(`${fake.url}${path}${search ? `?${search}` : ''}`, {
      method: method as 'GET',
      headers,
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
    const text = await res.body.text();
    const body = parse(text);
    const specErrors = [
      ...validator.validateRequest({ method, path, query, body: opts.body }),
      ...validator.validateResponse({ method, path, status: res.statusCode, body }),
    ];
    return { status: res.statusCode, body, specErrors };
  }

  return { fake, call, close: () => fake.close() };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
