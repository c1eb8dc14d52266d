// What the committed bundle is: under 1.5 MB as the benchmark measures it (S4, bench/README.md), one copy of
// undici for the action and the toolkit alike, an entry that turns Node's source maps on before the bundle
// loads, and a source map that names only the action's own TypeScript.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleOf, DIST_LIMIT_BYTES } from '../../bench/bundle-size.js';
import { BUNDLE_FILE, ENTRY_SOURCE } from '../../scripts/dist-entry.js';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(root, 'dist');

describe('dist/', () => {
  it('is under 1.5 MB, every file counted, with one undici', () => {
    const { distBytes, undiciCopies } = bundleOf(resolve(dist, 'index.js'));
    expect(distBytes).toBeLessThan(DIST_LIMIT_BYTES);
    expect(undiciCopies).toBe(1);
  });

  it('bundles undici once', () => {
    // Every copy of undici brings its own proxy agent class; minifying keeps class names.
    const bundle = readFileSync(resolve(dist, BUNDLE_FILE), 'utf8');
    expect(bundle.match(/class EnvHttpProxyAgent\b/g)).toHaveLength(1);
  });

  it("runs the bundle from an entry that first turns Node's source maps on, without ncc's register", () => {
    expect(readFileSync(resolve(dist, 'index.js'), 'utf8')).toBe(ENTRY_SOURCE);
    expect(readFileSync(resolve(dist, BUNDLE_FILE), 'utf8')).toMatch(
      new RegExp(`\\n//# sourceMappingURL=${BUNDLE_FILE}\\.map\\n$`),
    );
    expect(existsSync(resolve(dist, 'sourcemap-register.cjs'))).toBe(false);
  });

  it('is built from a tree with one undici, the version the action asks for, for @actions/* too', () => {
    const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const copies = Object.keys(lock.packages).filter((path) =>
      /(^|\/)node_modules\/undici$/.test(path),
    );
    expect(copies).toEqual(['node_modules/undici']);
    const wanted = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      overrides: Record<string, unknown>;
    };
    expect(wanted.overrides.undici).toBe('$undici');
    expect(lock.packages['node_modules/undici']!.version!.split('.')[0]).toBe(
      wanted.dependencies.undici!.replace(/^\^/, '').split('.')[0],
    );
  });

  it("maps the bundle to the action's own TypeScript only, without source text", () => {
    const map = JSON.parse(readFileSync(resolve(dist, `${BUNDLE_FILE}.map`), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sourcesContent).toBeUndefined();
    expect(map.sources.length).toBeGreaterThan(10);
    for (const source of map.sources) {
      expect(source).toMatch(/^\.\.\/src\/.+\.ts$/);
      expect(existsSync(resolve(dist, source)), source).toBe(true);
    }
    expect(map.sources).toContain('../src/reconcile/read.ts');
  });
});
