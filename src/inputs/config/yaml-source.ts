// The config file as YAML with its node positions, so every error can name the line of the key it is about.
// Syntax errors (and a key written twice in one mapping) are the file's first errors, before any schema check.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { ConfigError } from './config-error.js';

/** A key of a mapping or an index of a list, from the top of the file down. */
export type ConfigPath = readonly (string | number)[];

export interface ConfigSource {
  /** The file as sentences name it: the `config` input as given (`.github/testflight.yml`). */
  file: string;
  document: Document.Parsed;
  lines: LineCounter;
}

export function parseConfigYaml(file: string, text: string): ConfigSource {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const [first] = document.errors;
  if (first) {
    // An unclosed bracket is noticed at the end of the file: name the last line that has text, not the one after.
    const lastLine = text.trimEnd().split('\n').length;
    const line = Math.min(lines.linePos(first.pos[0]).line, lastLine);
    const problem =
      first.code === 'DUPLICATE_KEY'
        ? 'has a key written twice in one mapping'
        : 'is not valid YAML';
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${file}:${line}: the file ${problem} (${reason}): fix it there.`);
  }
  return { file, document, lines };
}

/** The file's contents as plain data, for the schema. */
export function configData(source: ConfigSource): unknown {
  return source.document.toJS({ maxAliasCount: 100 }) as unknown;
}

/**
 * The line of what `path` names: the key itself when `at` is 'key', else its value. A path that goes past what
 * the file holds (a key that is missing) gives the line of the deepest part that exists.
 */
export function lineOf(
  source: ConfigSource,
  path: ConfigPath,
  at: 'key' | 'value' = 'value',
): number {
  let node: unknown = source.document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      const valueStart = rangeStart(pair.value);
      offset = last && at === 'key' ? (keyStart ?? offset) : (valueStart ?? keyStart ?? offset);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return source.lines.linePos(offset).line;
}

/** Every mapping key in the file with its path, in file order (for the checks that look at keys alone). */
export function configKeys(source: ConfigSource): { path: (string | number)[]; key: string }[] {
  const keys: { path: (string | number)[]; key: string }[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const key = String(item.key.value);
        keys.push({ path, key });
        walk(item.value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(source.document.contents, []);
  return keys;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
