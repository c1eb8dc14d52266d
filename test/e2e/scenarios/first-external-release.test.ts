// Scenarios through the contract: a first external release of an app that never had one. Test Information
// comes from the inputs, the review contact from a plain input, the demo account from a secret; each part is
// written once, planned honestly in a dry run, and a submission Apple would refuse fails before any change.
import { describe, expect } from 'vitest';
import { DEMO_ACCOUNT, DEMO_ACCOUNT_INPUT } from '../fixtures.js';
import { runAction } from '../run-action.js';
import { planOf, scenarioTest as it, type Inputs } from './scenario-test.js';

/** What a release workflow's first external step sets, as the README shows it. */
const TEST_INFORMATION: Inputs = {
  'beta-description': 'The 3.1 beta: a new onboarding flow and offline sync.',
  'feedback-email': 'beta@example.com',
  'review-contact': 'Jane Appleseed <jane@example.com> +1 555 0100',
  'review-notes': 'Sign in with the demo account; sync needs a second device.',
  'demo-account': DEMO_ACCOUNT_INPUT,
};

describe('a first external release', () => {
  it('writes Test Information and the review details, submits, and changes nothing on a re-run', async ({
    scenario,
  }) => {
    const { fake, app, build, inputs, twice, addGroup, withoutTestInformation } = scenario;
    withoutTestInformation();
    addGroup('Public Beta');
    const { first } = await twice(inputs({ groups: 'Public Beta', ...TEST_INFORMATION }));
    expect(first.outputs['review-state']).toBe('WAITING_FOR_REVIEW');
    expect(planOf(first).map((p) => `${p.op}: ${p.detail}`)).toEqual([
      'set-test-information: create Test Information (en-US): beta app description, feedback email',
      'set-review-details: update the Beta App Review details: contact name, contact email, contact phone, review notes, demo account (hidden)',
      'add-build: add build 100 (3.1.0) to Public Beta',
      'submit-for-review: submit build 100 (3.1.0) for Beta App Review',
    ]);
    expect(
      [...fake.state.betaAppLocalizations.values()].filter((l) => l.appId === app.id),
    ).toMatchObject([
      {
        locale: 'en-US',
        description: TEST_INFORMATION['beta-description'],
        feedbackEmail: 'beta@example.com',
      },
    ]);
    expect(fake.state.reviewDetails.get(app.id)).toMatchObject({
      contactFirstName: 'Jane',
      contactLastName: 'Appleseed',
      contactEmail: 'jane@example.com',
      contactPhone: '+1 555 0100',
      notes: TEST_INFORMATION['review-notes'],
      demoAccountName: DEMO_ACCOUNT.name,
      demoAccountPassword: DEMO_ACCOUNT.password,
      demoAccountRequired: true,
    });
    expect([...fake.state.reviewSubmissions.values()].map((s) => s.buildId)).toEqual([build.id]);
    expect(first.summary).toContain('<h3>Test Information</h3>');
    expect(first.summary).toContain(
      '<tr><td>Demo account</td><td>demo account (hidden)</td><td>set</td></tr>',
    );
    expect(first.summary).toContain(
      '<tr><td>Review contact</td><td>Jane Appleseed &lt;jane@example.com&gt; +1 555 0100</td><td>set</td></tr>',
    );
    // The whole value and the password were masked for the runner before anything else.
    const masks = first.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    expect(masks).toEqual(
      expect.arrayContaining([
        `::add-mask::${DEMO_ACCOUNT_INPUT}`,
        `::add-mask::${DEMO_ACCOUNT.password}`,
      ]),
    );
    expect(first.stdout.indexOf(`::add-mask::${DEMO_ACCOUNT_INPUT}`)).toBeLessThan(
      first.stdout.indexOf('::group::'),
    );
  });

  it('plans in a dry run exactly what the real run then does', async ({ scenario }) => {
    const { inputs, dryThenReal, addGroup, withoutTestInformation } = scenario;
    withoutTestInformation();
    addGroup('Public Beta');
    const { dry } = await dryThenReal(inputs({ groups: 'Public Beta', ...TEST_INFORMATION }));
    expect(dry.summary).toContain('<td>demo account (hidden)</td><td>would set</td>');
  });

  it('updates only the field that changed on a later release', async ({ scenario }) => {
    const { fake, app, inputs, mutationsSince, addGroup, withoutTestInformation } = scenario;
    withoutTestInformation();
    addGroup('Public Beta');
    expect((await runAction(inputs({ groups: 'Public Beta', ...TEST_INFORMATION }))).code).toBe(0);
    const mark = fake.requests.length;
    const next = await runAction(
      inputs({
        groups: 'Public Beta',
        ...TEST_INFORMATION,
        'feedback-email': 'feedback@example.com',
      }),
    );
    expect(next.code).toBe(0);
    expect(planOf(next).map((p) => p.detail)).toEqual([
      'update Test Information (en-US): feedback email',
    ]);
    expect(mutationsSince(mark).map((r) => [r.method, r.body])).toEqual([
      [
        'PATCH',
        {
          data: {
            type: 'betaAppLocalizations',
            id: [...fake.state.betaAppLocalizations.values()].find((l) => l.appId === app.id)!.id,
            attributes: { feedbackEmail: 'feedback@example.com' },
          },
        },
      ],
    ]);
  });

  it('fails before any change when the review would lack Test Information, naming the inputs', async ({
    scenario,
  }) => {
    const { inputs, expectFailure, addGroup, withoutTestInformation } = scenario;
    withoutTestInformation();
    addGroup('Public Beta');
    const run = await runAction(inputs({ groups: 'Public Beta' }));
    expectFailure(
      run,
      /^::error::Build 100 \(3\.1\.0\) would be submitted for Beta App Review, but the Test Information of Scenario App \(com\.example\.scenarios\) lacks the beta app description \(en-US\), the feedback email \(en-US\) and the review contact's first name, last name, email and phone number, which Apple requires before an external review: set `beta-description`, `feedback-email` and `review-contact` \(`First Last <email> \+phone`\), or fill them in under TestFlight → Test Information in App Store Connect, then re-run\.$/,
    );
    expect(run.outputs.changes).toBe('0');
  });

  it('names only the part still missing: a contact without its phone', async ({ scenario }) => {
    const { inputs, expectFailure, addGroup, withoutTestInformation } = scenario;
    withoutTestInformation();
    addGroup('Public Beta');
    const run = await runAction(
      inputs({
        groups: 'Public Beta',
        ...TEST_INFORMATION,
        'review-contact': 'Jane Appleseed <jane@example.com>',
      }),
    );
    expectFailure(run, /lacks the review contact's phone number, which Apple requires/);
  });

  it('fails on a malformed demo account without showing it', async ({ scenario }) => {
    const { inputs, expectFailure, addGroup } = scenario;
    addGroup('Public Beta');
    const run = await runAction(
      inputs({ groups: 'Public Beta', 'demo-account': DEMO_ACCOUNT.password }),
    );
    expectFailure(run, /^::error::Input `demo-account` is not `name:password` \(it has no colon\)/);
  });
});
