import { describe, expect, it } from 'vitest';
import type { Settings } from '../src/inputs/index.js';
import { INPUT_HINTS } from '../src/inputs/setting-hints.js';
import { BASE, errorOf, read } from './helpers/inputs.js';

/** What the inputs ask of the first listed group (each input setting applies to every group alike). */
const firstGroup = (settings: Settings) => settings.desired.groups[0]!;
const testersOf = (settings: Settings) => firstGroup(settings).testers;

describe('readSettings defaults', () => {
  it('fills every default of the contract from the required inputs alone', () => {
    expect(read({})).toEqual({
      connection: {
        baseUrl: 'https://api.appstoreconnect.apple.com',
        keyId: 'ABC123',
        issuerId: null,
        privateKey: BASE['private-key']!,
      },
      target: {
        app: { bundleId: 'com.example.app' },
        platform: 'IOS',
        build: null,
        waits: { processingMinutes: 30, reviewMinutes: 0 },
      },
      desired: {
        groups: [
          {
            name: 'Beta',
            createAs: null,
            type: null,
            accessToAllBuilds: null,
            publicLink: null,
            publicLinkLimit: null,
            feedbackEnabled: null,
            testers: [],
            removeUnlistedTesters: false,
            receivesBuild: true,
            recruitment: null,
            absent: false,
            declaredAt: '`groups`',
          },
        ],
        usesNonExemptEncryption: null,
        whatToTest: [],
        submitForReview: 'auto',
        notifyTesters: false,
        testInformation: {
          locales: [],
          review: { contact: null, notes: null, demoAccount: null },
          licenseAgreement: null,
        },
        encryptionDeclaration: null,
        expiry: { keepBuilds: null, warningDays: 14 },
        hints: INPUT_HINTS,
      },
      dryRun: false,
      failOnDrift: false,
      declaredIn: "this step's inputs",
    } satisfies Settings);
    // The defaults that show only once their input is in play: group-type and what-to-test-locale.
    expect(firstGroup(read({ 'create-missing-groups': 'true' })).createAs).toBe('external');
    expect(read({ 'what-to-test': 'Try it.' }).desired.whatToTest).toEqual([
      { locale: 'en-US', text: 'Try it.' },
    ]);
    expect(read({ 'build-number': '42' }).target.build).toEqual({
      number: '42',
      marketingVersion: null,
    });
  });

  it('reads a drift check: fail-on-drift with dry-run, declared by the inputs', () => {
    expect(read({ 'fail-on-drift': 'true', 'dry-run': 'true' })).toMatchObject({
      dryRun: true,
      failOnDrift: true,
      declaredIn: "this step's inputs",
    });
  });

  it.each([
    ['auto', 'auto'],
    ['TRUE', 'always'],
    ['false', 'never'],
  ])('reads submit-for-review %j as the review policy %j', (value, policy) => {
    expect(read({ 'submit-for-review': value }).desired.submitForReview).toBe(policy);
  });

  it('gives every listed group the settings of the inputs', () => {
    const settings = read({
      groups: 'Beta\nQA',
      'create-missing-groups': 'true',
      'public-link': 'enabled',
      testers: 'a@example.com',
    });
    expect(settings.desired.groups).toEqual([
      expect.objectContaining({ name: 'Beta', createAs: 'external', publicLink: 'enabled' }),
      expect.objectContaining({ name: 'QA', createAs: 'external', publicLink: 'enabled' }),
    ]);
    expect(settings.desired.groups.map((g) => g.testers)).toEqual([
      [{ email: 'a@example.com' }],
      [{ email: 'a@example.com' }],
    ]);
  });

  it.each([
    ['macOS', 'MAC_OS'],
    ['tvos', 'TV_OS'],
    ['visionOS', 'VISION_OS'],
    ['mac-os', 'MAC_OS'],
    ['iOS', 'IOS'],
  ])('reads platform %j as %s', (platform, expected) => {
    expect(read({ platform }).target.platform).toBe(expected);
  });

  it.each([
    ['v1.2.0', '1.2.0'],
    ['V2', '2'],
    ['1.2.0', '1.2.0'],
    ['version-1', 'version-1'],
  ])('reads app-version %j (a release tag) as %j', (version, expected) => {
    expect(read({ 'build-number': '42', 'app-version': version }).target.build).toEqual({
      number: '42',
      marketingVersion: expected,
    });
  });

  it('reads every value when set', () => {
    const settings = read({
      'issuer-id': ' 57246542-96fe-1a63-e053-0824d011072a ',
      'bundle-id': '',
      'app-id': '1234567890',
      'build-number': '42',
      'app-version': '1.2.0',
      platform: 'mac_os',
      'wait-for-processing': '0',
      'uses-non-exempt-encryption': 'FALSE',
      'create-missing-groups': 'True',
      'group-type': 'Internal',
      'public-link': 'ENABLED',
      'public-link-limit': '10000',
      'feedback-enabled': 'false',
      'what-to-test': 'Try the new onboarding.',
      'what-to-test-locale': 'fr-FR',
      'submit-for-review': 'TRUE',
      'notify-testers': 'true',
      'dry-run': 'true',
      'api-base-url': 'http://127.0.0.1:8080/',
    });
    expect(settings).toMatchObject({
      connection: {
        issuerId: '57246542-96fe-1a63-e053-0824d011072a',
        baseUrl: 'http://127.0.0.1:8080',
      },
      target: {
        app: { appId: '1234567890' },
        build: { number: '42', marketingVersion: '1.2.0' },
        platform: 'MAC_OS',
        waits: { processingMinutes: 0 },
      },
      desired: {
        usesNonExemptEncryption: false,
        // create-missing-groups: True with group-type: Internal
        groups: [
          {
            createAs: 'internal',
            publicLink: 'enabled',
            publicLinkLimit: 10000,
            feedbackEnabled: false,
          },
        ],
        whatToTest: [{ locale: 'fr-FR', text: 'Try the new onboarding.' }],
        // submit-for-review: TRUE
        submitForReview: 'always',
        notifyTesters: true,
      },
      dryRun: true,
    });
  });

  it('accepts fractional minutes and a public-link-limit of 1', () => {
    expect(read({ 'wait-for-processing': '2.5' }).target.waits.processingMinutes).toBe(2.5);
    expect(firstGroup(read({ 'public-link-limit': '1' })).publicLinkLimit).toBe(1);
    expect(firstGroup(read({ 'public-link': 'disabled' })).publicLink).toBe('disabled');
  });

  it('accepts a 4000-character What to Test, counting an emoji as one character', () => {
    const textOf = (value: string) => read({ 'what-to-test': value }).desired.whatToTest[0]!.text;
    expect(textOf('a'.repeat(4000))).toHaveLength(4000);
    expect(textOf('🚀'.repeat(4000))).toBe('🚀'.repeat(4000));
  });
});

describe('groups', () => {
  it('splits on lines and commas, trims, drops blanks and merges duplicates in order', () => {
    const settings = read({ groups: 'Beta, QA\n\n  External Testers  \nBeta,,QA' });
    expect(settings.desired.groups.map((g) => g.name)).toEqual(['Beta', 'QA', 'External Testers']);
  });

  it('refuses an empty list', () => {
    expect(errorOf({ groups: ' \n , ' })).toBe(
      'Input `groups` is empty: list the beta group names, one per line or comma separated.',
    );
  });
});

describe('testers', () => {
  it('accepts every line form and lower-cases emails', () => {
    const testers = read({
      testers: [
        'Jane@Example.com',
        'John Ronald Tolkien <jrr@example.com>',
        'Ada <ada@example.com>',
        '<bare@example.com>',
        'kim@example.com, Kim, Lee',
        'lee@example.com,Lee',
        '',
      ].join('\n'),
    }).desired.groups[0]!.testers;
    expect(testers).toEqual([
      { email: 'jane@example.com' },
      { email: 'jrr@example.com', firstName: 'John', lastName: 'Ronald Tolkien' },
      { email: 'ada@example.com', firstName: 'Ada' },
      { email: 'bare@example.com' },
      { email: 'kim@example.com', firstName: 'Kim', lastName: 'Lee' },
      { email: 'lee@example.com', firstName: 'Lee' },
    ]);
  });

  it('reads a quoted display name, with a comma putting the last name first', () => {
    const testers = read({
      testers:
        '"Doe, Jane" <jane@example.com>\n"Ann Lee" <ann@example.com>\nvan Dyke, Dick <dick@example.com>',
    }).desired.groups[0]!.testers;
    expect(testers).toEqual([
      { email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' },
      { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' },
      { email: 'dick@example.com', firstName: 'Dick', lastName: 'van Dyke' },
    ]);
  });

  it('merges duplicates case-insensitively, keeping the first names given', () => {
    const testers = read({
      testers: 'jane@example.com\nJane Doe <JANE@example.com>\nJANE@EXAMPLE.COM,Janet,Smith',
    }).desired.groups[0]!.testers;
    expect(testers).toEqual([{ email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' }]);
  });

  it.each([
    [
      'jane@example.com\nnot-an-email',
      'Input `testers` line 2 (`not-an-email`) has `not-an-email`, which is not an email address: write one tester per line as `email`, `First Last <email>` or `email,First,Last`.',
    ],
    [
      'Jane <jane@example>',
      'Input `testers` line 1 (`Jane <jane@example>`) has `jane@example`, which is not an email address: write one tester per line as `email`, `First Last <email>` or `email,First,Last`.',
    ],
    [
      'Jane Doe <jane@example.com',
      'Input `testers` line 1 (`Jane Doe <jane@example.com`) has an unclosed `<`…`>` around the email: write one tester per line as `email`, `First Last <email>` or `email,First,Last`.',
    ],
    [
      'a@example.com,b@example.com',
      'Input `testers` line 1 (`a@example.com,b@example.com`) holds more than one email: write one tester per line as `email`, `First Last <email>` or `email,First,Last`.',
    ],
    [
      'a@example.com,A,B,C',
      'Input `testers` line 1 (`a@example.com,A,B,C`) has 4 comma-separated fields, at most 3: write one tester per line as `email`, `First Last <email>` or `email,First,Last`.',
    ],
    [
      ',Jane,Doe',
      'Input `testers` line 1 (`,Jane,Doe`) has no email: write one tester per line as `email`, `First Last <email>` or `email,First,Last`.',
    ],
    [
      'Jane Doe <>',
      'Input `testers` line 1 (`Jane Doe <>`) has no email: write one tester per line as `email`, `First Last <email>` or `email,First,Last`.',
    ],
  ])('refuses %j', (testers, message) => {
    expect(errorOf({ testers })).toBe(message);
  });
});

describe('testers-file', () => {
  it('reads a CSV with a header row, relative to the workspace, and merges it with `testers`', () => {
    const settings = read(
      {
        testers: 'Jane <jane@example.com>',
        'testers-file': 'config/testers.csv',
      },
      {
        '/ws/config/testers.csv':
          'email,firstName,lastName\r\nbob@example.com,Bob,Builder\r\n"JANE@example.com","Janet",""\r\n\r\n',
      },
    );
    expect(testersOf(settings)).toEqual([
      { email: 'jane@example.com', firstName: 'Jane' },
      { email: 'bob@example.com', firstName: 'Bob', lastName: 'Builder' },
    ]);
  });

  it('reads a CSV without a header row, and an absolute path as given', () => {
    const settings = read(
      { 'testers-file': '/abs/testers.txt' },
      { '/abs/testers.txt': 'bob@example.com\nann@example.com,Ann' },
    );
    expect(testersOf(settings)).toEqual([
      { email: 'bob@example.com' },
      { email: 'ann@example.com', firstName: 'Ann' },
    ]);
  });

  it('reads a JSON array, by extension or by content', () => {
    const json = JSON.stringify([
      { email: 'Bob@Example.com', firstName: 'Bob', lastName: null },
      { email: 'ann@example.com' },
    ]);
    const expected = [{ email: 'bob@example.com', firstName: 'Bob' }, { email: 'ann@example.com' }];
    expect(testersOf(read({ 'testers-file': 't.json' }, { '/ws/t.json': json }))).toEqual(expected);
    expect(testersOf(read({ 'testers-file': 't.data' }, { '/ws/t.data': json }))).toEqual(expected);
  });

  it('reads quoted CSV fields whole: commas and doubled quotes inside quotes', () => {
    const csv =
      '"email","firstName","lastName"\n"bob@example.com","Bob","Stone, Jr."\n"ann@example.com", "Ann ""Annie""" ,Lee\n';
    expect(testersOf(read({ 'testers-file': 't.csv' }, { '/ws/t.csv': csv }))).toEqual([
      { email: 'bob@example.com', firstName: 'Bob', lastName: 'Stone, Jr.' },
      { email: 'ann@example.com', firstName: 'Ann "Annie"', lastName: 'Lee' },
    ]);
  });

  it('follows a header row that names the columns in another order, ignoring other columns', () => {
    const csv =
      'First Name,Last Name,Email Address,Team\nBob,Stone,BOB@example.com,QA\nAnn,,ann@example.com\n';
    expect(testersOf(read({ 'testers-file': 't.csv' }, { '/ws/t.csv': csv }))).toEqual([
      { email: 'bob@example.com', firstName: 'Bob', lastName: 'Stone' },
      { email: 'ann@example.com', firstName: 'Ann' },
    ]);
  });

  it('reads CSV and JSON files that start with a byte order mark', () => {
    const files = {
      '/ws/t.csv': '\uFEFFemail,firstName\r\nbob@example.com,Bob\r\n',
      '/ws/t.json': '\uFEFF[{"email": "bob@example.com", "firstName": "Bob"}]\n',
    };
    for (const path of ['t.csv', 't.json']) {
      expect(testersOf(read({ 'testers-file': path }, files))).toEqual([
        { email: 'bob@example.com', firstName: 'Bob' },
      ]);
    }
  });

  it('refuses a missing file', () => {
    expect(errorOf({ 'testers-file': 'missing.csv' })).toBe(
      'Input `testers-file` names `missing.csv`, which could not be read (ENOENT): give a path relative to the workspace of a CSV or JSON file that the job checked out or created.',
    );
  });

  it.each([
    [
      't.csv',
      'email\nbob@example.com\nnope',
      'Input `testers-file` `t.csv` line 3 (`nope`) has `nope`, which is not an email address: write it as CSV rows of `email,firstName,lastName`, with an optional header row.',
    ],
    [
      't.csv',
      'bob@example.com,Bob,The,Builder',
      'Input `testers-file` `t.csv` line 1 (`bob@example.com,Bob,The,Builder`) has 4 fields, at most 3: write it as CSV rows of `email,firstName,lastName`, with an optional header row.',
    ],
    [
      't.json',
      '[{"email": "bob@example.com"},',
      expect.stringMatching(
        /^Input `testers-file` `t\.json` is not valid JSON \(.+\): write it as a JSON array of `\{"email": \.\.\., "firstName": \.\.\., "lastName": \.\.\.\}`\.$/,
      ),
    ],
    [
      't.json',
      '{"email": "bob@example.com"}',
      'Input `testers-file` `t.json` is JSON but not an array: write it as a JSON array of `{"email": ..., "firstName": ..., "lastName": ...}`.',
    ],
    [
      't.json',
      '[{"email": "bob@example.com"}, "ann@example.com"]',
      'Input `testers-file` `t.json` entry 2 is not an object: write it as a JSON array of `{"email": ..., "firstName": ..., "lastName": ...}`.',
    ],
    [
      't.json',
      '[{"firstName": "Bob"}]',
      'Input `testers-file` `t.json` entry 1 has no `email` string: write it as a JSON array of `{"email": ..., "firstName": ..., "lastName": ...}`.',
    ],
    [
      't.json',
      '[{"email": "bob@example.com", "lastName": 7}]',
      'Input `testers-file` `t.json` entry 1 has a `lastName` that is not a string: write it as a JSON array of `{"email": ..., "firstName": ..., "lastName": ...}`.',
    ],
    [
      't.json',
      '[{"email": "bob"}]',
      'Input `testers-file` `t.json` entry 1 (`bob`) has `bob`, which is not an email address: write it as a JSON array of `{"email": ..., "firstName": ..., "lastName": ...}`.',
    ],
    [
      't.csv',
      'bob@example.com,"Bob',
      'Input `testers-file` `t.csv` line 1 (`bob@example.com,"Bob`) has a quote `"` that is not closed: write it as CSV rows of `email,firstName,lastName`, with an optional header row.',
    ],
  ])('refuses a malformed %s: %j', (path, text, message) => {
    expect(errorOf({ 'testers-file': path }, { [`/ws/${path}`]: text })).toEqual(message);
  });
});

describe('one sentence for every bad value', () => {
  it.each<[Record<string, string>, string]>([
    [
      { config: '.github/testflight.yml' },
      'Input `config` is not supported by this version yet: declare the groups in `groups` and the testers in `testers` or `testers-file`, and leave `config` empty.',
    ],
    [
      { 'key-id': '' },
      'Input `key-id` is required but empty: set it to the ID of your App Store Connect API key.',
    ],
    [
      { 'private-key': '  ' },
      'Input `private-key` is required but empty: set it to the contents of the .p8 key file, ideally from a secret.',
    ],
    [
      { 'bundle-id': '' },
      'Neither `app-id` nor `bundle-id` is set: set one of them to name the app (for example `bundle-id: com.example.app`).',
    ],
    [
      { 'app-id': '123' },
      'Inputs `app-id` and `bundle-id` are both set: set only one of them to name the app.',
    ],
    [
      { 'bundle-id': '', 'app-id': 'com.example.app' },
      'Input `app-id` is `com.example.app`, which is not an App Store Connect app ID: use the numeric Apple ID shown under App Information, or set `bundle-id` instead.',
    ],
    [
      { platform: 'ANDROID' },
      'Input `platform` is `ANDROID`, which is not a platform App Store Connect knows: use one of IOS, MAC_OS, TV_OS, VISION_OS.',
    ],
    [
      { 'wait-for-processing': '-1' },
      'Input `wait-for-processing` is `-1`, which is not a number of minutes: use a non-negative number such as 30, or 0 not to wait.',
    ],
    [
      { 'wait-for-processing': '10m' },
      'Input `wait-for-processing` is `10m`, which is not a number of minutes: use a non-negative number such as 30, or 0 not to wait.',
    ],
    [
      { 'uses-non-exempt-encryption': 'no' },
      'Input `uses-non-exempt-encryption` is `no`, which is not a boolean: use `true` or `false`.',
    ],
    [
      { 'create-missing-groups': 'yes' },
      'Input `create-missing-groups` is `yes`, which is not a boolean: use `true` or `false`.',
    ],
    [
      { 'feedback-enabled': '1' },
      'Input `feedback-enabled` is `1`, which is not a boolean: use `true` or `false`.',
    ],
    [
      { 'remove-unlisted-testers': 'on' },
      'Input `remove-unlisted-testers` is `on`, which is not a boolean: use `true` or `false`.',
    ],
    [
      { 'notify-testers': 'y' },
      'Input `notify-testers` is `y`, which is not a boolean: use `true` or `false`.',
    ],
    [
      { 'dry-run': 'maybe' },
      'Input `dry-run` is `maybe`, which is not a boolean: use `true` or `false`.',
    ],
    [
      { 'fail-on-drift': 'always', 'dry-run': 'true' },
      'Input `fail-on-drift` is `always`, which is not a boolean: use `true` or `false`.',
    ],
    [
      { 'fail-on-drift': 'true' },
      'Input `fail-on-drift` is true but `dry-run` is false: a drift check reads and plans only, so set `dry-run: true` as well (or leave `fail-on-drift` false to apply the plan).',
    ],
    [
      { 'public-link': 'on' },
      "Input `public-link` is `on`, which is not allowed: use `enabled` or `disabled`, or leave it empty to keep the groups' links as they are.",
    ],
    [
      { 'public-link-limit': '0' },
      'Input `public-link-limit` is `0`, which is not a whole number from 1 to 10000: set the most testers the public link may admit, or leave it empty.',
    ],
    [
      { 'public-link-limit': '10001' },
      'Input `public-link-limit` is `10001`, which is not a whole number from 1 to 10000: set the most testers the public link may admit, or leave it empty.',
    ],
    [
      { 'public-link-limit': '2.5' },
      'Input `public-link-limit` is `2.5`, which is not a whole number from 1 to 10000: set the most testers the public link may admit, or leave it empty.',
    ],
    [
      { 'group-type': 'public' },
      'Input `group-type` is `public`, which is not allowed: use `external` or `internal`.',
    ],
    [
      { 'submit-for-review': 'always' },
      'Input `submit-for-review` is `always`, which is not allowed: use `auto` or `true` or `false`.',
    ],
    [
      { 'what-to-test': 'x'.repeat(4001) },
      "Input `what-to-test` is 4001 characters long, over App Store Connect's limit of 4000: shorten it.",
    ],
    [
      { 'what-to-test-locale': 'English' },
      'Input `what-to-test-locale` is `English`, which is not a locale: use a code such as `en-US` or `fr-FR`.',
    ],
    [
      { 'api-base-url': 'api.example.com' },
      'Input `api-base-url` is `api.example.com`, which is not an http(s) URL: use a URL such as https://api.appstoreconnect.apple.com, or leave it empty.',
    ],
    [
      { 'remove-unlisted-testers': 'true' },
      'Input `remove-unlisted-testers` is true but no testers are listed, which would empty the groups: list the testers to keep in `testers` or `testers-file`, or set it to false.',
    ],
  ])('%j', (inputs, message) => {
    expect(errorOf(inputs)).toBe(message);
  });

  it('accepts remove-unlisted-testers when testers are listed', () => {
    expect(
      firstGroup(read({ 'remove-unlisted-testers': 'TRUE', testers: 'a@example.com' }))
        .removeUnlistedTesters,
    ).toBe(true);
  });
});
