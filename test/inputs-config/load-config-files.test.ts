// The config file's reader and writer (yaml and zod) are loaded only for a run that names a file.
import { describe, expect, it } from 'vitest';
import * as configFiles from '../../src/inputs/config/files.js';
import { loadConfigFiles, readSettings } from '../../src/inputs/index.js';

const inputsOf =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';

describe('loadConfigFiles', () => {
  it('loads nothing for a run declared by its inputs alone', async () => {
    expect(await loadConfigFiles(inputsOf({ groups: 'Beta', config: '  ' }))).toBeNull();
  });

  it('loads the reader and the writer for `config` and for `export-config`', async () => {
    for (const name of ['config', 'export-config']) {
      const loaded = await loadConfigFiles(inputsOf({ [name]: '.github/testflight.yml' }));
      expect(loaded?.readConfigFile).toBe(configFiles.readConfigFile);
      expect(loaded?.renderConfigExport).toBe(configFiles.renderConfigExport);
    }
  });

  it('is a bug, not a user error, for readSettings to be given a config file without its reader', () => {
    const getInput = inputsOf({
      'key-id': 'ABC123',
      'private-key': 'key',
      config: '.github/testflight.yml',
    });
    expect(() => readSettings(getInput, () => '', '/ws', null)).toThrow(
      'readSettings was given no config file reader for a config file.',
    );
  });
});
