// The client's types come from Apple's spec; this fails when the spec was updated without `npm run gen:types`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

it('src/asc/generated/asc.ts is what openapi-typescript makes of the vendored spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asc-gen-'));
  try {
    const out = join(dir, 'asc.ts');
    // The same command as `npm run gen:types`, from the project's own openapi-typescript.
    execFileSync(
      join(root, 'node_modules/.bin/openapi-typescript'),
      ['spec/asc-openapi/asc-testflight.oas.json', '-o', out],
      { cwd: root, stdio: 'pipe' },
    );
    const committed = readFileSync(join(root, 'src/asc/generated/asc.ts'), 'utf8');
    expect(
      readFileSync(out, 'utf8') === committed,
      'run `npm run gen:types` and commit the result',
    ).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
