// Faults on the fake GitHub, armed as on the fake App Store Connect (the same kinds and matcher, faults.ts):
// answers GitHub's front ends give before the request is handled (5xx, 429 secondary rate limit, 401, 403),
// a reset or a hang, and two after the change took effect (the answer lost, or a gateway's 504 page).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../fake-asc/types.js';
import { DOCS } from './github-rules.js';

export { Faults } from '../fake-asc/faults.js';

type Answered = Exclude<FaultKind, { kind: 'latency' }>;

/** GitHub's unicorn page, as its front end serves a 502 or 504. */
const GATEWAY_PAGE = (status: number) =>
  `<!DOCTYPE html><html><head><title>${status} · GitHub</title></head><body><p>Unicorn! We're having a really bad day.</p></body></html>`;

const GITHUB_ERRORS: Record<number, string> = {
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end(GATEWAY_PAGE(status));
}

/**
 * A fault that answers before the request is handled: its status (0 when no answer is sent). Null for the
 * faults that come after handling (reset-after, status-after).
 */
export function answerBefore(
  fault: Answered,
  req: IncomingMessage,
  res: ServerResponse,
): number | null {
  switch (fault.kind) {
    case 'reset':
      req.socket.destroy();
      return 0;
    case 'hang':
      return 0;
    case 'status':
      if (fault.body === 'html') html(res, fault.status);
      else
        json(res, fault.status, {
          message: GITHUB_ERRORS[fault.status] ?? 'Error',
          documentation_url: DOCS,
          status: String(fault.status),
        });
      return fault.status;
    case 'rate-limit':
      json(
        res,
        429,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: DOCS,
          status: '429',
        },
        fault.retryAfterSeconds === undefined
          ? {}
          : { 'retry-after': String(fault.retryAfterSeconds) },
      );
      return 429;
    case 'unauthorized':
      json(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      return 401;
    case 'forbidden':
      json(res, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: DOCS,
        status: '403',
      });
      return 403;
    case 'reset-after':
    case 'status-after':
      return null;
  }
}

/** A fault after the request was handled (the change made): the answer lost, or a gateway's page instead. */
export function answerAfter(
  fault: Extract<Answered, { kind: 'reset-after' | 'status-after' }>,
  req: IncomingMessage,
  res: ServerResponse,
): number {
  if (fault.kind === 'reset-after') {
    req.socket.destroy();
    return 0;
  }
  html(res, fault.status);
  return fault.status;
}
