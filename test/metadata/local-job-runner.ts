// Runs the steps of a workflow job here as a GitHub runner would run them, for the few things the project's
// CI job uses: `run:` scripts under `bash -e`, `uses: ./` (dist/index.js with action.yml's defaults under
// the `with:` values), and `${{ steps.<id>.outputs.<name> }}` and `${{ github.<name> }}` in `with:` and `env:`.
// Anything else is refused, so a job cannot grow a step this runner would get wrong.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../e2e/run-action.js';
import { runnerInputs } from './action-yml.js';
import { repoRoot, type WorkflowStep } from './workflows.js';

export type StepOutputs = Record<string, Record<string, string>>;

export interface StepResult {
  stdout: string;
  outputs: Record<string, string>;
}

/**
 * `${{ steps.<id>.outputs.<name> }}` replaced by what earlier steps set ('' if unset, as on GitHub), and
 * `${{ github.<name> }}` by the given context (which must hold it).
 */
function evaluate(text: string, steps: StepOutputs, github: Record<string, string> = {}): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (whole, expression: string) => {
    const output = /^\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*$/.exec(expression);
    if (output) return steps[output[1]!]?.[output[2]!] ?? '';
    const context = /^\s*github\.(\w+)\s*$/.exec(expression);
    if (context && github[context[1]!] !== undefined) return github[context[1]!]!;
    throw new Error(`local job runner: unsupported expression ${whole}`);
  });
}

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== block[2]; i++) value.push(lines[i]!);
      outputs[block[1]!] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

export interface LocalJobOptions {
  /** Where `run:` scripts run; default the repository. */
  cwd?: string;
  /** The `github` context the steps may read, e.g. { ref_name: 'v1.2.0' }. */
  github?: Record<string, string>;
}

export class LocalJobRunner {
  readonly steps: StepOutputs = {};

  constructor(private readonly options: LocalJobOptions = {}) {}

  /** RUNNER_TEMP of the job. */
  readonly temp = mkdtempSync(join(tmpdir(), 'tfbg-job-'));
  /** Process groups of the run steps; background processes they started live on in them. */
  private readonly groups: number[] = [];
  private scripts = 0;

  async runStep(step: WorkflowStep): Promise<StepResult> {
    const result = step.uses === './' ? await this.runAction(step) : await this.runScript(step);
    if (step.id !== undefined) this.steps[step.id] = result.outputs;
    return result;
  }

  private async runAction(step: WorkflowStep): Promise<StepResult> {
    const given: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.with ?? {})) {
      given[name] = evaluate(String(value), this.steps, this.options.github);
    }
    const run = await runAction(runnerInputs(given));
    if (run.code !== 0) {
      throw new Error(`step ${step.name} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
    return { stdout: run.stdout, outputs: run.outputs };
  }

  private async runScript(step: WorkflowStep): Promise<StepResult> {
    if (step.run === undefined || (step.shell !== undefined && step.shell !== 'bash')) {
      throw new Error(`local job runner: step ${step.name} is neither uses: ./ nor a bash run:`);
    }
    const outputFile = join(this.temp, `output-${++this.scripts}`);
    const scriptFile = join(this.temp, 'script.sh');
    writeFileSync(outputFile, '');
    writeFileSync(scriptFile, step.run);
    const env: Record<string, string | undefined> = {
      ...process.env,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: this.temp,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) {
      env[name] = evaluate(String(value), this.steps, this.options.github);
    }
    // Its own process group, so that what the script leaves running in the background can be ended.
    const child = spawn('bash', ['-e', scriptFile], {
      cwd: this.options.cwd ?? repoRoot,
      env,
      detached: true,
    });
    if (child.pid !== undefined) this.groups.push(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) {
      throw new Error(`step ${step.name ?? step.run} failed (exit ${code}):\n${stdout}\n${stderr}`);
    }
    return { stdout, outputs: parseGithubOutput(readFileSync(outputFile, 'utf8')) };
  }

  /** Ends what the steps left running, as the runner does at the end of a job, and waits until it is gone. */
  async close(): Promise<void> {
    await Promise.all(this.groups.map(endProcessGroup));
    rmSync(this.temp, { recursive: true, force: true });
  }
}

/** SIGTERM to a process group, and after 5 s SIGKILL; resolves once the group is gone. */
export async function endProcessGroup(group: number): Promise<void> {
  signal(group, 'SIGTERM');
  for (let i = 0; i < 100 && alive(group); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  signal(group, 'SIGKILL');
}

function signal(group: number, name: NodeJS.Signals): void {
  try {
    process.kill(-group, name);
  } catch {
    // The group is already gone.
  }
}

function alive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}
