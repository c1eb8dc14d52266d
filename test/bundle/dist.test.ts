// What the committed bundle is: one copy of undici for the action and the toolkit alike, and a source map that
// names only the action's own TypeScript. Its size is a target, measured by the benchmark (S4, bench/README.md).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(root, 'dist');

describe('dist/', () => {
  it('bundles undici once', () => {
    // Every copy of undici brings its own proxy agent class; minifying keeps class names.
    const bundle = readFileSync(resolve(dist, 'index.js'), 'utf8');
    expect(bundle.match(/class EnvHttpProxyAgent\b/g)).toHaveLength(1);
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
    const map = JSON.parse(readFileSync(resolve(dist, 'index.js.map'), 'utf8')) as {
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
