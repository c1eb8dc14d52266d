// `export-config` through dist/index.js: a seeded app with internal and external groups, public links,
// recruitment criteria and a few hundred testers is written as a config file (testers past 50 in a CSV beside
// it), nothing is changed, and applying the file right after plans zero changes.
import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import { runAction } from '../run-action.js';
import { json, planOf, scenarioTest as it, type ScenarioWorld } from './scenario-test.js';

const FILE = '.github/testflight.yml';

function seedApp({ fake, app, addGroup }: ScenarioWorld) {
  const tester = (email: string, groupIds: string[], extra: Record<string, string> = {}) =>
    fake.state.addTester({ email, appIds: [app.id], groupIds, ...extra });
  const team = addGroup('Team', { isInternal: true, hasAccessToAllBuilds: true });
  const qa = addGroup('QA', { isInternal: true });
  const beta = addGroup('Public Beta', {
    publicLinkEnabled: true,
    publicLinkLimitEnabled: true,
    publicLinkLimit: 500,
    feedbackEnabled: false,
  });
  const friends = addGroup('Friends & Family', { publicLinkEnabled: false });
  for (const email of ['jane@example.com', 'bob@example.com', 'mary@example.com'])
    fake.state.addTeamMember(email);
  tester('jane@example.com', [team.id, qa.id], { firstName: 'Jane', lastName: 'Appleseed' });
  tester('bob@example.com', [team.id], { firstName: 'Bob' });
  tester('mary@example.com', [qa.id], { firstName: 'Mary Ann', lastName: 'van Dijk' });
  for (let i = 0; i < 300; i++) {
    tester(
      `beta${String(i).padStart(3, '0')}@example.com`,
      [beta.id],
      i % 3 === 0 ? { firstName: 'Tess', lastName: `Number, ${i}` } : {},
    );
  }
  for (let i = 0; i < 20; i++)
    tester(`friend${i}@example.com`, [friends.id], { firstName: 'Fred', lastName: `F${i}` });
  tester('joined@example.com', [friends.id], { inviteType: 'PUBLIC_LINK' });
  fake.state.recruitmentCriteria.set('criteria-1', {
    id: 'criteria-1',
    groupId: beta.id,
    deviceFamilyOsVersionFilters: [
      { deviceFamily: 'IPHONE', minimumOsInclusive: '16.0' },
      { deviceFamily: 'IPAD' },
    ],
    modifiedAt: Date.now(),
  });
  return { team, qa, beta, friends };
}

describe('export-config', () => {
  it('writes the app as a config file that applying right after changes nothing', async ({
    scenario,
  }) => {
    const { fake, inputs, mutationsSince } = scenario;
    const { beta } = seedApp(scenario);
    const exported = await runAction(inputs({ 'build-number': '', 'export-config': FILE }));
    expect(exported.code, exported.stdout).toBe(0);
    expect(mutationsSince(0)).toEqual([]);
    // 300 members in pages of 200: two reads of the group's testers.
    const memberReads = fake.requests.filter(
      (r) => r.path === `/v1/betaGroups/${beta.id}/betaTesters`,
    );
    expect(memberReads.map((r) => r.query.limit)).toEqual(['200', '200']);
    expect(exported.outputs.changes).toBe('0');
    expect(Object.keys(exported.workspaceFiles).sort()).toEqual([
      '.github/testflight-public-beta.csv',
      FILE,
    ]);
    const config = exported.workspaceFiles[FILE]!;
    expect(config).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/\S+testflight\.schema\.json\n/,
    );
    const declared = parse(config) as {
      app: string;
      groups: Record<string, unknown>[];
      'test-information': Record<string, unknown>;
    };
    expect(declared.app).toBe('com.example.scenarios');
    expect(declared.groups).toEqual([
      {
        name: 'QA',
        type: 'internal',
        'access-to-all-builds': false,
        testers: ['Jane Appleseed <jane@example.com>', 'mary@example.com,Mary Ann,van Dijk'],
      },
      {
        name: 'Team',
        type: 'internal',
        'access-to-all-builds': true,
        testers: ['Bob <bob@example.com>', 'Jane Appleseed <jane@example.com>'],
      },
      expect.objectContaining({
        name: 'Friends & Family',
        type: 'external',
        'public-link': { enabled: false },
        testers: expect.arrayContaining(['Fred F0 <friend0@example.com>']),
      }),
      {
        name: 'Public Beta',
        type: 'external',
        'public-link': { enabled: true, limit: 500 },
        feedback: false,
        recruitment: [
          { 'device-family': 'IPHONE', 'minimum-os': '16.0' },
          { 'device-family': 'IPAD' },
        ],
        'testers-file': '.github/testflight-public-beta.csv',
      },
    ]);
    // The tester who joined through the link is left out: applying the file must never invite them by email.
    expect((declared.groups[2]!.testers as string[]).length).toBe(20);
    expect(config).not.toContain('joined@example.com');
    expect(
      exported.workspaceFiles['.github/testflight-public-beta.csv']!.split('\n').filter(Boolean),
    ).toHaveLength(301);
    expect(declared['test-information']).toMatchObject({
      review: { contact: 'Jane Appleseed <jane@example.com> +1 555 0100' },
    });
    expect(config).not.toMatch(/demo|password/i);
    expect(exported.summary).toContain(
      'Wrote 4 groups and 323 testers (324 group memberships) to <code>.github/testflight.yml</code>',
    );
    expect(exported.summary).toContain('1 tester who joined through a public link is left out');

    // Applying it right after, as a dry run and for real: zero changes.
    const apply = inputs({ 'build-number': '', 'bundle-id': '', config: FILE });
    const dry = await runAction(
      { ...apply, 'dry-run': 'true' },
      { files: exported.workspaceFiles },
    );
    expect(dry.code, dry.stdout).toBe(0);
    expect(planOf(dry)).toEqual([]);
    expect(dry.outputs.changes).toBe('0');
    const mark = fake.requests.length;
    const real = await runAction(apply, { files: exported.workspaceFiles });
    expect(real.code, real.stdout).toBe(0);
    expect(real.outputs.changes).toBe('0');
    expect(mutationsSince(mark)).toEqual([]);
    expect(Object.keys(json(real, 'group-ids')).sort()).toEqual([
      'Friends & Family',
      'Public Beta',
      'QA',
      'Team',
    ]);
  });

  it('needs no groups, and refuses to run beside `config` or `groups`', async ({ scenario }) => {
    const { inputs, expectFailure } = scenario;
    const run = await runAction(inputs({ 'export-config': FILE, groups: 'Beta' }));
    expectFailure(run, /^::error::Inputs `export-config` and `groups` are both set/);
    expect(scenario.fake.requests).toEqual([]);
  });
});
