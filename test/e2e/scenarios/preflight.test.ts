// Scenarios through the contract: every failure knowable from what was read fails with exit 1, one sentence
// naming what to set, and no changing request: an internal-only build for an external group, tester limits,
// a public link on a group that will hold no build, and export compliance through a declaration; 101 testers
// listed for one internal group and a non-team email for one (Apple would refuse both only after changes).
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { planOf, scenarioTest as it } from './scenario-test.js';

const emails = (count: number) => Array.from({ length: count }, (_, i) => `qa${i}@example.com`);

describe('preflight', () => {
  it('an internal-only build aimed at an external group', async ({ scenario }) => {
    const { build, inputs, expectFailure, addGroup } = scenario;
    build.audience = 'INTERNAL_ONLY';
    addGroup('Public Beta');
    const run = await runAction(inputs({ groups: 'Public Beta' }));
    expectFailure(
      run,
      /^::error::Build 100 \(3\.1\.0\) was uploaded for internal testing only, so it cannot go to the external group\(s\) Public Beta: upload a build without "TestFlight Internal Only", or list only internal groups\.$/,
    );
  });

  it('more than 100 internal testers after the plan', async ({ scenario }) => {
    const { fake, inputs, expectFailure, addGroup } = scenario;
    const other = addGroup('Other QA', { isInternal: true });
    for (const email of emails(101)) fake.state.addTeamMember(email);
    for (const email of emails(60)) fake.state.addTester({ email, groupIds: [other.id] });
    addGroup('QA', { isInternal: true });
    const run = await runAction(
      inputs({ groups: 'QA', testers: emails(101).slice(60).join('\n') }),
    );
    expectFailure(
      run,
      /^::error::After this run the internal groups of Scenario App \(com\.example\.scenarios\) would hold 101 testers, more than the 100 internal testers \(team members\) TestFlight allows: remove testers from its internal groups, or list fewer in `testers`\.$/,
    );
  });

  it('101 testers listed for one internal group, every one a team member', async ({ scenario }) => {
    const { fake, inputs, expectFailure, addGroup } = scenario;
    for (const email of emails(101)) fake.state.addTeamMember(email);
    addGroup('QA', { isInternal: true });
    const run = await runAction(inputs({ groups: 'QA', testers: emails(101).join('\n') }));
    expectFailure(
      run,
      /^::error::After this run the internal groups of Scenario App \(com\.example\.scenarios\) would hold 101 testers, more than the 100 internal testers \(team members\) TestFlight allows: /,
    );
    expect(run.outputs.changes).toBe('0');
  });

  it('one email that is not a team member among team members for an internal group', async ({
    scenario,
  }) => {
    const { fake, inputs, expectFailure, addGroup } = scenario;
    for (const email of emails(3)) fake.state.addTeamMember(email);
    addGroup('QA', { isInternal: true });
    const run = await runAction(
      inputs({ groups: 'QA', testers: [...emails(3), 'outsider@example.com'].join('\n') }),
    );
    expectFailure(
      run,
      /^::error::outsider@example\.com is not a member of your App Store Connect team, so the internal group QA cannot take that tester: add that person to the team under Users and Access first, /,
    );
    expect(run.outputs.changes).toBe('0');
  });

  it('more than 10,000 external testers per app after the plan', async ({ scenario }) => {
    const { fake, inputs, expectFailure, addGroup } = scenario;
    const full = addGroup('Public');
    // Seeded straight into the maps: addTester's duplicate check makes 9,999 of them slow.
    for (let i = 0; i < 9_999; i++) {
      const id = `public-${i}`;
      fake.state.testers.set(id, {
        id,
        email: `public${i}@example.com`,
        firstName: null,
        lastName: null,
        inviteType: 'EMAIL',
        state: 'INSTALLED',
        appIds: new Set([full.appId]),
      });
      full.testerIds.add(id);
    }
    addGroup('Beta');
    // 50 pages of members to read: more time than a usual run, under a loaded machine too.
    const run = await runAction(
      inputs({ groups: 'Beta', testers: 'new1@example.com\nnew2@example.com' }),
      { timeoutMs: 40_000 },
    );
    expectFailure(
      run,
      /^::error::After this run the external groups of Scenario App \(com\.example\.scenarios\) would hold 10,001 testers, more than the 10,000 TestFlight allows per app:/,
    );
    // One count showed the app near the cap; only then were the other group's members read.
    const counts = fake.requests.filter(
      (r) => r.path === '/v1/betaTesters' && r.query['filter[apps]'],
    );
    expect(counts).toHaveLength(1);
  }, 60_000);

  it('a public link for a group that will hold no build', async ({ scenario }) => {
    const { inputs, expectFailure } = scenario;
    const run = await runAction(
      inputs({
        'build-number': '',
        groups: 'Fresh',
        'create-missing-groups': 'true',
        'public-link': 'enabled',
      }),
    );
    expectFailure(
      run,
      /^::error::Group Fresh would be created without a build and this run brings none, so App Store Connect will not enable its public link: set `build-number` so the build goes to the group in the same run, or leave `public-link` empty until the group has a build\.$/,
    );
  });
});

describe('export compliance through an encryption declaration', () => {
  it('auto assigns the approved declaration; a re-run changes nothing; a dry run plans the same', async ({
    scenario,
  }) => {
    const { fake, app, build, inputs, twice, addGroup } = scenario;
    build.usesNonExemptEncryption = null;
    const declaration = fake.state.addEncryptionDeclaration({ appId: app.id });
    addGroup('Beta');
    const given = inputs({ groups: 'Beta', 'encryption-declaration': 'auto' });
    const dry = await runAction({ ...given, 'dry-run': 'true' });
    const { first } = await twice(given);
    expect(planOf(dry)).toEqual(planOf(first));
    expect(planOf(first)[0]).toEqual({
      op: 'assign-encryption-declaration',
      target: 'build 100',
      detail: `answer the export compliance of build 100 (3.1.0) with App Encryption Declaration ${declaration.id}`,
    });
    expect(fake.state.builds.get(build.id)).toMatchObject({
      encryptionDeclarationId: declaration.id,
      usesNonExemptEncryption: false,
    });
  });

  it.for([
    [
      'none approved',
      (d: { add: (state: 'APPROVED' | 'IN_REVIEW') => string }) => d.add('IN_REVIEW'),
      'auto',
      /^::error::`encryption-declaration: auto` found no approved App Encryption Declaration for IOS .*\(the app has \S+ \(IN_REVIEW, IOS\)\)/,
    ],
    [
      'several approved',
      (d: { add: (state: 'APPROVED' | 'IN_REVIEW') => string }) =>
        `${d.add('APPROVED')},${d.add('APPROVED')}`,
      'auto',
      /^::error::`encryption-declaration: auto` found several approved App Encryption Declarations for IOS \(\S+, \S+\) and will not guess/,
    ],
    [
      'contradicting uses-non-exempt-encryption',
      (d: { add: (state: 'APPROVED' | 'IN_REVIEW') => string }) => d.add('APPROVED'),
      'auto+true',
      /^::error::`uses-non-exempt-encryption: true` contradicts App Encryption Declaration \S+, which declares no non-exempt encryption/,
    ],
  ] as const)('%s fails before any change', async ([, seed, mode, sentence], { scenario }) => {
    const { fake, app, build, inputs, expectFailure, addGroup } = scenario;
    build.usesNonExemptEncryption = null;
    seed({ add: (state) => fake.state.addEncryptionDeclaration({ appId: app.id, state }).id });
    addGroup('Beta');
    const run = await runAction(
      inputs({
        groups: 'Beta',
        'encryption-declaration': 'auto',
        ...(mode === 'auto+true' ? { 'uses-non-exempt-encryption': 'true' } : {}),
      }),
    );
    expectFailure(run, sentence);
  });

  it('the missing-compliance sentence points to encryption-declaration: auto when one is approved', async ({
    scenario,
  }) => {
    const { fake, app, build, inputs, expectFailure, addGroup } = scenario;
    build.usesNonExemptEncryption = null;
    fake.state.addEncryptionDeclaration({ appId: app.id });
    addGroup('Beta');
    expectFailure(
      await runAction(inputs({ groups: 'Beta' })),
      /else `false`, or set `encryption-declaration: auto` to answer it with the app's approved App Encryption Declaration \(or add/,
    );
  });
});
