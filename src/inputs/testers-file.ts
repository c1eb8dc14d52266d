// A testers file (CSV or JSON), named by the `testers-file` input or a config file's group: read relative to the
// workspace, a byte order mark dropped, every problem a sentence that starts with what named the file.
import { isAbsolute, resolve } from 'node:path';
import type { TesterSpec } from '../reconcile/index.js';
import { TesterListError, parseTestersCsv, parseTestersJson } from './testers.js';
import { InputError } from './values.js';

/** A path as the action takes it: relative to the workspace, or absolute. */
export function workspacePath(path: string, workspace: string): string {
  return isAbsolute(path) ? path : resolve(workspace, path);
}

export function readTestersFile(
  path: string,
  readFile: (path: string) => string,
  workspace: string,
  named = 'Input `testers-file`',
): TesterSpec[] {
  if (path === '') return [];
  const fullPath = workspacePath(path, workspace);
  let text: string;
  try {
    text = readFile(fullPath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(
      `${named} names \`${path}\`, which could not be read (${reason}): give a path relative to the workspace of a CSV or JSON file that the job checked out or created.`,
    );
  }
  // Editors on Windows (and Excel's "CSV UTF-8") start the file with a byte order mark.
  text = text.replace(/^\uFEFF/, '');
  const json = path.toLowerCase().endsWith('.json') || text.trimStart().startsWith('[');
  try {
    return json ? parseTestersJson(text) : parseTestersCsv(text);
  } catch (error) {
    if (!(error instanceof TesterListError)) throw error;
    const form = json
      ? 'a JSON array of `{"email": ..., "firstName": ..., "lastName": ...}`'
      : 'CSV rows of `email,firstName,lastName`, with an optional header row';
    throw new InputError(`${named} \`${path}\` ${error.message}: write it as ${form}.`);
  }
}
