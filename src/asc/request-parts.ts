// Small pieces every resource call uses to build paths and bodies and to read single-resource answers.
import { AscError } from './errors.js';
import { documentData, type JsonApiResource } from './mapping.js';

/** IDs go into paths; encoding keeps an odd ID from changing which endpoint is called. */
export function seg(id: string): string {
  return encodeURIComponent(id);
}

/** Drops undefined keys so a create or update sends only what the caller set. */
export function definedOnly<T extends object>(
  attributes: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** The `data` of a single-resource answer; a 2xx without one is reported, not mapped into blanks. */
export function requireData(document: unknown, method: string, path: string): JsonApiResource {
  const { data } = documentData(document);
  if (!data)
    throw new AscError({ method, path, status: null, reason: '(the response had no data)' });
  return data;
}
