// The README's own examples, run as written (secrets and `github` values filled in, pointed at the fake):
// the Usage workflow (an internal QA group and an external one with outside testers) fails before any change
// unless the testers are team members; the first external release example succeeds and re-runs unchanged.
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import { DEMO_ACCOUNT_INPUT } from '../fixtures.js';
import { runAction } from '../run-action.js';
import { planOf, scenarioTest, teamKey, type Inputs } from './scenario-test.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The `with:` of every step that uses the action, in the README's YAML blocks, in order. */
function readmeSteps(): Inputs[] {
  const blocks = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    (m) => parse(m[1]!) as unknown,
  );
  const steps: Inputs[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const step = node as { uses?: unknown; with?: Record<string, unknown> };
      if (
        typeof step.uses === 'string' &&
        step.uses.startsWith('testflight-beta-groups/') &&
        step.with
      ) {
        steps.push(Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, String(v)])));
      }
      Object.values(node).forEach(visit);
    }
  };
  blocks.forEach(visit);
  return steps;
}

const VALUES: Record<string, string> = {
  'secrets.ASC_KEY_ID': teamKey.kid,
  'secrets.ASC_ISSUER_ID': teamKey.issuerId!,
  'secrets.ASC_PRIVATE_KEY': teamKey.pem,
  'secrets.TESTFLIGHT_DEMO_ACCOUNT': DEMO_ACCOUNT_INPUT,
  'github.run_number': '100',
  'github.ref_name': 'v3.1.0',
};

/** A README step as the runner would pass it, against the fake's scenario app. */
function asRun(step: Inputs, url: string, extra: Inputs = {}): Inputs {
  const filled = Object.fromEntries(
    Object.entries(step).map(([name, value]) => [
      name,
      value.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expr: string) => {
        const known = VALUES[expr];
        if (known === undefined)
          throw new Error(`README uses \${{ ${expr} }}, which this test does not fill`);
        return known;
      }),
    ]),
  );
  return {
    ...filled,
    'bundle-id': 'com.example.scenarios',
    'wait-for-processing': '0',
    'api-base-url': url,
    ...extra,
  };
}

const [USAGE, FIRST_EXTERNAL] = readmeSteps();
const DRIFT_CHECK = readmeSteps().find((step) => step['fail-on-drift'] === 'true');
const it = scenarioTest;

describe("the README's Usage example", () => {
  it('is the shape the issue names: an internal QA group, an external one, outside testers', () => {
    expect(USAGE?.groups?.split('\n').filter(Boolean)).toEqual(['QA', 'Public Beta']);
    expect(USAGE?.testers).toMatch(/@example\.com/);
  });

  it('fails with 0 changes when the testers are not team members', async ({ scenario }) => {
    const { fake, addGroup, expectFailure } = scenario;
    addGroup('QA', { isInternal: true });
    addGroup('Public Beta');
    const run = await runAction(asRun(USAGE!, fake.url));
    expectFailure(
      run,
      /^::error::jane@example\.com and qa-lead@example\.com are not members of your App Store Connect team, so the internal group QA cannot take them: add them to the team under Users and Access first, or list them only for external groups/,
    );
    expect(run.outputs.changes).toBe('0');
    expect(run.summary).toContain('Nothing was changed');
  });

  it('succeeds when the testers are team members, and a re-run changes nothing', async ({
    scenario,
  }) => {
    const { fake, build, addGroup, memberEmails, twice } = scenario;
    addGroup('QA', { isInternal: true });
    addGroup('Public Beta');
    fake.state.addTeamMember('jane@example.com');
    fake.state.addTeamMember('qa-lead@example.com');
    const { first } = await twice(asRun(USAGE!, fake.url));
    expect(first.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
    expect(memberEmails('QA')).toEqual(['jane@example.com', 'qa-lead@example.com']);
    expect(memberEmails('Public Beta')).toEqual(['jane@example.com', 'qa-lead@example.com']);
    expect(scenario.groupNamed('QA').buildIds.has(build.id)).toBe(true);
  });

  describe('with a key that may not read the team', () => {
    it.override({ keyRole: { canListUsers: false } });

    it('warns once and, as before, names the testers Apple refuses', async ({ scenario }) => {
      const { fake, addGroup } = scenario;
      addGroup('QA', { isInternal: true });
      addGroup('Public Beta');
      const run = await runAction(asRun(USAGE!, fake.url));
      expect(run.code).toBe(1);
      const warnings = run.stdout
        .split('\n')
        .filter((l) => l.includes('GET /v1/users answered 403'));
      expect(warnings).toHaveLength(1);
      expect(run.stdout).toMatch(
        /::error::App Store Connect refused to add (jane|qa-lead)@example\.com to the internal groups? .*QA/,
      );
    });
  });
});

describe("the README's first external release example", () => {
  it('sets every input of a first external release', () => {
    for (const name of [
      'beta-description',
      'feedback-email',
      'review-contact',
      'review-notes',
      'demo-account',
      'encryption-declaration',
      'wait-for-review',
      'keep-builds',
    ]) {
      expect(Object.keys(FIRST_EXTERNAL ?? {}), name).toContain(name);
    }
    // The demo account comes from a secret; the review contact is plain text.
    expect(FIRST_EXTERNAL!['demo-account']).toMatch(/^\$\{\{ secrets\./);
    expect(FIRST_EXTERNAL!['review-contact']).not.toContain('${{');
  });

  it('releases to an app that never had an external build, and re-runs unchanged', async ({
    scenario,
  }) => {
    const { fake, app, build, twice, addGroup, withoutTestInformation, afterEachAnswer } = scenario;
    withoutTestInformation();
    addGroup('Public Beta');
    build.usesNonExemptEncryption = null;
    build.autoNotifyEnabled = false;
    const declaration = fake.state.addEncryptionDeclaration({ appId: app.id });
    // Apple's reviewer approves right away; the wait is shortened from the README's 60 minutes.
    afterEachAnswer((entry) => {
      if (entry.method !== 'POST' || entry.path !== '/v1/betaAppReviewSubmissions') return;
      for (const s of fake.state.reviewSubmissions.values()) s.state = 'APPROVED';
    });
    const { first } = await twice(asRun(FIRST_EXTERNAL!, fake.url, { 'wait-for-review': '0.05' }));
    expect(planOf(first).map((p) => p.op)).toEqual([
      'assign-encryption-declaration',
      'set-what-to-test',
      'set-test-information',
      'set-review-details',
      'add-build',
      'submit-for-review',
      'notify-testers',
    ]);
    expect(first.outputs['review-state']).toBe('APPROVED');
    expect(fake.state.builds.get(build.id)?.encryptionDeclarationId).toBe(declaration.id);
    expect(fake.requests.filter((r) => r.path === '/v1/buildBetaNotifications')).toHaveLength(1);
  }, 30_000);
});

describe("the README's drift check", () => {
  it('is a dry run with fail-on-drift, and no build', () => {
    expect(DRIFT_CHECK).toMatchObject({ 'dry-run': 'true', 'fail-on-drift': 'true' });
    expect(DRIFT_CHECK!['build-number']).toBeUndefined();
  });

  it('passes while TestFlight matches, and fails with one sentence after a hand edit', async ({
    scenario,
  }) => {
    const { fake, app, addGroup, groupNamed, expectFailure } = scenario;
    addGroup('QA', { isInternal: true });
    const beta = addGroup('Public Beta', { feedbackEnabled: true });
    const qa = groupNamed('QA');
    for (const email of ['jane@example.com', 'qa-lead@example.com']) {
      fake.state.addTeamMember(email);
      fake.state.addTester({ email, appIds: [app.id], groupIds: [qa.id, beta.id] });
    }
    const given = asRun(DRIFT_CHECK!, fake.url);
    delete given['build-number'];
    const clean = await runAction(given);
    expect(clean.code).toBe(0);
    expect(clean.outputs.changes).toBe('0');

    // Someone turned feedback off for the public beta in App Store Connect.
    groupNamed('Public Beta').feedbackEnabled = false;
    const drifted = await runAction(given);
    expectFailure(
      drifted,
      /^::error::TestFlight differs from this step's inputs: 1 change would be made; see the summary\.$/,
    );
    expect(planOf(drifted).map((o) => [o.op, o.target])).toEqual([['update-group', 'Public Beta']]);
    expect(drifted.summary).toContain('Dry run: 1 change planned, none made.');
  });
});
