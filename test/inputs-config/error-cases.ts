// Config files that must fail before any request, each with the sentence's start: the file, the line and the key.
// The inputs level checks them on readSettings; test/e2e/scenarios/config-errors.test.ts through dist/index.js.
export const CONFIG_FILE = '.github/testflight.yml';

export interface ConfigErrorCase {
  name: string;
  yaml: string;
  /** Inputs beyond the connection (and `config`). */
  inputs?: Record<string, string>;
  /** Other files in the workspace, by path relative to it. */
  files?: Record<string, string>;
  /** The start of the sentence (after the file's name) and something it must say. */
  expected: RegExp;
}

const GROUPS = 'groups:\n  - name: QA\n    type: internal\n  - name: Public Beta\n';

export const CONFIG_ERROR_CASES: ConfigErrorCase[] = [
  {
    name: 'a YAML syntax error',
    yaml: 'app: com.example.app\ngroups:\n  - name: QA\n    testers: [a@example.com\n',
    expected: /:\d+: the file is not valid YAML/,
  },
  {
    name: 'a key written twice in one mapping',
    yaml: 'app: com.example.app\ngroups:\n  - name: QA\n    name: Beta\n',
    expected: /:4: the file has a key written twice in one mapping/,
  },
  {
    name: 'an unknown key, with the nearest one suggested',
    yaml: `app: com.example.app\n${GROUPS}    pubic-link: { enabled: true }\n`,
    expected: /:6: groups\[1\]\.pubic-link is not a known key \(did you mean `public-link`\?\)/,
  },
  {
    name: 'an unknown key at the top, written in camelCase',
    yaml: `app: com.example.app\ntestInformation: {}\n${GROUPS}`,
    expected: /:2: testInformation is not a known key \(did you mean `test-information`\?\)/,
  },
  {
    name: 'a wrong type',
    yaml: `app: com.example.app\n${GROUPS}    feedback: yes please\n`,
    expected: /:6: groups\[1\]\.feedback must be `true` or `false`/,
  },
  {
    name: 'an out-of-range public link limit',
    yaml: `app: com.example.app\n${GROUPS}    public-link:\n      enabled: true\n      limit: 20000\n`,
    expected: /:8: groups\[1\]\.public-link\.limit must be between 1 and 10000/,
  },
  {
    name: 'a type that is neither internal nor external',
    yaml: 'app: com.example.app\ngroups:\n  - name: QA\n    type: team\n',
    expected: /:4: groups\[0\]\.type must be `internal` or `external`/,
  },
  {
    name: 'an unquoted OS version, which YAML reads as a number',
    yaml: `app: com.example.app\n${GROUPS}    recruitment: [{ device-family: IPHONE, minimum-os: 17.0 }]\n`,
    expected: /:6: groups\[1\]\.recruitment\[0\]\.minimum-os must be a version in quotes/,
  },
  {
    name: 'a group without a name',
    yaml: 'app: com.example.app\ngroups:\n  - name: QA\n  - type: external\n',
    expected: /:4: groups\[1\]\.name is missing/,
  },
  {
    name: 'a file without groups',
    yaml: 'app: com.example.app\n',
    expected: /:1: groups is missing/,
  },
  {
    name: 'duplicate group names',
    yaml: `app: com.example.app\n${GROUPS}  - name: QA\n`,
    expected: /:6: groups\[2\]\.name is "QA", the same as groups\[0\]\.name \(line 3\)/,
  },
  {
    name: 'names that differ only in letter case',
    yaml: `app: com.example.app\n${GROUPS}  - name: public beta\n`,
    expected:
      /:6: groups\[2\]\.name is "public beta", which differs from groups\[1\]\.name "Public Beta" \(line 5\) only in letter case/,
  },
  {
    name: 'a password in the file',
    yaml: `app: com.example.app\ntest-information:\n  review:\n    password: hunter2\n${GROUPS}`,
    expected: /:4: test-information\.review\.password looks like a secret.*`demo-account` input/,
  },
  {
    name: 'a demo account in the file',
    yaml: `app: com.example.app\ntest-information:\n  review: { demo-account: "reviewer:hunter2" }\n${GROUPS}`,
    expected: /:3: test-information\.review\.demo-account looks like a secret/,
  },
  {
    name: 'a testers file that does not exist',
    yaml: `app: com.example.app\n${GROUPS}    testers-file: .github/missing.csv\n`,
    expected:
      /:6: groups\[1\]\.testers-file names `\.github\/missing\.csv`, which could not be read \(ENOENT\)/,
  },
  {
    name: 'a testers file with a bad row',
    yaml: `app: com.example.app\n${GROUPS}    testers-file: testers.csv\n`,
    files: { 'testers.csv': 'ann@example.com\nnot-an-email\n' },
    expected:
      /:6: groups\[1\]\.testers-file `testers\.csv` line 2 \(`not-an-email`\) has `not-an-email`, which is not an email address/,
  },
  {
    name: 'a tester that is not an email',
    yaml: `app: com.example.app\n${GROUPS}    testers:\n      - ann@example.com\n      - Bob <bob-at-example>\n`,
    expected:
      /:8: groups\[1\]\.testers\[1\] `Bob <bob-at-example>` has `bob-at-example`, which is not an email address/,
  },
  {
    name: 'a setting that an internal group cannot have',
    yaml: 'app: com.example.app\ngroups:\n  - name: QA\n    type: internal\n    public-link: { enabled: true }\n',
    expected: /:5: groups\[0\]\.public-link applies only to external groups, and QA is internal/,
  },
  {
    name: 'an absent group with settings',
    yaml: `app: com.example.app\ngroups:\n  - name: Old Beta\n    absent: true\n    testers: [ann@example.com]\n`,
    expected:
      /:5: groups\[0\]\.testers says how to keep group Old Beta, which `absent: true` deletes/,
  },
  {
    name: 'a review contact that is not `First Last <email> +phone`',
    yaml: `app: com.example.app\ntest-information:\n  review: { contact: "Jane <jane-at-example> +1 555 0100" }\n${GROUPS}`,
    expected: /:3: test-information\.review\.contact has `jane-at-example` where the email goes/,
  },
  {
    name: 'a locale that is not a locale code',
    yaml: `app: com.example.app\nwhat-to-test:\n  english: Try it.\n${GROUPS}`,
    expected: /:3: what-to-test\.english must be a locale code/,
  },
  {
    name: 'What to Test in the file and in the input',
    yaml: `app: com.example.app\nwhat-to-test: Try it.\n${GROUPS}`,
    inputs: { 'what-to-test': 'Try this instead.' },
    expected:
      /^Input `what-to-test` and `what-to-test` at \.github\/testflight\.yml:2 both set What to Test/,
  },
  {
    name: 'groups in the input and the file',
    yaml: `app: com.example.app\n${GROUPS}`,
    inputs: { groups: 'Beta' },
    expected:
      /^Input `groups` is set, but with `config` the groups and their settings come from \.github\/testflight\.yml alone/,
  },
  {
    name: 'an app input that names another app than the file',
    yaml: `app: com.example.app\n${GROUPS}`,
    inputs: { 'bundle-id': 'com.example.other' },
    expected:
      /^Input `bundle-id` is `com\.example\.other`, but `app` at \.github\/testflight\.yml:1 is `com\.example\.app`/,
  },
  {
    name: 'removing unlisted testers from a group that lists none',
    yaml: `app: com.example.app\ndefaults:\n  remove-unlisted-testers: true\n${GROUPS}`,
    expected:
      /:3: defaults\.remove-unlisted-testers would remove every member of groups\[0\] \(QA\), which lists no testers/,
  },
  {
    name: 'a group input beside the file',
    yaml: `app: com.example.app\n${GROUPS}`,
    inputs: { 'create-missing-groups': 'true' },
    expected:
      /^Input `create-missing-groups` is set, but with `config` the groups .* write `create: true` per group or in `defaults`/,
  },
  {
    name: 'a beta description in the input and the file',
    yaml: `app: com.example.app\ntest-information:\n  locales:\n    en-US: { description: A beta. }\n${GROUPS}`,
    inputs: { 'beta-description': 'Another beta.' },
    expected:
      /^Input `beta-description` and `test-information\.locales\.en-US\.description` at \.github\/testflight\.yml:4 both set the beta app description/,
  },
  {
    name: 'a review contact in the input and the file',
    yaml: `app: com.example.app\ntest-information:\n  review:\n    contact: Jane Appleseed <jane@example.com>\n${GROUPS}`,
    inputs: { 'review-contact': 'Bob Builder <bob@example.com>' },
    expected:
      /^Input `review-contact` and `test-information\.review\.contact` at \.github\/testflight\.yml:4 both set the Beta App Review contact/,
  },
  {
    name: 'an app ID input beside a bundle ID in the file',
    yaml: `app: com.example.app\n${GROUPS}`,
    inputs: { 'app-id': '1600000001' },
    expected:
      /^Input `app-id` is `1600000001`, but `app` at \.github\/testflight\.yml:1 is `com\.example\.app` \(one a bundle ID, the other an app ID/,
  },
  {
    name: 'export-config beside config',
    yaml: `app: com.example.app\n${GROUPS}`,
    inputs: { 'export-config': 'exported.yml' },
    expected: /^Inputs `export-config` and `config` are both set/,
  },
];
