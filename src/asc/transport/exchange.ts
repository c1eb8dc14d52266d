// One HTTP exchange with App Store Connect, without any policy: send with a timeout that covers the body,
// and turn what came back into a document or an AscError. Retrying and budgeting live in http.ts.
import type { Dispatcher } from 'undici';
import { AscError, describeNonJsonBody, parseErrorEntries } from '../errors.js';
import { RequestTimeout } from './transport-errors.js';

export interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export async function send(
  dispatcher: Dispatcher,
  timeoutMs: number,
  method: string,
  url: URL,
  token: string,
  body: unknown,
): Promise<Received> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestTimeout()), timeoutMs);
  try {
    const response = await dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method,
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

export function header(headers: Received['headers'], name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function parseSuccess(method: string, path: string, received: Received): unknown {
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

export function errorFromResponse(method: string, path: string, received: Received): AscError {
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
