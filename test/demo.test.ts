// `npm run demo`'s view of a run: the inputs it ran with first (the key masked), then the log, the outputs
// with the `plan` JSON pretty-printed, and the summary as text. One real dry run of the bundle feeds it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inputsText, outputsText, runText, summaryText } from '../scripts/demo-output.js';
import { runAction } from './e2e/run-action.js';
import { startFakeAsc, DEMO_BUNDLE_ID } from './fake-asc/index.js';
import { makeTestKey } from './helpers/keys.js';

describe('npm run demo', () => {
  it('runs its four steps and shows the Testers section and the recruitment criteria it sets', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const demo = spawnSync(tsx, ['scripts/demo.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout.match(/\(exit code 0\) ━━━/g)).toHaveLength(4);
    expect(demo.stdout).toContain('## Testers');
    expect(demo.stdout).toMatch(
      /## Recruitment criteria\n\nGroup \| Admits \| This run \| Compatible build\nPublic Beta \| iPhone 17\.0 or later, iPad 17\.0 or later \| set \| yes/,
    );
  }, 120_000);
});

describe('the demo output', () => {
  it('shows the inputs, then the plan pretty-printed, and never the key', async () => {
    const key = makeTestKey('DEMOTEST12');
    const fake = await startFakeAsc({
      keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey }],
      seedDemo: true,
    });
    try {
      const inputs = {
        'key-id': key.kid,
        'issuer-id': key.issuerId!,
        'private-key': key.pem,
        'bundle-id': DEMO_BUNDLE_ID,
        'build-number': '4',
        'app-version': '1.1.0',
        'uses-non-exempt-encryption': 'false',
        groups: 'Public Beta, Release Candidates',
        'create-missing-groups': 'true',
        testers: 'Erin Example <erin@example.com>\ncarol@example.org',
        'api-base-url': fake.url,
        'dry-run': 'true',
      };
      const run = await runAction(inputs);
      expect(run.code).toBe(0);
      const text = runText('dry run', inputs, run);
      const at = (part: string) => text.indexOf(part);
      expect(at('inputs:')).toBeGreaterThan(0);
      expect(at('inputs:')).toBeLessThan(at('log:'));
      expect(at('log:')).toBeLessThan(at('outputs:'));
      expect(text).toContain('  private-key = ***');
      expect(text).toContain('  testers = "Erin Example <erin@example.com>\\ncarol@example.org"');
      for (const line of key.pem.split('\n').filter((l) => l && !l.startsWith('-----'))) {
        expect(text).not.toContain(line);
      }
      // The plan output is one line of JSON; the demo shows it indented, one field per line.
      expect(run.outputs.plan).not.toContain('\n');
      const shown = outputsText(run.outputs);
      const pretty = shown.slice(shown.indexOf('  plan =\n') + '  plan =\n'.length);
      expect(JSON.parse(pretty)).toEqual(JSON.parse(run.outputs.plan!));
      expect(pretty).toContain(`\n        "op": "create-group",\n`);
      expect(text).toContain('## 📝 TestFlight: Demo App build 4 (1.1.0) — dry run');
      expect(text).toContain('▸ The plan');
      // The demo's month of testing shows in the Testers section: the funnel, usage and the public link.
      expect(text).toMatch(
        /## Testers\n\nGroup \| Testers \| Never installed \| Sessions \(30 days\) \| Crashes \| Feedback \| Public link\nPublic Beta \| \d+ invited → \d+ accepted → \d+ installed \| .+ \| [1-9]\d* \| \d+ \| \d+ \| \d+ views · \d+ of \d+ joined/,
      );
    } finally {
      await fake.close();
    }
  });

  it('turns the summary into plain lines: folds, links and code included', () => {
    expect(
      summaryText(
        '<p>Apply with <code>dry-run: false</code>.</p>\n\n<table><tbody><tr><td><details><summary>7 testers</summary>a@x, b@x</details></td><td><a href="https://t/j/1">https://t/j/1</a> · <a href="https://asc/g">App Store Connect</a></td></tr></tbody></table>',
      ),
    ).toBe(
      'Apply with `dry-run: false`.\n\n7 testers: a@x, b@x | https://t/j/1 · App Store Connect (https://asc/g)',
    );
    expect(inputsText({ 'private-key': 'secret', groups: 'A, B' })).toBe(
      '  private-key = ***\n  groups = A, B',
    );
  });
});
