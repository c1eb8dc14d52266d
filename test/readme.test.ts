import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderReadme } from '../scripts/readme-docs.js';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

describe('README', () => {
  it('has the inputs and outputs tables generated from action.yml (run `npm run docs`)', async () => {
    const readme = read('README.md');
    const path = fileURLToPath(new URL('README.md', root));
    expect(await renderReadme(readme, read('action.yml'), path)).toBe(readme);
  });

  it('action.yml declares exactly the contract inputs and outputs, on node24 from dist/', () => {
    const meta = parse(read('action.yml')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    expect(Object.keys(meta.inputs)).toEqual([
      'key-id',
      'issuer-id',
      'private-key',
      'app-id',
      'bundle-id',
      'build-number',
      'app-version',
      'platform',
      'wait-for-processing',
      'uses-non-exempt-encryption',
      'groups',
      'create-missing-groups',
      'group-type',
      'public-link',
      'public-link-limit',
      'feedback-enabled',
      'testers',
      'testers-file',
      'remove-unlisted-testers',
      'what-to-test',
      'what-to-test-locale',
      'submit-for-review',
      'notify-testers',
      'dry-run',
      'config',
      'api-base-url',
      'beta-description',
      'feedback-email',
      'review-contact',
      'review-notes',
      'demo-account',
      'encryption-declaration',
      'wait-for-review',
      'keep-builds',
      'expiry-warning-days',
      'fail-on-drift',
    ]);
    expect(Object.keys(meta.outputs)).toEqual([
      'app-id',
      'build-id',
      'build-state',
      'group-ids',
      'created-groups',
      'testers-added',
      'testers-removed',
      'public-links',
      'review-state',
      'changes',
      'plan',
      'expired-builds',
      'expires-at',
    ]);
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('links only to files that exist', () => {
    const links = [...read('README.md').matchAll(/\]\(([^)#\s]+)[^)]*\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(links).toContain('examples/release-to-testflight.yml');
    for (const target of links) expect(existsSync(new URL(target, root)), target).toBe(true);
  });

  it('runs local-action on an entrypoint that exports run(), with the .env.example it describes', () => {
    const readme = read('README.md');
    const command = /npx @github\/local-action run \. (\S+) \.env$/m.exec(readme);
    expect(command).not.toBeNull();
    expect(read(command![1]!)).toMatch(/^export async function run\(/m);
    expect(readme).toContain('cp .env.example .env');
    expect(readme).toContain('npm run fake-asc -- --write-env .env');
    expect(read('.env.example')).toContain('npm run fake-asc -- --write-env .env');
    // The copy holds a key: git must never pick it up.
    expect(read('.gitignore').split('\n')).toContain('.env');
  });
});
