// After ncc: cuts the minified bundle's source map down to the action's own code and traces it back through
// tsc's maps to src/*.ts, so a stack trace in the debug log names the TypeScript file and line while dist/
// stays small. Code from node_modules stays unmapped (its frames keep their function names); no source text is
// kept, and a line is mapped once (a frame's column is its line's first: a quarter of the map's size). `npm run build` runs it on dist/index.js.map (then dist-entry.ts moves it beside dist/action.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';

export interface RawSourceMap {
  version: number;
  file?: string;
  sources: string[];
  names?: string[];
  mappings: string;
  sourcesContent?: (string | null)[];
}

/** A compiled file's own map, with its sources already relative to the bundle's map. */
export interface InputMap {
  sources: string[];
  mappings: string;
}

/**
 * The bundle's map with only the segments of sources `inputMapOf` knows, each traced through that source's
 * map; every other stretch of generated code is marked unmapped, so a position in it maps to nothing rather
 * than to the nearest own code before it. Of the segments in a row that trace to one source line, only the first
 * is kept: a position among them still maps to that line.
 */
export function ownSourceMap(
  bundle: RawSourceMap,
  inputMapOf: (source: string) => InputMap | null,
): RawSourceMap {
  const sources: string[] = [];
  const indexOf = new Map<string, number>();
  const traced = bundle.sources.map((source) => {
    const input = inputMapOf(source);
    if (!input) return null;
    return { lines: decode(input.mappings), sources: input.sources };
  });
  const lines = decode(bundle.mappings).map((line) => {
    const out: SourceMapSegment[] = [];
    let mapped = false;
    for (const segment of line) {
      const origin = segment.length >= 4 ? traced[segment[1]!] : null;
      const position = origin ? lookup(origin.lines, segment[2]!, segment[3]!) : null;
      if (!origin || !position) {
        // One unmapped marker ends the own code before it; more in a row add nothing.
        if (mapped) out.push([segment[0]]);
        mapped = false;
        continue;
      }
      const path = origin.sources[position[0]]!;
      let index = indexOf.get(path);
      if (index === undefined) {
        index = sources.push(path) - 1;
        indexOf.set(path, index);
      }
      const last = out[out.length - 1];
      if (mapped && last && last[1] === index && last[2] === position[1]) continue;
      out.push([segment[0], index, position[1], position[2]]);
      mapped = true;
    }
    return out;
  });
  return {
    version: 3,
    ...(bundle.file ? { file: bundle.file } : {}),
    sources,
    names: [],
    mappings: encode(lines),
  };
}

/** Source index, line and column of a compiled position: the last segment at or before it on its line. */
function lookup(
  lines: SourceMapSegment[][],
  line: number,
  column: number,
): [number, number, number] | null {
  const segments = (lines[line] ?? []).filter((s) => s.length >= 4);
  let found = segments[0];
  for (const segment of segments) {
    if (segment[0] > column) break;
    found = segment;
  }
  return found ? [found[1]!, found[2]!, found[3]!] : null;
}

/** tsc's map of a compiled file of the bundle (`../lib/…js`), its sources made relative to `mapDir`. */
function tscMapOf(mapDir: string, source: string): InputMap | null {
  if (!/^\.\.\/lib\/.+\.js$/.test(source)) return null;
  const compiled = resolve(mapDir, source);
  let raw: RawSourceMap;
  try {
    raw = JSON.parse(readFileSync(`${compiled}.map`, 'utf8')) as RawSourceMap;
  } catch {
    return null;
  }
  const sources = raw.sources.map((s) =>
    relative(mapDir, resolve(dirname(compiled), s))
      .split(sep)
      .join('/'),
  );
  return { sources, mappings: raw.mappings };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const mapFile = resolve(process.argv[2] ?? 'dist/index.js.map');
  const bundle = JSON.parse(readFileSync(mapFile, 'utf8')) as RawSourceMap;
  const own = ownSourceMap(bundle, (source) => tscMapOf(dirname(mapFile), source));
  writeFileSync(mapFile, JSON.stringify(own));
}
