// Readers for JSON:API documents as they arrive: the `data` and `included` of a single-resource or collection
// answer, checked only as far as every resource having a type and an ID. What each resource means is endpoints/.
import { AscError } from '../errors.js';

/** Any JSON:API resource as it arrives, before it is known which type it is. */
export interface JsonApiResource {
  type: string;
  id: string;
  attributes?: Record<string, unknown> | null;
  relationships?: Record<string, { data?: unknown; links?: unknown } | null> | null;
}

/** A generated resource type whose attributes may each be null or missing, as real responses have them. */
export type Lenient<R extends { attributes?: object }> = Omit<R, 'attributes' | 'relationships'> & {
  attributes?:
    { [K in keyof NonNullable<R['attributes']>]?: NonNullable<R['attributes']>[K] | null } | null;
  relationships?: Record<string, { data?: unknown; links?: unknown } | null> | null;
};

/** `data` of a single-resource document, or null when the body holds none. */
export function documentData(document: unknown): {
  data: JsonApiResource | null;
  included: JsonApiResource[];
} {
  const d = (document ?? {}) as { data?: unknown; included?: unknown };
  const data = isResource(d.data) ? d.data : null;
  return { data, included: Array.isArray(d.included) ? d.included.filter(isResource) : [] };
}

/** `data` of a collection document. */
export function collectionData(document: unknown): {
  data: JsonApiResource[];
  included: JsonApiResource[];
} {
  const d = (document ?? {}) as { data?: unknown; included?: unknown };
  return {
    data: Array.isArray(d.data) ? d.data.filter(isResource) : [],
    included: Array.isArray(d.included) ? d.included.filter(isResource) : [],
  };
}

function isResource(v: unknown): v is JsonApiResource {
  const r = v as JsonApiResource | null;
  return (
    typeof r === 'object' && r !== null && typeof r.type === 'string' && typeof r.id === 'string'
  );
}

/** The `data` of a single-resource answer; a 2xx without one is reported, not mapped into blanks. */
export function requireData(document: unknown, method: string, path: string): JsonApiResource {
  const { data } = documentData(document);
  if (!data)
    throw new AscError({ method, path, status: null, reason: '(the response had no data)' });
  return data;
}
