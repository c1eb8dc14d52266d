// The step's failure sentence. Reconcile and input errors already are sentences; what reaches here raw from
// the client is put in terms of what the user can change: the key, its role, the URL. A bug says it is one.
import { inspect } from 'node:util';
import { AscError } from '../asc/index.js';

const BUG_NOTE = 'This is a bug in the action: please report it with the log.';

function findAscError(error: unknown): AscError | null {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof AscError) return e;
  }
  return null;
}

/** `bug`: the error is none of the project's own failures, so no sentence of ours explains it. */
export function failureMessage(error: unknown, apiBaseUrl: string | null, bug = false): string {
  const message = error instanceof Error ? error.message : String(error);
  if (bug) {
    const said = message.trim() || (error instanceof Error ? error.name : 'An unknown error');
    return `${said.replace(/[.!?]?\s*$/, '.')} ${BUG_NOTE}`;
  }
  const asc = findAscError(error);
  if (!asc) return message;
  const code = asc.errors[0]?.code;
  if (asc.status === 401) {
    return `App Store Connect did not accept the API key (${asc.method} ${asc.path}: 401 ${code ?? 'NOT_AUTHORIZED'}): check that \`key-id\`, \`issuer-id\` (empty for an individual key) and \`private-key\` belong to the same key, and that the key has not been revoked.`;
  }
  if (asc.status === 403) {
    const detail = asc.errors[0]?.detail ?? asc.errors[0]?.title ?? 'forbidden';
    return `App Store Connect refused this API key access (${asc.method} ${asc.path}: 403 ${code ?? 'FORBIDDEN'}: ${detail}): give the key the App Manager or Admin role in Users and Access, and accept any pending agreements, then re-run.`;
  }
  if (asc.status === null && asc === error && apiBaseUrl) {
    return `Could not reach App Store Connect at ${apiBaseUrl} (${message}): check \`api-base-url\` and the runner's network, then re-run.`;
  }
  return message;
}

/** The error's stack and its causes' stacks, for the debug log. */
export function debugTrace(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : inspect(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}
