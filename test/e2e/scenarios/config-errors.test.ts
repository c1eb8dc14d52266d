// Every config error case (test/inputs-config/error-cases.ts) through dist/index.js: exit 1, one sentence with
// the file, the line and the key, and not one request to App Store Connect.
import { describe, expect } from 'vitest';
import { CONFIG_ERROR_CASES, CONFIG_FILE } from '../../inputs-config/error-cases.js';
import { runAction } from '../run-action.js';
import { scenarioTest as it } from './scenario-test.js';

describe('a config file that cannot be applied', () => {
  it('has at least 15 cases', () => {
    expect(CONFIG_ERROR_CASES.length).toBeGreaterThanOrEqual(15);
  });

  it.for(CONFIG_ERROR_CASES)(
    '$name: exit 1, the file, line and key, no request',
    async (c, { scenario }) => {
      const { fake, inputs, expectFailure } = scenario;
      const run = await runAction(
        inputs({
          'bundle-id': '',
          config: CONFIG_FILE,
          'demo-account': 'reviewer@example.com:Demo-S3cret-Pa55!',
          ...c.inputs,
        }),
        { files: { [CONFIG_FILE]: c.yaml, ...c.files } },
      );
      const sentence = new RegExp(
        `^::error::${c.expected.source.startsWith('^') ? c.expected.source.slice(1) : `${CONFIG_FILE.replaceAll('.', '\\.')}${c.expected.source}`}`,
      );
      expectFailure(run, sentence);
      expect(fake.requests).toEqual([]);
      expect(run.outputs.changes).toBe('0');
      expect(run.stdout).not.toContain('hunter2');
      expect(run.summary).not.toContain('hunter2');
    },
  );
});
