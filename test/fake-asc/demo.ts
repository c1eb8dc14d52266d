// The demo data set: one app with builds in every interesting state, internal and external groups, testers
// and complete Test Information; and a new app whose Test Information is still empty.
import { completeTestInformation } from './app-information.js';
import type {
  FakeApp,
  FakeBuild,
  FakeEncryptionDeclaration,
  FakeGroup,
  FakeState,
  FakeTester,
} from './types.js';

export const DEMO_APP_ID = '1234567890';
export const DEMO_BUNDLE_ID = 'com.example.demo';
/** An app with a build and an external group, but no Test Information: Beta App Review refuses it. */
export const DEMO_NEW_APP_ID = '1234567891';
export const DEMO_NEW_BUNDLE_ID = 'com.example.demo.new';

export interface DemoData {
  app: FakeApp;
  builds: Record<
    | 'expired'
    | 'approved'
    | 'ready'
    | 'missingCompliance'
    | 'processing'
    | 'uploading'
    | 'failed'
    | 'internalOnly',
    FakeBuild
  >;
  groups: Record<'allBuilds' | 'qa' | 'publicBeta' | 'friends', FakeGroup>;
  testers: FakeTester[];
  encryptionDeclaration: FakeEncryptionDeclaration;
  /** The app without Test Information, its build and its external group. */
  newApp: { app: FakeApp; build: FakeBuild; group: FakeGroup };
}

const MINUTE = 60_000;

export function seedDemo(state: FakeState): DemoData {
  const app = state.addApp({
    id: DEMO_APP_ID,
    bundleId: DEMO_BUNDLE_ID,
    name: 'Demo App',
    sku: 'DEMOAPP',
  });
  const appId = app.id;
  const builds = {
    expired: state.addBuild({ appId, version: '1', marketingVersion: '1.0.0', expired: true }),
    approved: state.addBuild({
      appId,
      version: '2',
      marketingVersion: '1.0.0',
      usesNonExemptEncryption: false,
    }),
    ready: state.addBuild({
      appId,
      version: '3',
      marketingVersion: '1.1.0',
      usesNonExemptEncryption: false,
      autoNotifyEnabled: false,
    }),
    missingCompliance: state.addBuild({
      appId,
      version: '4',
      marketingVersion: '1.1.0',
      usesNonExemptEncryption: null,
    }),
    processing: state.addBuild({
      appId,
      version: '5',
      marketingVersion: '1.2.0',
      processingMs: 15 * MINUTE,
    }),
    // Uploaded but not yet visible to the API for two minutes, then processing for ten.
    uploading: state.addBuild({
      appId,
      version: '6',
      marketingVersion: '1.2.0',
      appearsAfterMs: 2 * MINUTE,
      processingMs: 12 * MINUTE,
    }),
    failed: state.addBuild({
      appId,
      version: '7',
      marketingVersion: '1.2.0',
      finalState: 'FAILED',
    }),
    internalOnly: state.addBuild({
      appId,
      version: '8',
      marketingVersion: '1.2.0',
      audience: 'INTERNAL_ONLY',
    }),
  };
  for (const email of ['alice@example.com', 'bob@example.com']) state.addTeamMember(email);
  const groups = {
    allBuilds: state.addGroup({
      appId,
      name: 'App Store Connect Users',
      isInternal: true,
      hasAccessToAllBuilds: true,
    }),
    qa: state.addGroup({ appId, name: 'QA Team', isInternal: true, buildIds: [builds.ready.id] }),
    publicBeta: state.addGroup({
      appId,
      name: 'Public Beta',
      buildIds: [builds.approved.id],
      publicLinkEnabled: true,
      publicLinkLimitEnabled: true,
      publicLinkLimit: 500,
    }),
    friends: state.addGroup({ appId, name: 'Friends & Family' }),
  };
  state.addReviewSubmission({ buildId: builds.approved.id, state: 'APPROVED' });
  const testers = [
    state.addTester({
      email: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'Appleseed',
      groupIds: [groups.qa.id],
      state: 'INSTALLED',
    }),
    state.addTester({
      email: 'bob@example.com',
      firstName: 'Bob',
      lastName: 'Builder',
      groupIds: [groups.qa.id],
      state: 'ACCEPTED',
    }),
    state.addTester({
      email: 'carol@example.org',
      firstName: 'Carol',
      lastName: 'Tester',
      groupIds: [groups.publicBeta.id],
      inviteType: 'PUBLIC_LINK',
      state: 'INSTALLED',
    }),
    state.addTester({
      email: 'dave@example.net',
      firstName: 'Dave',
      lastName: 'Friend',
      groupIds: [groups.friends.id, groups.publicBeta.id],
    }),
  ];
  seedUsage(state, appId, testers, groups.publicBeta);
  state.addLocalization({
    buildId: builds.approved.id,
    locale: 'en-US',
    whatsNew: 'Try the new onboarding flow.',
  });
  state.setTestInformation(appId, {
    ...completeTestInformation('en-US'),
    licenseAgreement: 'Demo App beta: for testing only.',
  });
  const encryptionDeclaration = state.addEncryptionDeclaration({
    appId,
    platform: 'IOS',
    state: 'APPROVED',
    exempt: true,
  });
  builds.approved.encryptionDeclarationId = encryptionDeclaration.id;
  return { app, builds, groups, testers, encryptionDeclaration, newApp: seedNewApp(state) };
}

/** A month of testing: sessions, crashes and feedback over the last weeks, and the public link's visitors. */
function seedUsage(state: FakeState, appId: string, testers: FakeTester[], publicBeta: FakeGroup) {
  const [alice, bob, carol, dave] = testers;
  const daysAgo = (days: number) => state.now() - days * 24 * 3600 * 1000;
  const usage: [FakeTester | undefined, number, number, number, number][] = [
    [alice, 1, 6, 0, 1],
    [alice, 9, 4, 1, 0],
    [bob, 3, 2, 0, 0],
    [carol, 2, 9, 1, 2],
    [carol, 16, 5, 0, 1],
    [dave, 6, 3, 0, 0],
  ];
  for (const [tester, days, sessions, crashes, feedback] of usage) {
    if (!tester) continue;
    state.addTesterUsage({
      testerId: tester.id,
      appId,
      at: daysAgo(days),
      sessions,
      crashes,
      feedback,
    });
  }
  state.setPublicLinkUsage(publicBeta.id, {
    viewCount: 57,
    didNotAcceptCount: 9,
    didNotMeetCriteriaCount: 3,
    notInterestingRatio: 0.4,
    notRelevantRatio: 0.35,
    notClearRatio: 0.25,
  });
}

function seedNewApp(state: FakeState): DemoData['newApp'] {
  const app = state.addApp({
    id: DEMO_NEW_APP_ID,
    bundleId: DEMO_NEW_BUNDLE_ID,
    name: 'Demo App (new)',
    sku: 'DEMOAPPNEW',
  });
  const build = state.addBuild({ appId: app.id, version: '1', marketingVersion: '0.1.0' });
  const group = state.addGroup({ appId: app.id, name: 'Early Access' });
  return { app, build, group };
}
