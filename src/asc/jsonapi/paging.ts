// Walks a JSON:API collection page by page, following `links.next` exactly as Apple gives it (a full URL
// carrying the cursor and the original filters), at the largest page size the API allows.
import type { AscHttp, Query } from '../transport/http.js';
import { collectionData, type JsonApiResource } from './documents.js';

/** Apple's maximum `limit` for top-level and related collections. */
export const PAGE_LIMIT = 200;
/** A bound on pages, so a server that never stops paging cannot keep the job running forever. */
const MAX_PAGES = 1_000;

export interface Page {
  data: JsonApiResource[];
  included: JsonApiResource[];
  /** The collection's size as Apple states it (`meta.paging.total`); null when not said. */
  total: number | null;
}

export class PagingError extends Error {
  override name = 'PagingError';
}

/** Yields every page of a collection. `query.limit` defaults to 200. */
export async function* pages(http: AscHttp, path: string, query: Query = {}): AsyncGenerator<Page> {
  const seen = new Set<string>();
  let next: string | null = http.resolve(path, { limit: PAGE_LIMIT, ...query }).href;
  for (let count = 0; next !== null; count++) {
    if (count >= MAX_PAGES) throw new PagingError(`GET ${path}: stopped after ${MAX_PAGES} pages`);
    // A cursor that comes back again would loop forever; fail instead of re-reading the same pages.
    if (seen.has(next))
      throw new PagingError(`GET ${path}: the next-page link repeats an earlier page`);
    seen.add(next);
    const document = await http.get(next);
    const total = (document as { meta?: { paging?: { total?: unknown } } } | undefined)?.meta
      ?.paging?.total;
    yield { ...collectionData(document), total: typeof total === 'number' ? total : null };
    const link = (document as { links?: { next?: unknown } } | undefined)?.links?.next;
    next = typeof link === 'string' && link !== '' ? http.resolve(link).href : null;
  }
}

/** Every resource of a collection, with the `included` resources of all pages. */
export async function collect(http: AscHttp, path: string, query: Query = {}): Promise<Page> {
  const all: Page = { data: [], included: [], total: null };
  for await (const page of pages(http, path, query)) {
    all.data.push(...page.data);
    all.included.push(...page.included);
    all.total = page.total;
  }
  return all;
}

/** Yields resources one by one across pages. */
export async function* resources(
  http: AscHttp,
  path: string,
  query: Query = {},
): AsyncGenerator<JsonApiResource> {
  for await (const page of pages(http, path, query)) yield* page.data;
}
