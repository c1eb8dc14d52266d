// filter[…], sort, limit and cursor on a list, as Apple applies them.
import { parameterError } from './errors.js';
import type { ResourceKind, SortValue } from './resource-kind.js';
import type { FakeStore } from './store.js';

/** Apple's page size when a request names no limit (recorded responses show meta.paging.limit 50). */
export const DEFAULT_PAGE_SIZE = 50;
/** Included to-many relationships without limit[…] carry this many linkages. */
export const DEFAULT_INCLUDED_LIMIT = 10;

export function applyFilters<T>(
  kind: ResourceKind<T>,
  entities: T[],
  query: Record<string, string>,
  store: FakeStore,
): T[] {
  let result = entities;
  for (const [name, value] of Object.entries(query)) {
    if (!name.startsWith('filter[') && !name.startsWith('exists[')) continue;
    const filter = kind.filters[name];
    // The spec check already refused parameters the operation lacks; this is a gap in the fake.
    if (!filter) throw new Error(`fake-asc: ${kind.type} does not implement ${name}`);
    const values = value.split(',');
    result = result.filter((e) => filter(e, values, store));
  }
  return result;
}

function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'string' && typeof b === 'string') {
    // Build numbers and versions compare as numbers where they are numbers: "10" after "9".
    return a.localeCompare(b, 'en', { numeric: true });
  }
  return Number(a) - Number(b);
}

export function applySort<T>(
  kind: ResourceKind<T>,
  entities: T[],
  sort: string | undefined,
  store: FakeStore,
): T[] {
  if (!sort) return entities;
  const keys = sort.split(',').map((key) => {
    const descending = key.startsWith('-');
    const name = descending ? key.slice(1) : key;
    const get = kind.sorts[name];
    if (!get) throw new Error(`fake-asc: ${kind.type} does not implement sort ${name}`);
    return { get, sign: descending ? -1 : 1 };
  });
  return [...entities].sort((x, y) => {
    for (const { get, sign } of keys) {
      const c = compare(get(x, store), get(y, store));
      if (c !== 0) return sign * c;
    }
    return 0;
  });
}

export interface Page {
  offset: number;
  limit: number;
  total: number;
  nextOffset?: number;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`AQ.${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^AQ\.(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw parameterError(
      'INVALID',
      'cursor',
      `'${cursor}' is not a valid value for the parameter 'cursor'`,
    );
  }
  return Number(m[1]);
}

export function pageOf(total: number, query: Record<string, string>): Page {
  const limit = query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit);
  const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
  const next = offset + limit;
  return next < total ? { offset, limit, total, nextOffset: next } : { offset, limit, total };
}
