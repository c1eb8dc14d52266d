// .env.example, the inputs for @github/local-action: named as local-action reads them, and enough, once
// `npm run fake-asc -- --write-env` has filled in the connection, for a run against the fake.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../e2e/run-action.js';
import { actionMetadata, runnerInputs } from './action-yml.js';
import { endProcessGroup } from './local-job-runner.js';
import { readRepoFile, repoRoot } from './workflows.js';

/** KEY=VALUE lines as dotenv (local-action's reader) reads them: "…" expands \n, an unquoted value ends at #. */
function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2]!;
    const quoted = /^"(.*)"\s*$/.exec(raw);
    values[match[1]!] = quoted ? quoted[1]!.replaceAll('\\n', '\n') : raw.replace(/#.*/, '').trim();
  }
  return values;
}

const example = parseDotenv(readRepoFile('.env.example'));
const inputsOf = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env)
      .filter(([name]) => name.startsWith('INPUT_'))
      .map(([name, value]) => [name.slice('INPUT_'.length).toLowerCase(), value]),
  );

let fake: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  // The CLI runs in its own process group (npx → tsx → node); end only that group.
  if (fake?.pid !== undefined) await endProcessGroup(fake.pid);
  fake = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('.env.example', () => {
  it('names action.yml inputs as INPUT_<NAME IN CAPITALS>, hyphens kept, and sets GITHUB_STEP_SUMMARY', () => {
    const names = Object.keys(example).filter((name) => name.startsWith('INPUT_'));
    const inputs = Object.keys(actionMetadata().inputs);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(
        inputs.map((input) => `INPUT_${input.toUpperCase()}`),
        name,
      ).toContain(name);
    }
    expect(example.GITHUB_STEP_SUMMARY).toBeTruthy();
  });

  it('holds no key: the fake writes a fresh one into the copy', () => {
    expect(example['INPUT_PRIVATE-KEY']).toBe('');
    expect(example['INPUT_ISSUER-ID']).toBe('');
    expect(example['INPUT_API-BASE-URL']).toBe('');
  });

  it('filled in by `fake-asc --write-env`, runs a dry run against the demo app that plans changes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfbg-dotenv-'));
    const envFile = join(dir, '.env');
    copyFileSync(join(repoRoot, '.env.example'), envFile);
    fake = spawn('npx', ['tsx', 'test/fake-asc/cli.ts', '--write-env', envFile], {
      cwd: repoRoot,
      detached: true,
      stdio: 'ignore',
    });
    const connected = () => parseDotenv(readFileSync(envFile, 'utf8'))['INPUT_API-BASE-URL'];
    for (let i = 0; i < 300 && !connected(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(connected()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const run = await runAction(runnerInputs(inputsOf(parseDotenv(readFileSync(envFile, 'utf8')))));
    expect(run.stdout).not.toContain('::error');
    expect(run.code).toBe(0);
    expect(run.outputs['created-groups']).toBe('["Release Candidates"]');
    expect(Number(run.outputs.changes)).toBeGreaterThan(0);
    expect(run.summary).toContain('dry run');
  }, 30_000);
});
