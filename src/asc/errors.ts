// Errors from App Store Connect, parsed leniently: real bodies miss `detail`, carry unknown `links` keys
// and nested `meta`, and gateways answer with HTML. Every failure becomes an AscError with a readable message.
// InternalError lives here too: src/asc/ is the bottom layer, so the one bug error every layer throws is its.
import type { components } from './generated/asc.js';

type ApiErrorEntry = NonNullable<components['schemas']['ErrorResponse']['errors']>[number];

/**
 * A bug in the action, not something the user can fix: code called in a way it never should be. The step
 * says so and asks for a report; every layer throws this one class (imported from src/asc/index.ts).
 */
export class InternalError extends Error {
  override name = 'InternalError';
}

/** One entry of `errors[]`; every field Apple marks required may still be missing in practice. */
export interface AscErrorEntry {
  id: string | null;
  status: string | null;
  code: string;
  title: string | null;
  detail: string | null;
  /** `source.pointer` (e.g. "/data/attributes/name") or null. */
  pointer: string | null;
  /** `source.parameter` (e.g. "filter[app]") or null. */
  parameter: string | null;
  meta: Record<string, unknown> | null;
}

export interface AscErrorInit {
  method: string;
  /** The real path with IDs, without the query (queries can hold tester emails). */
  path: string;
  /** HTTP status, or null when no response arrived (reset, timeout). */
  status: number | null;
  errors?: AscErrorEntry[];
  /** Used instead of the errors' text when the body had none (HTML page, empty body, network failure). */
  reason?: string;
  /** A sentence appended after everything else, e.g. what the client did or did not do about it. */
  note?: string;
  cause?: unknown;
}

export class AscError extends Error {
  override name = 'AscError';
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly errors: AscErrorEntry[];
  readonly reason: string | null;

  constructor(init: AscErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.errors = init.errors ?? [];
    this.reason = init.reason ?? null;
  }

  /** The same failure with a note appended to its message. */
  withNote(note: string): AscError {
    return new AscError({
      method: this.method,
      path: this.path,
      status: this.status,
      errors: this.errors,
      ...(this.reason === null ? {} : { reason: this.reason }),
      note,
      cause: this.cause ?? this,
    });
  }

  /** True when any entry's code is `prefix` or starts with `prefix.` (codes are dot-separated hierarchies). */
  hasCode(prefix: string): boolean {
    return this.errors.some((e) => e.code === prefix || e.code.startsWith(`${prefix}.`));
  }

  get codes(): string[] {
    return this.errors.map((e) => e.code);
  }
}

function formatMessage(init: AscErrorInit): string {
  const head = `${init.method} ${init.path}: ${init.status ?? 'no response'}`;
  const entries = (init.errors ?? []).map((e) => {
    const text = e.detail ?? e.title ?? 'no detail given';
    const where = e.pointer ?? (e.parameter ? `parameter ${e.parameter}` : null);
    return `${e.code}: ${text}${where ? ` (at ${where})` : ''}`;
  });
  const body = entries.length > 0 ? entries.join('; ') : (init.reason ?? '');
  return `${head}${body ? ` ${body}` : ''}${init.note ? `; ${init.note}` : ''}`;
}

/** A JWT, or the start of one: its header and payload are base64url JSON, so each starts `eyJ`. */
const TOKEN_SHAPE = /eyJ[\w-]*\.[\w-]*\.?[\w-]*/g;

/** An error text that quotes the request's bearer token (some front ends do) must not carry it into a log. */
function withoutTokens(text: string | null): string | null {
  return text === null ? null : text.replace(TOKEN_SHAPE, '[token]');
}

/** Reads `errors[]` from a parsed body; returns [] when the body is not an ErrorResponse. */
export function parseErrorEntries(body: unknown): AscErrorEntry[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return (body.errors as unknown[]).filter(isObject).map((raw) => {
    const e = raw as Partial<Record<keyof ApiErrorEntry, unknown>>;
    const source = isObject(e.source) ? e.source : {};
    return {
      id: text(e.id),
      status: text(e.status),
      code: text(e.code) ?? 'UNKNOWN',
      title: withoutTokens(text(e.title)),
      detail: withoutTokens(text(e.detail)),
      pointer: text(source.pointer),
      parameter: text(source.parameter),
      meta: isObject(e.meta) ? e.meta : null,
    };
  });
}

/** A short, readable description of a body that is not JSON (an HTML gateway page, say). */
export function describeNonJsonBody(contentType: string | null, body: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
  const textOnly = (title ?? body.replace(/<[^>]*>/g, ' '))
    // A proxy that echoes the request would quote our bearer token; it must not reach the summary.
    .replace(TOKEN_SHAPE, '[token]')
    .replace(/\s+/g, ' ')
    .trim();
  const excerpt = textOnly.length > 120 ? `${textOnly.slice(0, 117)}...` : textOnly;
  const kind = contentType ? contentType.split(';')[0]?.trim() : 'no content type';
  return excerpt === ''
    ? `(a ${kind} response with no readable text instead of JSON)`
    : `(a ${kind} response instead of JSON: "${excerpt}")`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}
