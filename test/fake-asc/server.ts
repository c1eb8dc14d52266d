// The HTTP side: a loopback server that applies faults, runs each exchange, writes Apple's headers, logs it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { claimedKid } from './auth.js';
import { seedDemo } from './demo.js';
import {
  agreementsMissing,
  AscError,
  notAuthorized,
  rateLimitExceeded,
  unexpectedError,
} from './errors.js';
import { errorResult, exchange, type ExchangeDeps, type ExchangeResponse } from './exchange.js';
import { Faults } from './faults.js';
import { RateLimiter } from './rate-limit.js';
import { loadSpecOperations } from './spec-operations.js';
import { loadSpecValidator } from './spec-validator.js';
import { FakeStore } from './store.js';
import type {
  FakeAsc,
  FakeAscOptions,
  FaultKind,
  RequestLogEntry,
  SpecViolation,
} from './types.js';

const GATEWAY_PAGE = (status: number) =>
  `<!DOCTYPE html>\n<html><head><title>${status} ${status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : status === 504 ? 'Gateway Time-out' : 'Internal Server Error'}</title></head>\n<body><center><h1>${status}</h1></center><hr><center>Apple</center></body></html>\n`;

/** The fakes this process started and has not closed: the e2e harness scans each run for every JWT they saw. */
const liveFakes = new Set<FakeAsc>();
export const liveFakeAscs = (): ReadonlySet<FakeAsc> => liveFakes;

export async function startFakeAsc(options: FakeAscOptions): Promise<FakeAsc> {
  const now = options.now ?? Date.now;
  const store = new FakeStore(now);
  if (options.seedDemo) seedDemo(store);
  const limiter = new RateLimiter({
    perHour: options.rateLimitPerHour ?? 3600,
    now,
    ...(options.burstLimit ? { burst: options.burstLimit } : {}),
  });
  const requests: RequestLogEntry[] = [];
  const violations: SpecViolation[] = [];
  const faults = new Faults();
  const bearerTokens = new Set<string>();
  const appleNulls = options.appleNulls ?? true;
  const deps: ExchangeDeps = {
    store,
    spec: loadSpecOperations(),
    keys: new Map(options.keys.map((k) => [k.kid, k])),
    limiter,
    validator: options.validate === false ? undefined : await loadSpecValidator({ appleNulls }),
    violations,
    clockSkewSeconds: options.clockSkewSeconds ?? 60,
    conflictOnRelink: options.conflictOnRelink ?? true,
    appleNulls,
    retryAfterSeconds: options.retryAfterSeconds,
  };
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fake-asc');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const entry: RequestLogEntry = {
      method,
      path,
      query,
      body: undefined,
      status: 0,
      time: now(),
      receivedAt: performance.now(),
    };
    const cut = () => {
      entry.answeredAt = performance.now();
      req.socket.destroy();
    };
    requests.push(entry);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (bearer) bearerTokens.add(bearer[1]!);
    await options.hold?.(entry);
    // The body is read before the faults are taken, so a fault can match it; nothing is handled yet.
    const raw = await readBody(req);
    let body: unknown;
    let unparsable = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        unparsable = true;
        body = raw;
      }
    }
    entry.body = body;
    const plan = faults.take({ method, path, query, body });
    // Latency models the network, so it is real time even under an injected clock.
    if (plan.latencyMs > 0) await delay(plan.latencyMs);
    if (closing) return;
    const fault = plan.fault;
    if (fault?.kind === 'reset') {
      cut();
      return;
    }
    if (fault?.kind === 'hang') return;
    const early = fault ? faultResponse(fault) : undefined;
    const response =
      early ??
      (await exchange(deps, { method, path, query, headers: req.headers, body, unparsable }).catch(
        (e: unknown): ExchangeResponse => ({ ...errorResult(e), headers: {} }),
      ));
    entry.status = response.status;
    if (response.kid !== undefined) entry.kid = response.kid;
    options.onAnswer?.(entry);
    if (fault?.kind === 'reset-after') {
      // The work is done and the answer is lost: the client cannot tell whether it happened.
      cut();
      return;
    }
    entry.answeredAt = performance.now();
    res.once('finish', () => options.onAnswered?.(entry));
    if (fault?.kind === 'status-after') {
      // The work is done and a front end timed out waiting for it: the answer says 504, the change happened.
      entry.status = fault.status;
      const page = { status: fault.status, headers: {}, html: GATEWAY_PAGE(fault.status) };
      write(res, page, limiter.header(response.kid ?? claimedKid(req.headers.authorization)));
      return;
    }
    write(res, response, limiter.header(response.kid ?? claimedKid(req.headers.authorization)));
  }

  function faultResponse(fault: FaultKind): (ExchangeResponse & { html?: string }) | undefined {
    switch (fault.kind) {
      case 'status': {
        const headers: Record<string, string> =
          fault.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(fault.retryAfterSeconds) };
        if (fault.body === 'html')
          return { status: fault.status, headers, html: GATEWAY_PAGE(fault.status) };
        return { status: fault.status, headers, body: unexpectedError(fault.status).body() };
      }
      case 'rate-limit':
        return {
          status: 429,
          headers:
            fault.retryAfterSeconds === undefined
              ? {}
              : { 'retry-after': String(fault.retryAfterSeconds) },
          body: rateLimitExceeded().body(),
        };
      case 'unauthorized':
        return { status: 401, headers: {}, body: notAuthorized().body() };
      case 'forbidden':
        return { status: 403, headers: {}, body: agreementsMissing().body() };
      default:
        return undefined;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const failure = e instanceof AscError ? e : unexpectedError(500);
        res.writeHead(failure.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(failure.body()));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeAsc = {
    url: `http://127.0.0.1:${port}`,
    state: store,
    requests,
    violations,
    faults,
    bearerTokens,
    rateLimit: {
      spend: (kid, requests) => limiter.spend(kid, requests),
      recover: (kid) => limiter.recover(kid),
      remaining: (kid) => limiter.remaining(kid),
    },
    close: async () => {
      liveFakes.delete(fake);
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hung requests and idle keep-alive sockets would otherwise hold close() open forever.
      server.closeAllConnections();
      await closed;
    },
  };
  liveFakes.add(fake);
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(
  res: ServerResponse,
  response: ExchangeResponse & { html?: string },
  rateLimit: string,
): void {
  const headers: Record<string, string> = { ...response.headers, 'x-rate-limit': rateLimit };
  if (response.html !== undefined) {
    res.writeHead(response.status, { ...headers, 'content-type': 'text/html' });
    res.end(response.html);
    return;
  }
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  res.writeHead(response.status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(response.body));
}
