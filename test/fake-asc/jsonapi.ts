// JSON:API documents as Apple writes them: absolute links, sparse fieldsets, included, paging.
import {
  applySort,
  DEFAULT_INCLUDED_LIMIT,
  encodeCursor,
  pageOf,
  type Page,
} from './collection-query.js';
import { KINDS, relationshipsOf } from './resource-registry.js';
import type { ResourceKind } from './resource-kind.js';
import type { SpecOperations } from './spec-operations.js';
import type { FakeStore } from './store.js';

export interface DocumentContext {
  /** e.g. http://127.0.0.1:5000, from the Host the request came to. */
  origin: string;
  path: string;
  query: Record<string, string>;
  store: FakeStore;
  spec: SpecOperations;
  /** Keep null attributes (Apple's habit) instead of leaving them out. */
  appleNulls?: boolean;
}

export interface Linkage {
  type: string;
  id: string;
}

export interface ResourceObject {
  type: string;
  id: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, unknown>;
  links: { self: string };
}

type Included = Map<string, ResourceObject>;

export function selfLink(ctx: DocumentContext): string {
  const search = new URLSearchParams(ctx.query).toString();
  return `${ctx.origin}${ctx.path}${search ? `?${search}` : ''}`;
}

function fieldsFor(ctx: DocumentContext, type: string): Set<string> | undefined {
  const fields = ctx.query[`fields[${type}]`];
  return fields === undefined ? undefined : new Set(fields.split(','));
}

function relatedIds(
  kind: ResourceKind,
  entity: unknown,
  name: string,
  many: boolean,
  store: FakeStore,
) {
  const get = kind.related[name];
  if (!get) return many ? [] : null;
  return get(entity, store);
}

/** One resource; `include` names relationships whose data is given and whose targets go to `included`. */
export function resourceObject(
  kind: ResourceKind,
  entity: unknown,
  ctx: DocumentContext,
  include: string[] = [],
  included?: Included,
): ResourceObject {
  const id = kind.id(entity);
  const base = `${ctx.origin}/v1/${kind.type}/${id}`;
  const fields = fieldsFor(ctx, kind.type);
  const attributes = Object.fromEntries(
    Object.entries(kind.attributes(entity, ctx.store)).filter(
      ([k, v]) => (!fields || fields.has(k)) && (v !== null || ctx.appleNulls),
    ),
  );
  const relationships: Record<string, unknown> = {};
  for (const [name, shape] of relationshipsOf(ctx.spec, kind)) {
    if (fields && !fields.has(name)) continue;
    const relTemplate = `/v1/${kind.type}/{id}/relationships/${name}`;
    const hasSelf = ['GET', 'POST', 'PATCH', 'DELETE'].some((m) => ctx.spec.has(m, relTemplate));
    const hasRelated = ctx.spec.has('GET', `/v1/${kind.type}/{id}/${name}`);
    // Paths the trimmed spec knows decide the links (builds' betaGroups has only `self`, as Apple
    // sends it); relationships outside TestFlight get both, the way Apple links them.
    const outside = !hasSelf && !hasRelated;
    const links: Record<string, string> = {};
    if (hasSelf || outside) links.self = `${base}/relationships/${name}`;
    if (hasRelated || outside) links.related = `${base}/${name}`;
    const entry: Record<string, unknown> = shape.links ? { links } : {};
    if (include.includes(name) && shape.type) {
      Object.assign(entry, includedRelationship(kind, entity, name, shape, ctx, included));
    }
    if (Object.keys(entry).length > 0) relationships[name] = entry;
  }
  return {
    type: kind.type,
    id,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(Object.keys(relationships).length > 0 ? { relationships } : {}),
    links: { self: base },
  };
}

function includedRelationship(
  kind: ResourceKind,
  entity: unknown,
  name: string,
  shape: { many: boolean; type?: string },
  ctx: DocumentContext,
  included: Included | undefined,
): Record<string, unknown> {
  const type = shape.type as string;
  const target = KINDS.get(type);
  const ids = relatedIds(kind, entity, name, shape.many, ctx.store);
  const add = (id: string) => {
    const e = target?.find(ctx.store, id);
    if (target && e !== undefined && included && !included.has(`${type}/${id}`)) {
      included.set(`${type}/${id}`, resourceObject(target, e, ctx));
    }
  };
  if (!Array.isArray(ids)) {
    if (ids !== null) add(ids);
    // The spec types to-one data as an object; an empty one is left out unless Apple's nulls are wanted.
    if (ids === null) return ctx.appleNulls ? { data: null } : {};
    return { data: { type, id: ids } };
  }
  const limitParam = ctx.query[`limit[${name}]`];
  const limit = limitParam === undefined ? DEFAULT_INCLUDED_LIMIT : Number(limitParam);
  const shown = ids.slice(0, limit);
  shown.forEach(add);
  return {
    data: shown.map((id) => ({ type, id })),
    meta: { paging: { total: ids.length, limit } },
  };
}

function includeNames(ctx: DocumentContext): string[] {
  return ctx.query.include ? ctx.query.include.split(',') : [];
}

export function pagingLinks(ctx: DocumentContext, page: Page) {
  const links: { self: string; next?: string } = { self: selfLink(ctx) };
  if (page.nextOffset !== undefined) {
    // Apple's next link: cursor and limit first, then the request's own parameters.
    const next = new URLSearchParams({
      cursor: encodeCursor(page.nextOffset),
      limit: String(page.limit),
    });
    for (const [k, v] of Object.entries(ctx.query))
      if (k !== 'cursor' && k !== 'limit') next.append(k, v);
    links.next = `${ctx.origin}${ctx.path}?${next.toString()}`;
  }
  return links;
}

export function singleDocument(kind: ResourceKind, entity: unknown, ctx: DocumentContext) {
  const included: Included = new Map();
  const data = resourceObject(kind, entity, ctx, includeNames(ctx), included);
  return {
    data,
    ...(included.size > 0 ? { included: [...included.values()] } : {}),
    links: { self: selfLink(ctx) },
  };
}

/** A page of a list (entities already filtered), sorted by `sort`. */
export function listDocument(kind: ResourceKind, entities: unknown[], ctx: DocumentContext) {
  const sorted = applySort(kind, entities, ctx.query.sort, ctx.store);
  const page = pageOf(sorted.length, ctx.query);
  const included: Included = new Map();
  const names = includeNames(ctx);
  const data = sorted
    .slice(page.offset, page.offset + page.limit)
    .map((e) => resourceObject(kind, e, ctx, names, included));
  return {
    data,
    ...(included.size > 0 ? { included: [...included.values()] } : {}),
    links: pagingLinks(ctx, page),
    meta: { paging: { total: page.total, limit: page.limit } },
  };
}

export function toManyLinkageDocument(type: string, ids: string[], ctx: DocumentContext) {
  const page = pageOf(ids.length, ctx.query);
  return {
    data: ids.slice(page.offset, page.offset + page.limit).map((id) => ({ type, id })),
    links: pagingLinks(ctx, page),
    meta: { paging: { total: page.total, limit: page.limit } },
  };
}

export function toOneLinkageDocument(type: string, id: string | null, ctx: DocumentContext) {
  return { data: id === null ? null : { type, id }, links: { self: selfLink(ctx) } };
}

export function toOneRelatedDocument(kind: ResourceKind, entity: unknown, ctx: DocumentContext) {
  return entity === undefined
    ? { data: null, links: { self: selfLink(ctx) } }
    : singleDocument(kind, entity, ctx);
}
