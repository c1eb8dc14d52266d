// Regenerates the README's inputs and outputs tables from action.yml, so docs and metadata never drift.
// `npm run docs` writes README.md; test/readme.test.ts fails when README.md is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';

interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ').trim();

export function renderTables(actionYml: string): { inputs: string; outputs: string } {
  const meta = parse(actionYml) as ActionMetadata;
  const inputs = [
    '| input | required | default | description |',
    '|---|---|---|---|',
    ...Object.entries(meta.inputs).map(
      ([name, input]) =>
        `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default ? `\`${cell(input.default)}\`` : ''} | ${cell(input.description)} |`,
    ),
  ].join('\n');
  const outputs = [
    '| output | description |',
    '|---|---|',
    ...Object.entries(meta.outputs).map(
      ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
    ),
  ].join('\n');
  return { inputs, outputs };
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers.`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/** The README with fresh tables, formatted as `prettier --check` expects it. */
export async function renderReadme(
  readme: string,
  actionYml: string,
  readmePath: string,
): Promise<string> {
  const tables = renderTables(actionYml);
  const text = replaceBetween(
    replaceBetween(readme, 'inputs', tables.inputs),
    'outputs',
    tables.outputs,
  );
  const options = (await resolveConfig(readmePath)) ?? {};
  return format(text, { ...options, filepath: readmePath });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const readmePath = fileURLToPath(new URL('README.md', root));
  const next = await renderReadme(
    readFileSync(readmePath, 'utf8'),
    readFileSync(new URL('action.yml', root), 'utf8'),
    readmePath,
  );
  writeFileSync(readmePath, next);
}
