// What a route handler gets and gives back, and small readers for bodies the spec check already passed.
import { notFound, relationshipInvalid } from '../errors.js';
import type { DocumentContext } from '../jsonapi.js';
import type { ResourceKind } from '../resource-kind.js';
import type { SpecOperation } from '../spec-operations.js';

export interface RouteContext extends DocumentContext {
  method: string;
  op: SpecOperation;
  /** Path parameters in order: for /v1/betaGroups/{id}/… that is [id]. */
  params: string[];
  body: unknown;
  conflictOnRelink: boolean;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

/** Handlers by "METHOD /v1/template". */
export type RouteTable = Record<string, RouteHandler>;

export function pathId(ctx: RouteContext): string {
  return ctx.params[0] ?? '';
}

export function findOr404<T>(kind: ResourceKind, ctx: RouteContext): T {
  const id = pathId(ctx);
  const entity = kind.find(ctx.store, id);
  if (entity === undefined) throw notFound(kind.type, id);
  return entity as T;
}

interface Data {
  type?: string;
  id?: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data?: unknown }>;
}

export function dataOf(ctx: RouteContext): Data {
  return (ctx.body as { data: Data }).data;
}

/** IDs of a linkages request `{data:[{type,id}]}`. */
export function linkageIds(ctx: RouteContext): string[] {
  return (ctx.body as { data: { id: string }[] }).data.map((d) => d.id);
}

export function toOneId(data: Data, relationship: string): string | undefined {
  return (data.relationships?.[relationship]?.data as { id?: string } | undefined)?.id;
}

/** The ID of the body's `app` relationship, which must name an app that exists (409 otherwise). */
export function relatedAppId(ctx: RouteContext): string {
  const appId = toOneId(dataOf(ctx), 'app') ?? '';
  if (!ctx.store.apps.has(appId)) {
    throw relationshipInvalid(
      `There is no resource of type 'apps' with id '${appId}'`,
      '/data/relationships/app/data/id',
    );
  }
  return appId;
}

export function toManyIds(data: Data, relationship: string): string[] {
  const linkages = data.relationships?.[relationship]?.data as { id: string }[] | undefined;
  return linkages?.map((l) => l.id) ?? [];
}

export const NO_CONTENT: RouteResult = { status: 204 };
