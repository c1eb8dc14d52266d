// What S4 measures of the bundle, and test/bundle/dist.test.ts asserts: the bytes of every file in dist/ (what a
// release commits and a runner checks out), and how many copies of undici its scripts carry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** 1.5 MB as the issue counts megabytes (its 2.8 MB is dist/index.js's 2,837,360 bytes). */
export const DIST_LIMIT_BYTES = 1_500_000;

/** The bundle's directory in bytes, and how many copies of undici it carries (each has its own proxy agent). */
export function bundleOf(entry: string): { distBytes: number; undiciCopies: number } {
  const dir = dirname(entry);
  let distBytes = 0;
  let undiciCopies = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    distBytes += statSync(path).size;
    if (name.endsWith('.js')) {
      undiciCopies += (readFileSync(path, 'utf8').match(/class EnvHttpProxyAgent\b/g) ?? []).length;
    }
  }
  return { distBytes, undiciCopies };
}
