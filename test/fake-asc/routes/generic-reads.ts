// The GETs every resource answers the same way: list, instance, related, relationship linkages.
import { notFound } from '../errors.js';
import { applyFilters } from '../collection-query.js';
import {
  listDocument,
  singleDocument,
  toManyLinkageDocument,
  toOneLinkageDocument,
  toOneRelatedDocument,
} from '../jsonapi.js';
import { kindOf, KINDS, relationshipsOf } from '../resource-registry.js';
import type { ResourceKind } from '../resource-kind.js';
import { findOr404, type RouteContext, type RouteHandler, type RouteResult } from './route.js';

const LIST = /^\/v1\/([A-Za-z]+)$/;
const INSTANCE = /^\/v1\/([A-Za-z]+)\/\{id\}$/;
const LINKAGE = /^\/v1\/([A-Za-z]+)\/\{id\}\/relationships\/([A-Za-z]+)$/;
const RELATED = /^\/v1\/([A-Za-z]+)\/\{id\}\/([A-Za-z]+)$/;

/** The generic handler for a GET template, or undefined when it needs its own. */
export function genericRead(template: string): RouteHandler | undefined {
  let m = LIST.exec(template);
  if (m && KINDS.has(m[1] ?? '')) return (ctx) => list(kindOf(m?.[1] ?? ''), ctx);
  m = INSTANCE.exec(template);
  if (m && KINDS.has(m[1] ?? '')) return (ctx) => instance(kindOf(m?.[1] ?? ''), ctx);
  m = LINKAGE.exec(template);
  if (m && KINDS.has(m[1] ?? ''))
    return (ctx) => relation(kindOf(m?.[1] ?? ''), m?.[2] ?? '', ctx, true);
  m = RELATED.exec(template);
  if (m && KINDS.has(m[1] ?? ''))
    return (ctx) => relation(kindOf(m?.[1] ?? ''), m?.[2] ?? '', ctx, false);
  return undefined;
}

function list(kind: ResourceKind, ctx: RouteContext): RouteResult {
  const entities = applyFilters(kind, kind.list(ctx.store), ctx.query, ctx.store);
  return { status: 200, body: listDocument(kind, entities, ctx) };
}

function instance(kind: ResourceKind, ctx: RouteContext): RouteResult {
  return { status: 200, body: singleDocument(kind, findOr404(kind, ctx), ctx) };
}

function relation(
  owner: ResourceKind,
  name: string,
  ctx: RouteContext,
  linkage: boolean,
): RouteResult {
  const entity = findOr404<unknown>(owner, ctx);
  const shape = relationshipsOf(ctx.spec, owner).get(name);
  if (!shape?.type) throw notFound(owner.type, ctx.params[0] ?? '');
  const type = shape.type;
  const get = owner.related[name];
  const related = get ? get(entity, ctx.store) : shape.many ? [] : null;
  const target = KINDS.get(type);
  if (Array.isArray(related)) {
    const ids = related.filter((id) => target?.find(ctx.store, id) !== undefined);
    if (linkage) return { status: 200, body: toManyLinkageDocument(type, ids, ctx) };
    const kind = target ?? kindOf(type);
    // Few related lists take filters (an app's encryption declarations do); the spec check allowed these.
    const entities = applyFilters(
      kind,
      ids.map((id) => target?.find(ctx.store, id)),
      ctx.query,
      ctx.store,
    );
    return { status: 200, body: listDocument(kind, entities, ctx) };
  }
  // Links-only relationships (the compatible-build check) are keyed by the owner's ID.
  const id = get ? related : ownId(owner, entity, type);
  if (linkage) return { status: 200, body: toOneLinkageDocument(type, id, ctx) };
  const found = id === null || !target ? undefined : target.find(ctx.store, id);
  return { status: 200, body: toOneRelatedDocument(target ?? kindOf(type), found, ctx) };
}

function ownId(owner: ResourceKind, entity: unknown, type: string): string | null {
  return type === 'betaRecruitmentCriterionCompatibleBuildChecks' ? owner.id(entity) : null;
}
