// The inputs level's harness: readSettings over a plain map of inputs and files, as core.getInput gives them, with
// the config file's reader (main loads it only for a run that names a file: loadConfigFiles).
import * as configFiles from '../../src/inputs/config/files.js';
import { InputError, readSettings, type Settings } from '../../src/inputs/index.js';
import { thrownMessage } from './failures.js';

export const BASE: Record<string, string> = {
  'key-id': 'ABC123',
  'private-key': '-----BEGIN PRIVATE KEY-----\nMIG...\n-----END PRIVATE KEY-----',
  'bundle-id': 'com.example.app',
  groups: 'Beta',
};

export function read(
  inputs: Record<string, string>,
  files: Record<string, string> = {},
  workspace = '/ws',
): Settings {
  const all = { ...BASE, ...inputs };
  const getInput = (name: string): string => all[name] ?? '';
  const readFile = (path: string): string => {
    const text = files[path];
    if (text === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    }
    return text;
  };
  return readSettings(getInput, readFile, workspace, configFiles);
}

export function errorOf(
  inputs: Record<string, string>,
  files: Record<string, string> = {},
): string {
  return thrownMessage(() => read(inputs, files), InputError);
}
