// One request through the fake, after faults: the clock's invitations, auth, rate limit, spec checks, the route, and
// validation.
import type { IncomingHttpHeaders } from 'node:http';
import { verifyBearer } from './auth.js';
import { sendDueInvitations } from './build-lifecycle.js';
import {
  AscError,
  entityUnparsable,
  forbidden,
  parameterError,
  rateLimitExceeded,
  TITLES,
  unexpectedError,
} from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { checkRequestBody } from './request-body.js';
import { handlerFor } from './routes/route-table.js';
import type { SpecValidator } from './spec-validator.js';
import { CURSOR_PARAMETER, type SpecOperations } from './spec-operations.js';
import type { FakeStore } from './store.js';
import type { FakeKey, SpecViolation } from './types.js';

export interface ExchangeDeps {
  store: FakeStore;
  spec: SpecOperations;
  keys: ReadonlyMap<string, FakeKey>;
  limiter: RateLimiter;
  validator: SpecValidator | undefined;
  violations: SpecViolation[];
  clockSkewSeconds: number;
  conflictOnRelink: boolean;
  appleNulls: boolean;
  retryAfterSeconds: number | undefined;
}

export interface ExchangeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, undefined for no body; `unparsable` when it was not JSON. */
  body: unknown;
  unparsable: boolean;
}

export interface ExchangeResponse {
  status: number;
  body?: unknown;
  kid?: string;
  headers: Record<string, string>;
}

export async function exchange(
  deps: ExchangeDeps,
  req: ExchangeRequest,
): Promise<ExchangeResponse> {
  let kid: string | undefined;
  const headers: Record<string, string> = {};
  let result: { status: number; body?: unknown };
  // Apple acts on the clock whether or not anyone asks; the fake catches up as each request arrives.
  sendDueInvitations(deps.store);
  try {
    kid = await verifyBearer(
      req.headers.authorization,
      deps.keys,
      deps.store.now(),
      deps.clockSkewSeconds,
    );
    if (!deps.limiter.take(kid)) {
      if (deps.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(deps.retryAfterSeconds);
      throw rateLimitExceeded();
    }
    result = handle(deps, req, deps.keys.get(kid));
  } catch (e) {
    result = errorResult(e);
  }
  validateResponse(deps, req, result);
  return { ...result, headers, ...(kid === undefined ? {} : { kid }) };
}

function handle(
  deps: ExchangeDeps,
  req: ExchangeRequest,
  key: FakeKey | undefined,
): { status: number; body?: unknown } {
  // Apple's own `cursor` is not in the spec; the validator is not asked about it.
  const { [CURSOR_PARAMETER]: _cursor, ...specQuery } = req.query;
  const validatorErrors =
    deps.validator?.validateRequest({
      method: req.method,
      path: req.path,
      query: specQuery,
      body: req.body,
    }) ?? [];
  const specErrors = [...validatorErrors];
  // The fake's own spec checks are violations too: a client test sees them even where the validator is silent.
  const specCheck = <T>(check: () => T): T => {
    try {
      return check();
    } catch (e) {
      if (e instanceof AscError && validatorErrors.length === 0)
        specErrors.push(...e.errors.map((x) => `${x.code}: ${x.detail}`));
      throw e;
    }
  };
  try {
    const { op, params } = specCheck(() => {
      if (req.unparsable) throw entityUnparsable();
      const matched = deps.spec.match(req.method, req.path);
      deps.spec.checkQuery(matched.op, req.query);
      checkRequestBody(deps.spec, matched.op, req.body);
      return matched;
    });
    if (validatorErrors.length > 0) throw refusal(validatorErrors);
    // A key's role decides what it may read; only the team list is gated in the fake.
    if (op.template === '/v1/users' && key?.canListUsers === false) throw forbidden();
    const handler = handlerFor(op.method, op.template);
    if (!handler) throw new Error(`fake-asc has no handler for ${op.method} ${op.template}`);
    return handler({
      origin: `http://${req.headers.host ?? '127.0.0.1'}`,
      path: req.path,
      query: req.query,
      store: deps.store,
      spec: deps.spec,
      method: req.method,
      op,
      params,
      body: req.body,
      conflictOnRelink: deps.conflictOnRelink,
      appleNulls: deps.appleNulls,
    });
  } finally {
    if (deps.validator && specErrors.length > 0) {
      deps.violations.push({
        direction: 'request',
        method: req.method,
        path: req.path,
        errors: specErrors,
      });
    }
  }
}

/** What the validator found that the fake's own checks let through: a query (400) or a body (409) error. */
function refusal(errors: string[]): AscError {
  if (errors.every((e) => /query|parameter/i.test(e))) {
    return parameterError('INVALID', 'query', errors.join('; '));
  }
  return new AscError(409, {
    code: 'ENTITY_ERROR',
    title: TITLES.entityInvalid,
    detail: errors.join('; '),
  });
}

export function errorResult(e: unknown): { status: number; body: unknown } {
  if (e instanceof AscError) return { status: e.status, body: e.body() };
  const failure = unexpectedError(500);
  // A bug in the fake: say so in the detail, it is what a test author needs to see.
  failure.errors[0]!.detail = `fake-asc: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  return { status: 500, body: failure.body() };
}

function validateResponse(
  deps: ExchangeDeps,
  req: ExchangeRequest,
  result: { status: number; body?: unknown },
) {
  if (!deps.validator || result.status >= 500) return;
  const errors = deps.validator.validateResponse({
    method: req.method,
    path: req.path,
    status: result.status,
    body: result.body,
  });
  if (errors.length > 0) {
    deps.violations.push({
      direction: 'response',
      method: req.method,
      path: req.path,
      status: result.status,
      errors,
    });
  }
}
