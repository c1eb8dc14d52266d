// Every GitHub workflow the repository holds or shows: workflow files anywhere in it (examples included)
// and the YAML blocks of its Markdown files that are workflows (the README's Usage).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const readRepoFile = (path: string): string =>
  readFileSync(new URL(path, new URL('../../', import.meta.url)), 'utf8');

export interface WorkflowStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

interface WorkflowJob {
  'runs-on'?: string;
  if?: string;
  permissions?: Record<string, string>;
  steps?: WorkflowStep[];
}

interface Workflow {
  name?: string;
  on: unknown;
  permissions?: Record<string, string>;
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean | string };
  jobs: Record<string, WorkflowJob>;
}

export interface FoundWorkflow {
  /** Where it is: a path, or a path and the number of the YAML block in it. */
  source: string;
  /** The YAML as written, comments included. */
  text: string;
  workflow: Workflow;
}

/** Tracked and new files, without what .gitignore leaves out (node_modules, build output). */
function repoFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((path) => path !== '');
}

const isWorkflow = (doc: unknown): doc is Workflow =>
  typeof doc === 'object' && doc !== null && 'jobs' in doc && 'on' in doc;

/** The ```yaml blocks of a Markdown text, in order. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

export function findWorkflows(): FoundWorkflow[] {
  const found: FoundWorkflow[] = [];
  for (const path of repoFiles()) {
    if (/\.ya?ml$/.test(path)) {
      const text = readRepoFile(path);
      const doc: unknown = parse(text);
      if (isWorkflow(doc)) found.push({ source: path, text, workflow: doc });
    } else if (path.endsWith('.md')) {
      yamlBlocks(readRepoFile(path)).forEach((text, index) => {
        const doc: unknown = parse(text);
        if (isWorkflow(doc))
          found.push({ source: `${path} (YAML block ${index + 1})`, text, workflow: doc });
      });
    }
  }
  return found;
}

/** Every step of a workflow with where it is, for messages. */
export function stepsOf(found: FoundWorkflow): { where: string; step: WorkflowStep }[] {
  return Object.entries(found.workflow.jobs).flatMap(([jobName, job]) =>
    (job.steps ?? []).map((step, index) => ({
      where: `${found.source}, job ${jobName}, step ${step.id ?? step.name ?? index + 1}`,
      step,
    })),
  );
}
