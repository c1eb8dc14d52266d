// The benchmark's seeded worlds and the action inputs that go with them. Deterministic: the same seeding
// gives the same records (IDs aside) and the same inputs every time.
import { readFileSync } from 'node:fs';
import { completeTestInformation } from '../test/fake-asc/index.js';
import type { FakeState } from '../test/fake-asc/types.js';
import type { TestKey } from '../test/helpers/keys.js';

export const BUNDLE_ID = 'com.example.bench';
const BUILD_NUMBER = '100';

/** What one run of the action gets: its inputs and the files it finds in its workspace. */
export interface ActionCall {
  inputs: Record<string, string>;
  files?: Record<string, string>;
}

export function connectionInputs(key: TestKey, url: string): Record<string, string> {
  return {
    'key-id': key.kid,
    'issuer-id': key.issuerId ?? '',
    'private-key': key.pem,
    'api-base-url': url,
  };
}

function reviewableApp(state: FakeState): string {
  const app = state.addApp({ bundleId: BUNDLE_ID, name: 'Bench' });
  state.setTestInformation(app.id, completeTestInformation());
  return app.id;
}

export const FIRST_DISTRIBUTION = {
  groups: ['Beta 1', 'Beta 2', 'Beta 3'],
  /** Already in every group / known to the app but in none / unknown to App Store Connect. */
  inAllGroups: 20,
  knownToApp: 20,
  newTesters: 20,
} as const;

/**
 * S1: a processed build (export compliance set) in no group yet, 3 existing external groups, 60 listed testers:
 * 20 in every group, 20 known to the app only, 20 new. What to Test is given and review follows (`auto`).
 */
export function seedFirstDistribution(state: FakeState): { appId: string; emails: string[] } {
  const appId = reviewableApp(state);
  state.addBuild({ appId, version: BUILD_NUMBER, marketingVersion: '3.0.0' });
  const groupIds = FIRST_DISTRIBUTION.groups.map((name) => state.addGroup({ appId, name }).id);
  const emails: string[] = [];
  for (let i = 0; i < FIRST_DISTRIBUTION.inAllGroups; i++) {
    const email = `member${i}@example.com`;
    state.addTester({ email, appIds: [appId], groupIds });
    emails.push(email);
  }
  for (let i = 0; i < FIRST_DISTRIBUTION.knownToApp; i++) {
    const email = `known${i}@example.com`;
    state.addTester({ email, appIds: [appId] });
    emails.push(email);
  }
  for (let i = 0; i < FIRST_DISTRIBUTION.newTesters; i++) emails.push(`new${i}@example.com`);
  return { appId, emails };
}

export function firstDistributionCall(
  app: { 'app-id': string } | { 'bundle-id': string },
  emails: readonly string[],
): ActionCall {
  return {
    inputs: {
      ...app,
      'build-number': BUILD_NUMBER,
      groups: FIRST_DISTRIBUTION.groups.join('\n'),
      testers: emails.join('\n'),
      'what-to-test': 'Benchmark build: try the new onboarding.',
    },
  };
}

export const LARGE_GROUP = {
  group: 'Public Beta',
  listed: 9_000,
  alreadyMembers: 4_500,
  /** S3 with remove-unlisted-testers: members of the group the list leaves out. */
  unlistedMembers: 1_000,
} as const;

/**
 * S3: one external group, 9,000 testers known to the app and listed in a testers-file, 4,500 of them already
 * in the group; with `unlistedMembers`, that many more members whom the list leaves out. No build.
 */
export function seedLargeGroup(
  state: FakeState,
  unlistedMembers: number,
): { appId: string; call: ActionCall } {
  const appId = reviewableApp(state);
  const groupId = state.addGroup({ appId, name: LARGE_GROUP.group }).id;
  const rows = ['email,firstName,lastName'];
  for (let i = 0; i < LARGE_GROUP.listed; i++) {
    const email = `tester${i}@example.com`;
    const member = i < LARGE_GROUP.alreadyMembers;
    state.addTester({ email, appIds: [appId], groupIds: member ? [groupId] : [] });
    rows.push(`${email},Tester,${i}`);
  }
  for (let i = 0; i < unlistedMembers; i++) {
    state.addTester({ email: `unlisted${i}@example.com`, appIds: [appId], groupIds: [groupId] });
  }
  const inputs: Record<string, string> = {
    'app-id': appId,
    groups: LARGE_GROUP.group,
    'testers-file': 'testers.csv',
  };
  if (unlistedMembers > 0) inputs['remove-unlisted-testers'] = 'true';
  return { appId, call: { inputs, files: { 'testers.csv': rows.join('\n') + '\n' } } };
}

/** S4: the smallest run that reaches App Store Connect: one group, nothing to change. */
export function seedStartUp(state: FakeState): ActionCall {
  const appId = reviewableApp(state);
  state.addGroup({ appId, name: 'QA' });
  return { inputs: { 'app-id': appId, groups: 'QA' } };
}

export const CONFIG_EXAMPLE = {
  /** The README's example names the app by this bundle ID. */
  bundleId: 'com.example.app',
  /** New testers in the external group's testers-file; the internal group lists its 2 team members inline. */
  csvTesters: 20,
  internalTesters: 2,
  whatToTestLocales: 2,
} as const;

/** The README's config file example, as written there (the YAML block that starts with its $schema line). */
function readmeConfigExample(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.startsWith('# yaml-language-server: $schema='));
  if (!block) throw new Error('README.md has no config file example');
  return block;
}

/**
 * S5: the README's config file example applied to an app that has none of it yet: a processed build, the two
 * team members of the internal group, the group the file declares absent, and 20 new testers in the external
 * group's testers-file. The app is named by the file (its bundle ID).
 */
export function seedConfigExample(state: FakeState): ActionCall {
  const app = state.addApp({ bundleId: CONFIG_EXAMPLE.bundleId, name: 'Example' });
  state.addBuild({ appId: app.id, version: BUILD_NUMBER, marketingVersion: '3.1.0' });
  state.addGroup({ appId: app.id, name: 'Old Beta' });
  state.addTeamMember('jane@example.com');
  state.addTeamMember('bob@example.com');
  const rows = ['email,firstName,lastName'];
  for (let i = 0; i < CONFIG_EXAMPLE.csvTesters; i++) rows.push(`beta${i}@example.com,Beta,${i}`);
  return {
    inputs: { 'build-number': BUILD_NUMBER, config: '.github/testflight.yml' },
    files: {
      '.github/testflight.yml': readmeConfigExample(),
      '.github/beta-testers.csv': rows.join('\n') + '\n',
    },
  };
}
