// How `npm run demo` shows a run in a terminal: the inputs it ran with (secrets masked), the log as a runner
// shows it, the outputs (the `plan` JSON pretty-printed), and the job summary as plain text.
import type { ActionRun } from '../test/e2e/run-action.js';

/** Inputs a runner masks: shown by name only. */
const SECRET_INPUTS = new Set(['private-key']);

export const bold = (text: string): string =>
  process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text;

/** What a runner shows of the log: workflow commands interpreted, masks applied, folds as headings. */
function runnerLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter(
      (line) =>
        !line.startsWith('::add-mask::') &&
        !line.startsWith('::debug::') &&
        line !== '::endgroup::',
    )
    .map((line) =>
      line
        .replace(/^::group::/, '▸ ')
        .replace(/^::(warning|error|notice)[^:]*::/, (_, kind: string) => `${kind}: `),
    )
    .join('\n')
    .trim();
}

/** The job summary as a terminal shows it: one line per heading, paragraph, list item or table row. */
export function summaryText(html: string): string {
  return html
    .replace(/<h\d>(.*?)<\/h\d>/g, '\n## $1\n')
    .replace(
      /<tr>(.*?)<\/tr>/g,
      (_, row: string) =>
        row.replace(/<t[hd]>(.*?)<\/t[hd]>/g, '$1 | ').replace(/ \| $/, '') + '\n',
    )
    .replace(/<li>(.*?)<\/li>/g, '  - $1\n')
    .replace(/<\/summary>/g, ': ')
    .replace(/<a href="([^"]*)">(.*?)<\/a>/g, (_, href: string, text: string) =>
      text === href ? text : `${text} (${href})`,
    )
    .replace(/<\/?code>/g, '`')
    .replace(/<\/?[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One `name = value` line per input, secrets masked as a runner masks them. */
export function inputsText(inputs: Record<string, string>): string {
  return Object.entries(inputs)
    .map(([name, value]) => {
      const shown = SECRET_INPUTS.has(name)
        ? '***'
        : value.includes('\n')
          ? JSON.stringify(value)
          : value;
      return `  ${name} = ${shown}`;
    })
    .join('\n');
}

/** One line per output; the `plan` JSON pretty-printed below its name. */
export function outputsText(outputs: Record<string, string>): string {
  // The one-line outputs first; the plan, pretty-printed over many lines, last.
  const lines = Object.entries(outputs)
    .filter(([name]) => name !== 'plan')
    .map(([name, value]) => `  ${name} = ${value}`);
  if (outputs.plan !== undefined) {
    const pretty = JSON.stringify(JSON.parse(outputs.plan), null, 2).replaceAll('\n', '\n    ');
    lines.push(`  plan =\n    ${pretty}`);
  }
  return lines.join('\n');
}

export function runText(title: string, inputs: Record<string, string>, run: ActionRun): string {
  return [
    bold(`\n━━━ ${title} (exit code ${run.code}) ━━━`),
    bold('\ninputs:'),
    inputsText(inputs),
    bold('\nlog:'),
    runnerLog(run.stdout),
    ...(run.stderr.trim() ? [run.stderr.trim()] : []),
    bold('\noutputs:'),
    outputsText(run.outputs),
    bold('\njob summary:'),
    summaryText(run.summary),
  ].join('\n');
}
