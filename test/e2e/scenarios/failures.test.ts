// Scenarios through the contract: every bad input and unusable key fails with one sentence and changes nothing.
import { describe, expect } from 'vitest';
import { makeTestKey } from '../../helpers/keys.js';
import { runAction } from '../run-action.js';
import { keyForms } from '../fixtures.js';
import { scenarioTest as it, teamKey, type Inputs } from './scenario-test.js';

describe('failures', () => {
  const bad: [string, Inputs, RegExp][] = [
    ['an empty key-id', { 'key-id': '' }, /key-id/],
    ['an empty private-key', { 'private-key': '' }, /private-key/],
    ['neither app-id nor bundle-id', { 'bundle-id': '' }, /app-id/],
    ['a non-numeric app-id', { 'bundle-id': '', 'app-id': 'com.example' }, /app-id/],
    ['no groups', { groups: ' , \n ' }, /groups/],
    ['an unknown group', { groups: 'Nope' }, /Nope/],
    ['a negative wait', { 'wait-for-processing': '-1' }, /wait-for-processing/],
    ['a wait in words', { 'wait-for-processing': 'ten' }, /wait-for-processing/],
    ['an unknown group-type', { 'group-type': 'public' }, /group-type/],
    ['an unknown submit-for-review', { 'submit-for-review': 'maybe' }, /submit-for-review/],
    ['an unknown public-link', { 'public-link': 'on' }, /public-link/],
    ['a zero public-link-limit', { 'public-link-limit': '0' }, /public-link-limit/],
    ['a bad feedback-enabled', { 'feedback-enabled': 'yes' }, /feedback-enabled/],
    ['a bad uses-non-exempt-encryption', { 'uses-non-exempt-encryption': 'no' }, /encryption/],
    ['a bad locale', { 'what-to-test-locale': 'english please' }, /locale/],
    ['a non-http api-base-url', { 'api-base-url': 'ftp://example.com' }, /api-base-url/],
    [
      'a config file that is not there',
      { config: 'testflight.yml' },
      /`config` names `testflight\.yml`, which could not be read/,
    ],
    ['an invalid JSON testers-file', { 'testers-file': 'bad.json' }, /testers-file/],
    ['a CSV row without an email', { 'testers-file': 'bad.csv' }, /testers-file/],
    ['two emails on one tester line', { testers: 'a@example.com,b@example.com' }, /testers/],
    ['an unclosed angle bracket', { testers: 'Ann <ann@example.com' }, /testers/],
    ['a private key that is garbage', { 'private-key': 'abc def' }, /key/i],
    ['a public key as private key', { 'private-key': 'PUBLIC' }, /public key/],
    ['the wrong issuer', { 'issuer-id': '00000000-0000-0000-0000-000000000000' }, /API key/],
    ['a team key given as an individual key', { 'issuer-id': '' }, /did not accept the API key/],
    ['a bad bundle-id', { 'bundle-id': 'com.example.nope' }, /com\.example\.nope/],
  ];
  it.for(bad)('%s: exit 1, one sentence, no change', async ([_, extra, sentence], { scenario }) => {
    const { inputs, expectFailure, addGroup } = scenario;
    addGroup('Beta');
    const given = inputs({ groups: 'Beta', ...extra });
    if (given['private-key'] === 'PUBLIC') {
      given['private-key'] = teamKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    }
    const run = await runAction(given, {
      files: {
        'bad.json': '[{"email": "a@example.com",}]',
        'bad.csv': 'email,firstName,lastName\nAnn,Lee,\n',
      },
    });
    expectFailure(run, sentence);
    expect(run.outputs.changes).toBe('0');
    expect(run.summary).toContain('Nothing was changed');
  });

  it('a base64 key that App Store Connect rejects stays secret', async ({ scenario }) => {
    const { inputs, expectFailure, addGroup } = scenario;
    addGroup('Beta');
    const other = makeTestKey('SCNKEY1234');
    const run = await runAction(
      inputs({ groups: 'Beta', 'private-key': Buffer.from(other.pem).toString('base64') }),
    );
    expectFailure(run, /did not accept the API key/);
    const shown = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const form of keyForms(other)) expect(shown + run.summary).not.toContain(form);
  });

  it("a failure's stack in the debug log names the TypeScript source, though the bundle is minified", async ({
    scenario,
  }) => {
    const { inputs, expectFailure, addGroup } = scenario;
    addGroup('Beta');
    const run = await runAction(inputs({ groups: 'Beta', 'bundle-id': 'com.example.nope' }));
    expectFailure(run, /com\.example\.nope/);
    const debug = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('::debug::'))
      .join('\n')
      .replaceAll('%0A', '\n');
    // The app lookup that found nothing, at its line in src/, not at a column of dist/index.js.
    expect(debug).toMatch(/at findApp \(\S*\/src\/reconcile\/read\.ts:\d+:\d+\)/);
    expect(debug).not.toMatch(/dist\/[\w.-]+\.js:\d+:\d+/);
  });
});
