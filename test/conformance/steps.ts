// Table-driven conformance: each table seeds a fresh fake, then walks its steps in order, one test
// each (run-table.ts). A step names its path with `$name` placeholders (seeded or saved IDs), so the same table also
// tells the coverage test which of Apple's operations the suite exercises.
import type { FakeState } from '../fake-asc/types.js';

export type Ids = Record<string, string>;

export interface Step {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** e.g. /v1/betaGroups/$group/relationships/builds */
  path: string;
  query?: Record<string, string>;
  /** JSON body; any string "$name" in it is replaced by that ID. */
  body?: unknown;
  /** The status Apple answers with; a list where Apple documents more than one (202 or 204). */
  status: number | number[];
  /** What the step shows, when the method and path do not say it. */
  note?: string;
  /** Remember the answer's data.id under this name for later steps. */
  save?: string;
  /** Further checks of the answer's body. */
  check?: (body: Document, ids: Ids) => void;
}

/** A JSON:API document, loosely typed for assertions. */
export interface Document {
  data: Resource & Resource[];
  included?: Resource[];
  errors?: Record<string, unknown>[];
}
export interface Resource {
  type: string;
  id: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data?: unknown }>;
}

export interface Table {
  title: string;
  seed(state: FakeState): Ids;
  steps: Step[];
}

/** The spec's path template a step exercises, e.g. /v1/betaGroups/{id}/relationships/builds. */
export function template(step: Step): string {
  return step.path.replace(/\$\w+/g, '{id}');
}

/** `{data: [{type, id}]}` for linkage requests. */
export function linkage(type: string, ...ids: string[]): { data: { type: string; id: string }[] } {
  return { data: ids.map((id) => ({ type, id })) };
}

/** The IDs of a list answer, for filter checks. */
export function dataIds(body: Document): string[] {
  return body.data.map((r) => r.id);
}
