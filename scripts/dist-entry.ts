// After ncc and own-source-map.ts: the bundle moves to dist/action.js (with its map), and dist/index.js, the
// entry action.yml runs, becomes a loader that turns Node's own source-map support on before importing it, so a
// failure's stack names src/*.ts without ncc's sourcemap-register.cjs (41 KB). `npm run build` runs it last.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BUNDLE_FILE = 'action.js';

/** dist/index.js: Node reads a module's map when it loads it, so support is on before the bundle loads. */
export const ENTRY_SOURCE = `// The action's entry (action.yml runs.main): stack traces map through ${BUNDLE_FILE}.map to src/*.ts.
import { setSourceMapsSupport } from 'node:module';

setSourceMapsSupport(true);
await import('./${BUNDLE_FILE}');
`;

const MAP_COMMENT = /\/\/# sourceMappingURL=index\.js\.map\s*$/;

export function splitEntry(dist: string): void {
  const bundle = readFileSync(join(dist, 'index.js'), 'utf8');
  if (!MAP_COMMENT.test(bundle)) {
    throw new Error(
      `${dist}/index.js does not end with ncc's source map comment: build it with --source-map.`,
    );
  }
  writeFileSync(
    join(dist, BUNDLE_FILE),
    bundle.replace(MAP_COMMENT, `//# sourceMappingURL=${BUNDLE_FILE}.map\n`),
  );
  const map = JSON.parse(readFileSync(join(dist, 'index.js.map'), 'utf8')) as { file?: string };
  writeFileSync(join(dist, `${BUNDLE_FILE}.map`), JSON.stringify({ ...map, file: BUNDLE_FILE }));
  rmSync(join(dist, 'index.js.map'));
  writeFileSync(join(dist, 'index.js'), ENTRY_SOURCE);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  splitEntry(resolve(process.argv[2] ?? 'dist'));
}
