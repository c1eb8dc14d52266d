// Turns the schema's findings into the file's first error, as one sentence with the file, the line and the key:
// `.github/testflight.yml:14: groups[2].public-link.limit must be between 1 and 10000`. An unknown key gets
// the nearest known key of its mapping as a suggestion (`pubic-link` → `public-link`).
import type * as z from 'zod/v4/core';
import { ConfigError, keyPath } from './config-error.js';
import { lineOf, type ConfigPath, type ConfigSource } from './yaml-source.js';

interface Finding {
  path: ConfigPath;
  at: 'key' | 'value';
  problem: string;
}

/** The first of the schema's findings in file order, with how many more there are. */
export function schemaError(
  source: ConfigSource,
  schema: z.$ZodType,
  data: unknown,
  error: z.$ZodError,
): ConfigError {
  const findings = error.issues.flatMap((issue) => findingsOf(issue, [], schema, data));
  const placed = findings
    .map((finding) => ({ ...finding, line: lineOf(source, finding.path, finding.at) }))
    .sort((a, b) => a.line - b.line);
  const first = placed[0]!;
  const more =
    placed.length > 1
      ? ` (and ${placed.length - 1} more problem${placed.length > 2 ? 's' : ''} in the file)`
      : '';
  return new ConfigError(`${source.file}:${first.line}: ${first.problem}${more}.`);
}

function findingsOf(
  issue: z.$ZodIssue,
  base: ConfigPath,
  schema: z.$ZodType,
  data: unknown,
): Finding[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  const named = keyPath(path) || 'the file';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = knownKeys(schema, path);
        const nearest = nearestKey(key, known);
        const hint = nearest
          ? `did you mean \`${nearest}\`?`
          : `the keys here are ${known.map((k) => `\`${k}\``).join(', ')}`;
        return {
          path: [...path, key],
          at: 'key' as const,
          problem: `${keyPath([...path, key])} is not a known key (${hint})`,
        };
      });
    case 'invalid_key':
      return [
        { path, at: 'key', problem: `${named} ${issue.issues[0]?.message ?? issue.message}` },
      ];
    case 'invalid_union': {
      // A value of a branch's kind (a mapping where a mapping may go) is told that branch's own problem.
      const deeper = issue.errors.find((branch) =>
        branch.some((i) => i.code !== 'invalid_type' || i.path.length > 0),
      );
      if (deeper) return deeper.flatMap((i) => findingsOf(i, path, schema, data));
      return [{ path, at: 'value', problem: `${named} ${issue.message}` }];
    }
    case 'invalid_type':
      if (valueAt(data, path) === undefined) {
        return [{ path, at: 'value', problem: `${named} is missing: it ${issue.message}` }];
      }
      return [{ path, at: 'value', problem: `${named} ${issue.message}` }];
    default:
      return [{ path, at: 'value', problem: `${named} ${issue.message}` }];
  }
}

function valueAt(data: unknown, path: ConfigPath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The keys the schema allows in the mapping at `path`. */
function knownKeys(schema: z.$ZodType, path: ConfigPath): string[] {
  let node: z.$ZodType | undefined = schema;
  for (const segment of path) {
    node = typeof segment === 'number' ? elementOf(node) : fieldOf(node, segment);
    if (!node) return [];
  }
  const object = objectOf(node);
  return object ? Object.keys(object._zod.def.shape) : [];
}

type ZodDef = z.$ZodType['_zod']['def'] & Record<string, unknown>;

function unwrap(node: z.$ZodType | undefined): z.$ZodType | undefined {
  let current = node;
  for (;;) {
    const def = current?._zod.def as ZodDef | undefined;
    if (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')) {
      current = def.innerType as z.$ZodType;
    } else return current;
  }
}

function branches(node: z.$ZodType | undefined): z.$ZodType[] {
  const inner = unwrap(node);
  const def = inner?._zod.def as ZodDef | undefined;
  if (!inner || !def) return [];
  return def.type === 'union' ? (def.options as z.$ZodType[]).map((o) => unwrap(o)!) : [inner];
}

function objectOf(node: z.$ZodType | undefined): z.$ZodObject | undefined {
  return branches(node).find((b) => b._zod.def.type === 'object') as z.$ZodObject | undefined;
}

function fieldOf(node: z.$ZodType | undefined, key: string): z.$ZodType | undefined {
  const object = objectOf(node);
  if (object) return object._zod.def.shape[key];
  const record = branches(node).find((b) => b._zod.def.type === 'record');
  return record ? ((record._zod.def as ZodDef).valueType as z.$ZodType) : undefined;
}

function elementOf(node: z.$ZodType | undefined): z.$ZodType | undefined {
  const array = branches(node).find((b) => b._zod.def.type === 'array');
  return array ? ((array._zod.def as ZodDef).element as z.$ZodType) : undefined;
}

/** The known key nearest to `key` (letter case, `_` and camelCase aside, then by edit distance), or null. */
function nearestKey(key: string, known: readonly string[]): string | null {
  const squash = (k: string): string =>
    k
      .replace(/([a-z])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[-_\s]/g, '');
  const same = known.find((k) => squash(k) === squash(key));
  if (same) return same;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(squash(key), squash(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length]!;
}
