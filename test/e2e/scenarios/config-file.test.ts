// The config file through dist/index.js: the README's example (read from the README itself) planned by a dry
// run, applied on a first run (an internal and an external group with different testers, a public link,
// recruitment criteria, a group deleted by `absent`), then re-run with nothing to change.
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { fillReadmeStep, readmeConfigFile, readmeSteps } from './readme-steps.js';
import { json, planOf, scenarioTest as it, type ScenarioWorld } from './scenario-test.js';

const CONFIG_STEP = readmeSteps().find((step) => step.config !== undefined)!;
const EXAMPLE = readmeConfigFile();
const BETA_TESTERS =
  'email,firstName,lastName\nann@example.com,Ann,Lee\ncarl@example.com,Carl,Diaz\n';

/** The README's app (com.example.app) in the fake, with build 100 (3.1.0) and an old group to delete. */
function exampleApp({ fake }: ScenarioWorld) {
  const app = fake.state.addApp({ id: '1600000077', bundleId: 'com.example.app', name: 'Example' });
  const build = fake.state.addBuild({ appId: app.id, version: '100', marketingVersion: '3.1.0' });
  const oldBeta = fake.state.addGroup({ appId: app.id, name: 'Old Beta' });
  fake.state.addTeamMember('jane@example.com');
  fake.state.addTeamMember('bob@example.com');
  const groupNamed = (name: string) =>
    [...fake.state.groups.values()].find((g) => g.appId === app.id && g.name === name);
  const members = (name: string) =>
    [...groupNamed(name)!.testerIds].map((id) => fake.state.testers.get(id)!.email).sort();
  return { app, build, oldBeta, groupNamed, members };
}

describe("the README's config file example", () => {
  it('is in the README with its $schema line and every key of the contract', () => {
    for (const key of [
      'app:',
      'defaults:',
      'test-information:',
      'what-to-test:',
      'type: internal',
      'access-to-all-builds:',
      'public-link:',
      'recruitment:',
      'testers-file:',
      'remove-unlisted-testers:',
      'build:',
      'absent: true',
    ]) {
      expect(EXAMPLE, key).toContain(key);
    }
    expect(CONFIG_STEP.config).toBe('.github/testflight.yml');
    expect(CONFIG_STEP.groups).toBeUndefined();
  });

  it('plans in a dry run what the first run does, then a re-run changes nothing', async ({
    scenario,
  }) => {
    const { fake, mutationsSince, rerun } = scenario;
    const { build, oldBeta, groupNamed, members } = exampleApp(scenario);
    const inputs = {
      ...fillReadmeStep(CONFIG_STEP),
      'wait-for-processing': '0',
      'api-base-url': fake.url,
    };
    const files = { '.github/testflight.yml': EXAMPLE, '.github/beta-testers.csv': BETA_TESTERS };
    const mark = fake.requests.length;
    const dry = await runAction({ ...inputs, 'dry-run': 'true' }, { files });
    expect(dry.code, dry.stdout).toBe(0);
    expect(mutationsSince(mark)).toEqual([]);
    expect(json(dry, 'created-groups')).toEqual(['QA', 'Public Beta']);
    expect(planOf(dry)).toContainEqual(
      expect.objectContaining({ op: 'delete-group', target: 'Old Beta' }),
    );

    const real = await runAction(inputs, { files });
    expect(real.code, real.stdout).toBe(0);
    expect(planOf(real).map((o) => [o.op, o.target])).toEqual(
      planOf(dry).map((o) => [o.op, o.target]),
    );
    expect(json(real, 'created-groups')).toEqual(['QA', 'Public Beta']);
    // An internal and an external group with their own testers, in one run.
    expect(members('QA')).toEqual(['bob@example.com', 'jane@example.com']);
    expect(members('Public Beta')).toEqual(['ann@example.com', 'carl@example.com']);
    const qa = groupNamed('QA')!;
    const beta = groupNamed('Public Beta')!;
    expect(qa).toMatchObject({ isInternal: true, hasAccessToAllBuilds: false });
    expect(qa.buildIds.has(build.id)).toBe(true);
    expect(beta).toMatchObject({
      isInternal: false,
      publicLinkEnabled: true,
      publicLinkLimit: 1000,
      feedbackEnabled: true,
    });
    expect(beta.buildIds.has(build.id)).toBe(true);
    expect(json<Record<string, string>>(real, 'public-links')['Public Beta']).toMatch(
      /^https:\/\/testflight\.apple\.com\/join\//,
    );
    // Deleted because the file says `absent: true`.
    expect(fake.state.groups.has(oldBeta.id)).toBe(false);
    expect(real.summary).toContain('Old Beta');
    expect(real.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
    const criteria = [...fake.state.recruitmentCriteria.values()].filter(
      (c) => c.groupId === beta.id,
    );
    expect(criteria.map((c) => c.deviceFamilyOsVersionFilters)).toEqual([
      [expect.objectContaining({ deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' })],
    ]);
    const whatToTest = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(Object.fromEntries(whatToTest.map((l) => [l.locale, l.whatsNew]))).toEqual({
      'en-US': 'New onboarding flow; please try signing up.',
      'de-DE': 'Neuer Einstieg; bitte probiert die Anmeldung aus.',
    });

    await rerun(inputs, { files });
  });
});

describe('a config file beside the inputs', () => {
  it("puts a What to Test text in the app's primary locale, and re-runs unchanged", async ({
    scenario,
  }) => {
    const { fake, app, build, inputs, twice } = scenario;
    app.primaryLocale = 'de-DE';
    scenario.addGroup('Beta');
    const yaml = 'what-to-test: Bitte den neuen Ablauf testen.\ngroups:\n  - name: Beta\n';
    // Not submitted: the app has Test Information for en-US only, and this is about What to Test.
    await twice(inputs({ config: '.github/testflight.yml', 'submit-for-review': 'false' }), {
      files: { '.github/testflight.yml': yaml },
    });
    const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(texts.map((l) => [l.locale, l.whatsNew])).toEqual([
      ['de-DE', 'Bitte den neuen Ablauf testen.'],
    ]);
  });

  it("names the file's keys when it suggests a fix", async ({ scenario }) => {
    const { inputs, expectFailure } = scenario;
    scenario.addGroup('Beta');
    const yaml = 'groups:\n  - name: Beta\n  - name: Nightly\n';
    const run = await runAction(inputs({ config: 'tf.yml' }), { files: { 'tf.yml': yaml } });
    expectFailure(run, /Nightly.*set `create: true` for them \(or in `defaults`\) in tf\.yml/);
  });

  it('fails a drift check naming the file, and passes once TestFlight matches it', async ({
    scenario,
  }) => {
    const { inputs, expectFailure, addGroup } = scenario;
    addGroup('Beta', { feedbackEnabled: true });
    const files = { '.github/testflight.yml': 'groups:\n  - name: Beta\n    feedback: false\n' };
    const check = inputs({
      config: '.github/testflight.yml',
      'build-number': '',
      'dry-run': 'true',
      'fail-on-drift': 'true',
    });
    const drifted = await runAction(check, { files });
    expectFailure(
      drifted,
      /^::error::TestFlight differs from \.github\/testflight\.yml: 1 change would be made; see the summary\.$/,
    );
    await runAction({ ...check, 'dry-run': 'false', 'fail-on-drift': 'false' }, { files });
    const clean = await runAction(check, { files });
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.outputs.changes).toBe('0');
  });
});
