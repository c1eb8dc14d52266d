// Every config error is one sentence with the file, the line and the key (the cases: error-cases.ts).
import { describe, expect, it } from 'vitest';
import { errorOf } from '../helpers/inputs.js';
import { CONFIG_ERROR_CASES, CONFIG_FILE } from './error-cases.js';

describe('a config file that cannot be applied fails with the file, the line and the key', () => {
  it.each(CONFIG_ERROR_CASES)('$name', ({ yaml, inputs, files, expected }) => {
    const workspaceFiles = Object.fromEntries(
      Object.entries({ [CONFIG_FILE]: yaml, ...files }).map(([path, text]) => [
        `/ws/${path}`,
        text,
      ]),
    );
    const message = errorOf(
      { groups: '', 'bundle-id': '', config: CONFIG_FILE, ...inputs },
      workspaceFiles,
    );
    const sentence = message.startsWith('Input') ? message : message.slice(CONFIG_FILE.length);
    if (!message.startsWith('Input')) expect(message.startsWith(`${CONFIG_FILE}:`)).toBe(true);
    expect(sentence).toMatch(expected);
    // One sentence: a single full stop at the end, none in the middle that ends it early.
    expect(message).toMatch(/[.?]\)?\.?$/);
    expect(message).not.toContain('hunter2');
  });

  it('counts the further problems after the first, in file order', () => {
    const message = errorOf(
      { groups: '', config: CONFIG_FILE },
      {
        [`/ws/${CONFIG_FILE}`]:
          'groups:\n  - name: A\n    feedback: 1\n  - name: B\n    build: 2\n    create: 3\n',
      },
    );
    expect(message).toBe(
      `${CONFIG_FILE}:3: groups[0].feedback must be \`true\` or \`false\` (and 2 more problems in the file).`,
    );
  });

  it('fails on a config file that cannot be read, naming the input', () => {
    expect(errorOf({ groups: '', config: 'nope.yml' })).toMatch(
      /^Input `config` names `nope\.yml`, which could not be read \(ENOENT\)/,
    );
  });
});
