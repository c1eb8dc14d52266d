// Runs the bundled action (dist/index.js) as a GitHub runner does: a child process with INPUT_* variables,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and nothing else from this process's environment: in particular
// no proxy variable of the machine the tests run on, unless a test passes one in `env`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLeaks, gitHubMarks, secretsOf, sentToGitHub, type Exposure } from './secret-scan.js';

const distEntry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `performance.now()` of this process when the action was spawned and when its process closed. */
  spawnedAt: number;
  closedAt: number;
  /** The workspace's files after the run, by path relative to it (what `export-config` wrote). */
  workspaceFiles: Record<string, string>;
}

/** Parses the `name<<delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    outputs[name!] = value.join('\n');
  }
  return outputs;
}

/**
 * How long a run may take before its process is killed: well under vitest's 20 s testTimeout, so a stuck run
 * fails its test with what it printed and leaves no process behind. A run takes about a second; tests that
 * wait for processing on purpose pass a longer one (and a longer test timeout).
 */
const RUN_TIMEOUT_MS = 15_000;

export interface RunOptions {
  /** Files to write into the workspace first, by path relative to it (folders are made). */
  files?: Record<string, string>;
  /** Environment variables beyond the runner's own (HTTP_PROXY, NO_PROXY, ...). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Options for node before the script, e.g. a preload (`--require`); the runner passes none. */
  nodeArgs?: string[];
  /** Another bundle to run in place of this checkout's dist/index.js (the benchmarks compare two). */
  entry?: string;
  /** Called with the action's process once it is spawned: a test of interruptions kills it mid-run. */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Runs the action and scans what it showed for secrets (secret-scan.ts): a run that shows one fails its test
 * here, with a message that says what leaked and where, never the secret itself.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {},
): Promise<ActionRun> {
  assertLoopbackOnly(inputs['api-base-url'] ?? '');
  const workspace = mkdtempSync(join(tmpdir(), 'tfbg-e2e-'));
  const marks = gitHubMarks();
  // Removed whatever happens: a suite run makes about a hundred of these.
  try {
    const run = await runIn(workspace, inputs, options);
    const leaks = findLeaks(
      [...exposuresOf(run, options), ...sentToGitHub(marks)],
      secretsOf(inputs),
    );
    if (leaks.length > 0) {
      throw new Error(`runAction: the run showed a secret: ${leaks.join('; ')}`);
    }
    return run;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** What a run shows or publishes: the log (not the runner's mask commands), outputs, summary, files it wrote. */
function exposuresOf(run: ActionRun, options: RunOptions): Exposure[] {
  const shown = run.stdout
    .split('\n')
    .map((line) => (line.startsWith('::add-mask::') ? '' : line))
    .join('\n');
  return [
    ['stdout', shown],
    ['stderr', run.stderr],
    ...Object.entries(run.outputs).map(([name, value]): Exposure => [`output ${name}`, value]),
    ['the job summary', run.summary],
    ...Object.entries(run.workspaceFiles)
      .filter(([path, text]) => options.files?.[path] !== text)
      .map(([path, text]): Exposure => [`workspace file ${path}`, text]),
  ];
}

async function runIn(
  workspace: string,
  inputs: Record<string, string>,
  options: RunOptions,
): Promise<ActionRun> {
  for (const [name, content] of Object.entries(options.files ?? {})) {
    // A name may hold folders (`.github/testers.csv`), as a repository's files do.
    mkdirSync(dirname(join(workspace, name)), { recursive: true });
    writeFileSync(join(workspace, name), content);
  }
  const outputFile = join(workspace, 'github-output');
  const summaryFile = join(workspace, 'github-step-summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: workspace,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replaceAll(' ', '_').toUpperCase()}`] = value;
  }
  const args = [...(options.nodeArgs ?? []), options.entry ?? distEntry];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { env, cwd: workspace, stdio: 'pipe' });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? RUN_TIMEOUT_MS;
  let closedAt = spawnedAt;
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`dist/index.js did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      closedAt = performance.now();
      clearTimeout(timer);
      resolve(status);
    });
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    spawnedAt,
    closedAt,
    workspaceFiles: readWorkspace(workspace, [outputFile, summaryFile]),
  };
}

function readWorkspace(workspace: string, skip: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(workspace, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || skip.includes(path)) continue;
    files[path.slice(workspace.length + 1)] = readFileSync(path, 'utf8');
  }
  return files;
}

/** The action must reach nothing but a fake on loopback: an empty api-base-url would mean Apple's real API. */
function assertLoopbackOnly(apiBaseUrl: string): void {
  const http = /^https?:\/\//i.test(apiBaseUrl.trim());
  if (http ? new URL(apiBaseUrl.trim()).hostname !== '127.0.0.1' : apiBaseUrl.trim() === '') {
    throw new Error(
      `runAction: api-base-url ${JSON.stringify(apiBaseUrl)} is not the fake on 127.0.0.1`,
    );
  }
}
