// Scenarios through the contract: the forms inputs come in (separators, tester forms, files, key shapes,
// letter case).
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import {
  scenarioTest as it,
  expectOk,
  planOf,
  json,
  teamKey,
  soloKey,
  type Inputs,
} from './scenario-test.js';

describe('input forms', () => {
  it('groups comma and newline separated, with spaces and CRLF', async ({ scenario }) => {
    const { build, inputs, twice, addGroup, groupNamed } = scenario;
    addGroup('Alpha');
    addGroup('Beta Testers');
    addGroup('Gamma');
    const { first } = await twice(
      inputs({ groups: ' Alpha , Beta Testers\r\n\r\n  Gamma  \r\nAlpha\r\n' }),
    );
    expect(Object.keys(json(first, 'group-ids'))).toEqual(['Alpha', 'Beta Testers', 'Gamma']);
    for (const name of ['Alpha', 'Beta Testers', 'Gamma']) {
      expect(groupNamed(name).buildIds.has(build.id)).toBe(true);
    }
  });

  it('testers in all three forms, mixed case, duplicates, blank lines and CRLF', async ({
    scenario,
  }) => {
    const { inputs, twice, addGroup, memberEmails, testerByEmail } = scenario;
    addGroup('Beta');
    const { first } = await twice(
      inputs({
        groups: 'Beta',
        testers: [
          'Jane.Doe@Example.com',
          '',
          '  Ann Lee <ANN@example.com>  ',
          'bob@example.com,Bob,Stone',
          'jane.doe@example.com',
          'BOB@EXAMPLE.COM',
          '',
        ].join('\r\n'),
      }),
    );
    expect(first.outputs['testers-added']).toBe('3');
    expect(memberEmails('Beta')).toEqual([
      'ann@example.com',
      'bob@example.com',
      'jane.doe@example.com',
    ]);
    const bob = testerByEmail('bob@example.com')!;
    expect([bob.firstName, bob.lastName]).toEqual(['Bob', 'Stone']);
    const ann = testerByEmail('ann@example.com')!;
    expect([ann.firstName, ann.lastName]).toEqual(['Ann', 'Lee']);
  });

  const csvFiles: [string, string][] = [
    ['with a header', 'email,firstName,lastName\nann@example.com,Ann,Lee\nbob@example.com,Bob,\n'],
    ['without a header', 'ann@example.com,Ann,Lee\r\nbob@example.com\r\n'],
    [
      'with a UTF-8 BOM',
      '\uFEFFemail,firstName,lastName\r\nann@example.com,Ann,Lee\r\nbob@example.com,Bob,Stone',
    ],
    [
      'with quoted fields',
      '"email","firstName","lastName"\n"ann@example.com","Ann","Lee"\n"bob@example.com","Bob","Stone, Jr."\n',
    ],
    [
      'with a trailing newline and blank lines',
      '\nann@example.com,Ann,Lee\n\nbob@example.com,Bob,Stone\n\n',
    ],
  ];
  it.for(csvFiles)('testers-file CSV %s', async ([_, csv], { scenario }) => {
    const { inputs, twice, addGroup, memberEmails, testerByEmail } = scenario;
    addGroup('Beta');
    const { first } = await twice(inputs({ groups: 'Beta', 'testers-file': 'testers.csv' }), {
      files: { 'testers.csv': csv },
    });
    expect(first.outputs['testers-added']).toBe('2');
    expect(memberEmails('Beta')).toEqual(['ann@example.com', 'bob@example.com']);
    const ann = testerByEmail('ann@example.com')!;
    expect([ann.firstName, ann.lastName]).toEqual(['Ann', 'Lee']);
  });

  it('a quoted CSV field keeps its comma', async ({ scenario }) => {
    const { inputs, twice, addGroup, testerByEmail } = scenario;
    addGroup('Beta');
    const csv = 'email,firstName,lastName\n"bob@example.com","Bob","Stone, Jr."\n';
    await twice(inputs({ groups: 'Beta', 'testers-file': 'testers.csv' }), {
      files: { 'testers.csv': csv },
    });
    expect(testerByEmail('bob@example.com')?.lastName).toBe('Stone, Jr.');
  });

  it('testers-file JSON, also with a BOM', async ({ scenario }) => {
    const { inputs, twice, addGroup, memberEmails } = scenario;
    addGroup('Beta');
    const file = JSON.stringify([
      { email: 'Ann@Example.com', firstName: 'Ann', lastName: 'Lee' },
      { email: 'bob@example.com' },
    ]);
    const { first } = await twice(
      inputs({ groups: 'Beta', 'testers-file': 'testers.json', testers: 'carl@example.com' }),
      { files: { 'testers.json': '\uFEFF' + file + '\n' } },
    );
    expect(first.outputs['testers-added']).toBe('3');
    expect(memberEmails('Beta')).toEqual([
      'ann@example.com',
      'bob@example.com',
      'carl@example.com',
    ]);
  });

  const keyShapes: [string, () => Inputs][] = [
    ['PEM', () => ({ 'private-key': teamKey.pem })],
    ['PEM with literal \\n', () => ({ 'private-key': teamKey.pem.trim().replaceAll('\n', '\\n') })],
    ['base64 of the PEM', () => ({ 'private-key': Buffer.from(teamKey.pem).toString('base64') })],
    [
      'an individual key (empty issuer-id)',
      () => ({ 'key-id': soloKey.kid, 'issuer-id': '', 'private-key': soloKey.pem }),
    ],
  ];
  it.for(keyShapes)('private key as %s', async ([_, key], { scenario }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Beta');
    const run = await runAction(inputs({ groups: 'Beta', 'dry-run': 'true', ...key() }));
    expectOk(run);
    expect(planOf(run).map((o) => o.op)).toEqual(['add-build', 'submit-for-review']);
  });

  it('platform in lower case, booleans True/FALSE, wait-for-processing 0', async ({ scenario }) => {
    const { fake, app, inputs, twice, addGroup } = scenario;
    addGroup('Beta');
    const mac = fake.state.addBuild({ appId: app.id, version: '100', platform: 'MAC_OS' });
    const { first } = await twice(
      inputs({
        groups: 'Beta',
        platform: 'mac_os',
        'dry-run': 'FALSE',
        'create-missing-groups': 'True',
        'submit-for-review': 'FALSE',
        'notify-testers': 'False',
      }),
    );
    expect(first.outputs['build-id']).toBe(mac.id);
    expect(first.outputs['review-state']).toBe('skipped');
  });
});
