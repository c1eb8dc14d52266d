// Source-aware hints: the same failures, with the desired state declared by the inputs and by a config file,
// name the setting to change where it was declared. The reconcile gets the words from the desired state.
import { describe, expect } from 'vitest';
import { fileHints, INPUT_HINTS, APP_ID_HINT } from '../../src/inputs/setting-hints.js';
import type { SettingHints } from '../../src/reconcile/index.js';
import { desiredGroup } from '../helpers/factories.js';
import { integrationTest as it } from '../helpers/integration.js';
import { reconcileOn } from './fake-reconcile.js';

const FILE = '.github/testflight.yml';

interface Expected {
  unknown: string;
  nearMiss: string;
  linkWithoutBuild: string;
  outsiders: string;
  review: string;
  app: string;
}

const SOURCES: [string, SettingHints, Expected][] = [
  [
    'the inputs',
    INPUT_HINTS,
    {
      unknown: 'fix the names in `groups`, or set `create-missing-groups: true` to create them.',
      nearMiss: 'write the name in `groups` exactly as App Store Connect shows it.',
      linkWithoutBuild:
        'set `build-number` so the build goes to the group in the same run, or leave `public-link` empty until the group has a build.',
      outsiders:
        'list that tester only for external groups (`testers` goes to every listed group, so give the internal groups a step of their own).',
      review:
        'set `beta-description`, `feedback-email` and `review-contact` (`First Last <email> +phone`), or fill them in',
      app: 'check `bundle-id` and that the key belongs',
    },
  ],
  [
    'a config file',
    fileHints(FILE),
    {
      unknown: `fix the names in ${FILE}, or set \`create: true\` for them (or in \`defaults\`) in ${FILE} to create them.`,
      nearMiss: `write the name in ${FILE} exactly as App Store Connect shows it.`,
      linkWithoutBuild: `set \`build-number\` so the build goes to the group in the same run, or leave \`public-link.enabled\` out for the group in ${FILE} until the group has a build.`,
      outsiders: `list that tester only under the external groups' \`testers\` in ${FILE}.`,
      review: `set the primary locale's \`description\` under \`test-information.locales\`, the primary locale's \`feedback-email\` under \`test-information.locales\` and \`test-information.review.contact\` (\`First Last <email> +phone\`) in ${FILE}, or fill them in`,
      app: `check \`app\` in ${FILE} (the bundle ID, or the numeric Apple ID under App Information) and that the key belongs`,
    },
  ],
];

describe.each(SOURCES)('failures declared by %s', (_, hints, expected) => {
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('the run did not fail');
      },
      (error: unknown) => (error as Error).message,
    );

  it('name where groups are written and how missing ones are created', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({ appId: s.app.id, name: 'Beta' });
    expect(await failureOf(s.run({ groups: [desiredGroup('Nope')], hints }))).toContain(
      expected.unknown,
    );
    expect(await failureOf(s.run({ groups: [desiredGroup('beta')], hints }))).toContain(
      expected.nearMiss,
    );
    expect(s.changingRequests()).toEqual([]);
  });

  it('name how to leave a public link alone, and the build as an input either way', async ({
    startClientAndFake,
  }) => {
    const s = await reconcileOn(await startClientAndFake());
    const message = await failureOf(
      s.run(
        { groups: [desiredGroup('New', { createAs: 'external', publicLink: 'enabled' })], hints },
        { dryRun: false },
        { build: null },
      ),
    );
    expect(message).toContain(expected.linkWithoutBuild);
  });

  it('name where the testers of external groups go', async ({ startClientAndFake }) => {
    const s = await reconcileOn(await startClientAndFake());
    s.fake.state.addGroup({ appId: s.app.id, name: 'Team', isInternal: true });
    s.fake.state.addTeamMember('dev@example.com');
    const message = await failureOf(
      s.run({
        groups: [desiredGroup('Team', { testers: [{ email: 'outsider@example.com' }] })],
        hints,
      }),
    );
    expect(message).toContain(expected.outsiders);
  });

  it('name the Test Information settings a review needs', async ({ startClientAndFake }) => {
    const s = await reconcileOn(await startClientAndFake());
    for (const [id, l] of s.fake.state.betaAppLocalizations) {
      if (l.appId === s.app.id) s.fake.state.betaAppLocalizations.delete(id);
    }
    s.fake.state.setTestInformation(s.app.id, {
      review: {
        contactFirstName: null,
        contactLastName: null,
        contactEmail: null,
        contactPhone: null,
      },
    });
    s.fake.state.addGroup({ appId: s.app.id, name: 'Beta' });
    const message = await failureOf(
      s.run({ groups: [desiredGroup('Beta')], submitForReview: 'auto', hints }),
    );
    expect(message).toContain(expected.review);
    expect(s.changingRequests()).toEqual([]);
  });

  it('name what names the app', async ({ startClientAndFake }) => {
    const s = await reconcileOn(await startClientAndFake());
    const message = await failureOf(
      s.run({ hints }, { dryRun: false }, { app: { bundleId: 'com.example.other' } }),
    );
    expect(message).toContain(expected.app);
  });
});

it('an app named by its ID in the inputs is hinted as `app-id`', async ({ startClientAndFake }) => {
  const s = await reconcileOn(await startClientAndFake());
  const message = await s
    .run(
      { hints: { ...INPUT_HINTS, app: APP_ID_HINT } },
      { dryRun: false },
      { app: { appId: '999' } },
    )
    .catch((e: unknown) => (e as Error).message);
  expect(message).toBe(
    "No app with ID 999 is visible to this API key: check `app-id` (the numeric Apple ID under App Information) and that the key belongs to the app's team.",
  );
});
