// What the JSON:API layer needs to know about one resource type; one definition per type in kinds-*.ts.
import type { FakeStore } from './store.js';

export type SortValue = string | number | boolean | null;

export interface ResourceKind<T = unknown> {
  type: string;
  /** The schema in Apple's spec, for its relationship names. */
  schema: string;
  /** undefined when absent, or not visible yet (a build still uploading). */
  find(store: FakeStore, id: string): T | undefined;
  list(store: FakeStore): T[];
  id(entity: T): string;
  attributes(entity: T, store: FakeStore): Record<string, unknown>;
  /** Related IDs of the relationships the fake models; the spec's others are empty. */
  related: Record<string, (entity: T, store: FakeStore) => string[] | string | null>;
  /** `filter[…]` and `exists[…]` parameters by full name; values are already split on commas. */
  filters: Record<string, (entity: T, values: string[], store: FakeStore) => boolean>;
  sorts: Record<string, (entity: T, store: FakeStore) => SortValue>;
}

export function defineKind<T>(kind: ResourceKind<T>): ResourceKind {
  return kind as unknown as ResourceKind;
}

/** `filter[x]=a,b`: any of the values matches. */
export function oneOf(values: string[], actual: string | null | undefined): boolean {
  return actual !== null && actual !== undefined && values.includes(actual);
}

export function anyOf(values: string[], actual: Iterable<string>): boolean {
  for (const a of actual) if (values.includes(a)) return true;
  return false;
}

export function bool(values: string[], actual: boolean): boolean {
  return values.includes(String(actual));
}
