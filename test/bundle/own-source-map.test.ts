// The build's source-map step on hand-made maps whose result is known by construction.
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { describe, expect, it } from 'vitest';
import { ownSourceMap, type InputMap } from '../../scripts/own-source-map.js';

// The bundle: own code from ../lib/a.js at columns 0 and 30, a dependency's code in between.
const bundle = {
  version: 3,
  file: 'index.js',
  sources: ['../lib/a.js', '../node_modules/x/index.js'],
  names: ['run'],
  mappings: encode([
    [
      [0, 0, 0, 0, 0],
      [10, 1, 0, 0],
      [20, 1, 0, 5],
      [30, 0, 1, 3],
    ],
  ]),
  sourcesContent: ['compiled a', 'x'],
};
// tsc's map of lib/a.js: its line 0 is line 2 of a.ts, its line 1 is line 5 (from column 2 on, column 4).
const tscMaps: Record<string, InputMap> = {
  '../lib/a.js': {
    sources: ['../src/a.ts'],
    mappings: encode([
      [[0, 0, 2, 0]],
      [
        [0, 0, 5, 0],
        [2, 0, 5, 4],
      ],
    ]),
  },
};

describe('ownSourceMap', () => {
  it('traces own code to the TypeScript source and leaves the rest unmapped, without names or text', () => {
    const own = ownSourceMap(bundle, (source) => tscMaps[source] ?? null);
    expect(own.sources).toEqual(['../src/a.ts']);
    expect(own.names).toEqual([]);
    expect(own.sourcesContent).toBeUndefined();
    expect(decode(own.mappings)).toEqual([[[0, 0, 2, 0], [10], [30, 0, 5, 4]]]);
  });

  it('marks an unmapped stretch once, however many segments it spans', () => {
    const foreignOnly = {
      ...bundle,
      mappings: encode([
        [
          [0, 1, 0, 0],
          [5, 1, 0, 1],
          [9, 0, 0, 0],
        ],
      ]),
    };
    const own = ownSourceMap(foreignOnly, (source) => tscMaps[source] ?? null);
    // Nothing own precedes the dependency's code, so no marker is needed before column 9.
    expect(decode(own.mappings)).toEqual([[[9, 0, 2, 0]]]);
  });

  it('maps a line once: segments in a row on one source line keep the first, and a new line starts anew', () => {
    const ownOnly = {
      ...bundle,
      mappings: encode([
        [
          [0, 0, 0, 0],
          [4, 0, 0, 1],
          [8, 0, 1, 2],
          [12, 0, 1, 3],
          [16, 1, 0, 0],
          [20, 0, 1, 2],
        ],
      ]),
    };
    const own = ownSourceMap(ownOnly, (source) => tscMaps[source] ?? null);
    // a.js line 0 is a.ts line 2 throughout; line 1 from column 2 on is a.ts line 5; then a dependency, then
    // a.ts line 5 again, which the unmapped stretch before it makes a new segment.
    expect(decode(own.mappings)).toEqual([[[0, 0, 2, 0], [8, 0, 5, 4], [16], [20, 0, 5, 4]]]);
  });

  it('keeps no own source when none has a map', () => {
    const own = ownSourceMap(bundle, () => null);
    expect(own.sources).toEqual([]);
    expect(decode(own.mappings)).toEqual([[]]);
  });
});
