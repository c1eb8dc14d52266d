// The config file read into the desired state: every key of DESIGN's example, defaults inherited, where each
// group is declared, the file's words in the reconcile's hints.
import { describe, expect, it } from 'vitest';
import { read } from '../helpers/inputs.js';

export const FILE = '.github/testflight.yml';
const withFile = (
  yaml: string,
  inputs: Record<string, string> = {},
  files: Record<string, string> = {},
) =>
  read(
    { groups: '', 'bundle-id': '', config: FILE, ...inputs },
    { [`/ws/${FILE}`]: yaml, ...files },
  );

const EXAMPLE = `app: com.example.app
defaults: { create: false, feedback: true, remove-unlisted-testers: false }
test-information:
  locales: { en-US: { description: A beta of Example, feedback-email: beta@example.com, marketing-url: "https://example.com", privacy-policy-url: "https://example.com/privacy" } }
  review: { contact: "Jane Appleseed <jane@example.com> +1 555 0100", notes: Sign in with the demo account. }
  license-agreement: Be nice.
what-to-test: { en-US: Try the new flow., de-DE: Probier den neuen Ablauf. }
groups:
  - name: QA
    type: internal
    access-to-all-builds: false
    testers: [jane@example.com, "Bob Builder <bob@example.com>"]
  - name: Public Beta
    create: true
    public-link: { enabled: true, limit: 1000 }
    recruitment: [{ device-family: IPHONE, minimum-os: "17.0" }]
    testers-file: .github/beta-testers.csv
    remove-unlisted-testers: true
    build: true
  - name: Old Beta
    absent: true
`;
const CSV = 'email,firstName,lastName\nann@example.com,Ann,Lee\nbob@example.com\n';

describe('a config file read into the desired state', () => {
  const settings = withFile(EXAMPLE, {}, { '/ws/.github/beta-testers.csv': CSV });

  it('names the app by the file, and takes each group with its settings and where it is declared', () => {
    expect(settings.target.app).toEqual({ bundleId: 'com.example.app' });
    expect(settings.desired.groups).toEqual([
      {
        name: 'QA',
        createAs: null,
        type: 'internal',
        accessToAllBuilds: false,
        // defaults.feedback is for external groups: an internal one does not inherit it.
        publicLink: null,
        publicLinkLimit: null,
        feedbackEnabled: null,
        testers: [
          { email: 'jane@example.com' },
          { email: 'bob@example.com', firstName: 'Bob', lastName: 'Builder' },
        ],
        removeUnlistedTesters: false,
        receivesBuild: true,
        recruitment: null,
        absent: false,
        declaredAt: `${FILE}:9`,
      },
      {
        name: 'Public Beta',
        createAs: 'external',
        type: 'external',
        accessToAllBuilds: null,
        publicLink: 'enabled',
        publicLinkLimit: 1000,
        feedbackEnabled: true,
        testers: [
          { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' },
          { email: 'bob@example.com' },
        ],
        removeUnlistedTesters: true,
        receivesBuild: true,
        recruitment: [{ deviceFamily: 'IPHONE', minimumOs: '17.0', maximumOs: null }],
        absent: false,
        declaredAt: `${FILE}:13`,
      },
      expect.objectContaining({ name: 'Old Beta', absent: true, declaredAt: `${FILE}:20` }),
    ]);
  });

  it('takes What to Test per locale and the Test Information without a demo account', () => {
    expect(settings.desired.whatToTest).toEqual([
      { locale: 'en-US', text: 'Try the new flow.', declaredAt: `${FILE}:7` },
      { locale: 'de-DE', text: 'Probier den neuen Ablauf.', declaredAt: `${FILE}:7` },
    ]);
    expect(settings.desired.testInformation).toEqual({
      locales: [
        {
          locale: 'en-US',
          declaredAt: `${FILE}:4`,
          description: 'A beta of Example',
          feedbackEmail: 'beta@example.com',
          marketingUrl: 'https://example.com',
          privacyPolicyUrl: 'https://example.com/privacy',
        },
      ],
      review: {
        contact: {
          firstName: 'Jane',
          lastName: 'Appleseed',
          email: 'jane@example.com',
          phone: '+1 555 0100',
        },
        notes: 'Sign in with the demo account.',
        demoAccount: null,
      },
      licenseAgreement: 'Be nice.',
    });
  });

  it("words the reconcile's hints for the file", () => {
    expect(settings.desired.hints.createGroups).toBe(
      `set \`create: true\` for them (or in \`defaults\`) in ${FILE}`,
    );
    expect(settings.desired.hints.app).toContain(`\`app\` in ${FILE}`);
    // The app named by an input keeps the input's word.
    const byInput = withFile(
      EXAMPLE.replace('app: com.example.app\n', ''),
      { 'app-id': '1234' },
      { '/ws/.github/beta-testers.csv': CSV },
    );
    expect(byInput.target.app).toEqual({ appId: '1234' });
    expect(byInput.desired.hints.app).toMatch(/^`app-id`/);
  });

  it('reads a What to Test string as the primary locale, and a numeric app as its ID', () => {
    const s = withFile('app: 1600000001\nwhat-to-test: Try it.\ngroups: [{ name: Beta }]\n');
    expect(s.target.app).toEqual({ appId: '1600000001' });
    expect(s.desired.whatToTest).toEqual([
      { locale: null, text: 'Try it.', declaredAt: `${FILE}:2` },
    ]);
    expect(s.desired.groups[0]).toMatchObject({
      type: 'external',
      createAs: null,
      receivesBuild: true,
      removeUnlistedTesters: false,
    });
  });

  it('lets a group override a default, deep within public-link, and defaults reach only their type', () => {
    const s = withFile(`app: com.example.app
defaults: { create: true, type: internal, access-to-all-builds: true, public-link: { limit: 50 }, build: false }
groups:
  - { name: Team }
  - { name: Outside, type: external, public-link: { enabled: true }, build: true }
`);
    expect(s.desired.groups).toEqual([
      expect.objectContaining({
        name: 'Team',
        type: 'internal',
        createAs: 'internal',
        accessToAllBuilds: true,
        publicLinkLimit: null,
        receivesBuild: false,
      }),
      expect.objectContaining({
        name: 'Outside',
        type: 'external',
        createAs: 'external',
        accessToAllBuilds: null,
        publicLink: 'enabled',
        publicLinkLimit: 50,
        receivesBuild: true,
      }),
    ]);
  });

  it('takes the rest of the run from the inputs: build, waits, review policy, the demo account', () => {
    const s = withFile('app: com.example.app\ngroups: [{ name: Beta }]\n', {
      'build-number': '42',
      'submit-for-review': 'false',
      'demo-account': 'reviewer:pw',
      'beta-description': 'From the input',
    });
    expect(s.target.build).toEqual({ number: '42', marketingVersion: null });
    expect(s.desired.submitForReview).toBe('never');
    expect(s.desired.testInformation.review.demoAccount).toEqual({
      name: 'reviewer',
      password: 'pw',
    });
    expect(s.desired.testInformation.locales).toEqual([
      expect.objectContaining({ locale: null, description: 'From the input' }),
    ]);
  });

  it('reads a path relative to the workspace, or absolute', () => {
    const absolute = read(
      { groups: '', config: '/etc/tf.yml' },
      { '/etc/tf.yml': 'groups: [{ name: Beta }]\n' },
    );
    expect(absolute.desired.groups.map((g) => g.name)).toEqual(['Beta']);
    expect(absolute.desired.groups[0]!.declaredAt).toBe('/etc/tf.yml:1');
  });
});
