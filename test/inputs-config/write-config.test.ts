// The export's writer: what it writes reads back, through the config reader, as the same groups and testers.
import { describe, expect, it } from 'vitest';
import { renderConfigExport } from '../../src/inputs/config/write-config.js';
import type { TestFlightSnapshot } from '../../src/reconcile/index.js';
import { groupInfo, testerInfo } from '../helpers/factories.js';
import { read } from '../helpers/inputs.js';

const group = groupInfo;
/** A member invited by email, with the names given. */
const tester = (
  email: string,
  firstName: string | null = null,
  lastName: string | null = null,
) => ({
  ...testerInfo(email),
  firstName,
  lastName,
});

function snapshotOf(groups: TestFlightSnapshot['groups']): TestFlightSnapshot {
  return {
    app: { id: '1', bundleId: 'com.example.app', name: 'Example' },
    primaryLocale: 'en-US',
    groups,
    localizations: [],
    reviewDetail: null,
    licenseAgreement: null,
  };
}

/** Writes the export into a workspace map and reads it back as the `config` input would. */
function roundTrip(snapshot: TestFlightSnapshot, file = '.github/testflight.yml') {
  const written = renderConfigExport(snapshot, file);
  const files = Object.fromEntries(written.files.map((f) => [`/ws/${f.path}`, f.text]));
  return { written, settings: read({ groups: '', 'bundle-id': '', config: file }, files) };
}

describe('the export writer', () => {
  it('writes names that read back as they are, in whichever tester form keeps them', () => {
    const testers = [
      tester('ann@example.com', 'Ann', 'Lee'),
      tester('mary@example.com', 'Mary Ann', 'van Dijk'),
      tester('solo@example.com'),
      tester('last@example.com', null, 'Only'),
      tester('UPPER@Example.com', 'Up', null),
    ];
    const { settings } = roundTrip(
      snapshotOf([{ group: group('Beta'), testers, recruitment: null }]),
    );
    expect(settings.target.app).toEqual({ bundleId: 'com.example.app' });
    expect(settings.desired.groups[0]!.testers).toEqual([
      { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' },
      { email: 'last@example.com', lastName: 'Only' },
      { email: 'mary@example.com', firstName: 'Mary Ann', lastName: 'van Dijk' },
      { email: 'solo@example.com' },
      { email: 'upper@example.com', firstName: 'Up' },
    ]);
  });

  it('moves a group past 50 testers, or with a comma in a name, to a CSV beside the file', () => {
    const many = Array.from({ length: 51 }, (_, i) => tester(`t${i}@example.com`));
    const { written, settings } = roundTrip(
      snapshotOf([
        { group: group('Big Group'), testers: many, recruitment: null },
        {
          group: group('big group!'),
          testers: [tester('d@example.com', 'Jo', 'Doe, Jr.')],
          recruitment: null,
        },
        { group: group('Fifty'), testers: many.slice(0, 50), recruitment: null },
      ]),
      'config/tf.yaml',
    );
    expect(written.files.map((f) => f.path)).toEqual([
      'config/tf.yaml',
      'config/tf-big-group.csv',
      'config/tf-big-group-2.csv',
    ]);
    expect(settings.desired.groups.map((g) => g.testers.length)).toEqual([51, 1, 50]);
    expect(settings.desired.groups[1]!.testers[0]).toEqual({
      email: 'd@example.com',
      firstName: 'Jo',
      lastName: 'Doe, Jr.',
    });
    expect(written.files[0]!.text).toContain('testers-file: config/tf-big-group.csv');
  });

  it('writes Test Information without the demo account', () => {
    const snapshot = {
      ...snapshotOf([{ group: group('QA', { isInternal: true }), testers: [], recruitment: null }]),
      localizations: [
        {
          id: 'l',
          locale: 'en-US',
          description: 'A beta.',
          feedbackEmail: 'beta@example.com',
          marketingUrl: null,
          privacyPolicyUrl: null,
        },
      ],
      reviewDetail: {
        id: 'r',
        contactFirstName: 'Jane',
        contactLastName: 'Appleseed',
        contactEmail: 'jane@example.com',
        contactPhone: '+1 555 0100',
        demoAccountName: 'reviewer',
        demoAccountPassword: 'hunter2',
        demoAccountRequired: true,
        notes: 'Use the demo account.',
      },
      licenseAgreement: { id: 'a', agreementText: 'Be nice.' },
    };
    const { written, settings } = roundTrip(snapshot);
    expect(written.files[0]!.text).not.toMatch(/hunter2|reviewer/);
    expect(settings.desired.testInformation).toEqual({
      locales: [
        expect.objectContaining({
          locale: 'en-US',
          description: 'A beta.',
          feedbackEmail: 'beta@example.com',
        }),
      ],
      review: {
        contact: {
          firstName: 'Jane',
          lastName: 'Appleseed',
          email: 'jane@example.com',
          phone: '+1 555 0100',
        },
        notes: 'Use the demo account.',
        demoAccount: null,
      },
      licenseAgreement: 'Be nice.',
    });
    expect(settings.desired.groups[0]).toMatchObject({
      name: 'QA',
      type: 'internal',
      accessToAllBuilds: false,
      testers: [],
    });
  });
});
