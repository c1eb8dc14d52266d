// The fault matrix's read worlds: each a scenario (a reconcile, export-config's read, the summary's metrics)
// seeded in the fake, in which the read rows (read-rows.ts) occur.
import type { DesiredState, ReconcileTarget } from '../../src/reconcile/index.js';
import { desiredGroup, desiredState } from '../helpers/factories.js';
import { completeTestInformation } from '../fake-asc/index.js';
import type { FakeAsc } from '../fake-asc/types.js';
import { seedWorld, type FaultWorld } from './fault-world.js';

const DAY = 86400_000;

export type ReadWorldName =
  | 'first-distribution'
  | 'past-the-caps'
  | 'processing-and-review'
  | 'large-app'
  | 'export'
  | 'metrics';

export interface ReadWorld extends Pick<FaultWorld, 'mayDelete' | 'mayExpire' | 'mayUnlink'> {
  /** reconcile: the run; export: readSnapshot; metrics: a clean run, then readGroupMetrics of its groups. */
  scenario: 'reconcile' | 'export' | 'metrics';
  target: ReconcileTarget;
  desired: DesiredState;
}

export function seedReadWorld(fake: FakeAsc, name: ReadWorldName): ReadWorld {
  switch (name) {
    case 'first-distribution':
      return { scenario: 'reconcile', target: target(), ...seedWorld(fake, name) };
    case 'past-the-caps':
      return pastTheCaps(fake);
    case 'processing-and-review':
      return processingAndReview(fake);
    case 'large-app':
      return largeApp(fake);
    case 'export':
      return exported(fake);
    case 'metrics':
      return metrics(fake);
  }
}

function target(overrides: Partial<ReconcileTarget> = {}): ReconcileTarget {
  return {
    app: { bundleId: 'com.example.app' },
    platform: 'IOS',
    build: { number: '42', marketingVersion: null },
    waits: { processingMinutes: 30, reviewMinutes: 0 },
    ...overrides,
  };
}

const nothingRemoved = () => ({
  mayDelete: new Set<string>(),
  mayExpire: new Set<string>(),
  mayUnlink: new Set<string>(),
});

/**
 * Past every include's cap of 50: the app's groups and encryption declarations, the build's groups and What to
 * Test locales, a tester's groups; and a public link asked on a group the run gives no build (it holds an older one). App by ID.
 */
function pastTheCaps(fake: FakeAsc): ReadWorld {
  const st = fake.state;
  const app = st.addApp({ bundleId: 'com.example.app', name: 'Example' });
  const build = st.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: st.now() - DAY,
  });
  for (let i = 0; i < 51; i++) st.addEncryptionDeclaration({ appId: app.id });
  for (let i = 0; i < 51; i++) {
    st.addLocalization({
      buildId: build.id,
      locale: `x-${String(i).padStart(2, '0')}`,
      whatsNew: 'Older notes.',
    });
  }
  const wide = st.addTester({ email: 'wide@example.com', appIds: [app.id] });
  for (let i = 1; i <= 51; i++) {
    st.addGroup({
      appId: app.id,
      name: `G${String(i).padStart(2, '0')}`,
      buildIds: [build.id],
      testerIds: [wide.id],
    });
  }
  const older = st.addBuild({
    appId: app.id,
    version: '41',
    marketingVersion: '1.1.0',
    uploadedAt: st.now() - 2 * DAY,
  });
  st.addGroup({ appId: app.id, name: 'Linkless', buildIds: [older.id] });
  return {
    scenario: 'reconcile',
    target: target({ app: { appId: app.id } }),
    desired: desiredState({
      groups: [
        desiredGroup('G01', {
          testers: [{ email: 'wide@example.com' }, { email: 'new@example.com' }],
        }),
        desiredGroup('Linkless', { receivesBuild: false, publicLink: 'enabled' }),
      ],
      whatToTest: [{ locale: null, text: 'Try the new onboarding.' }],
      submitForReview: 'never',
    }),
    ...nothingRemoved(),
  };
}

/**
 * A build still processing when the run starts, then a review the run waits for (it stays waiting); the group's
 * recruitment criteria are already as declared.
 */
function processingAndReview(fake: FakeAsc): ReadWorld {
  const st = fake.state;
  const app = st.addApp({ bundleId: 'com.example.app', name: 'Example' });
  st.setTestInformation(app.id, completeTestInformation());
  st.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: st.now(),
    processingMs: 10 * 60_000,
  });
  const beta = st.addGroup({ appId: app.id, name: 'Beta' });
  // Criteria on an existing group, as declared: with a bundle ID only they make the run read every group's.
  st.recruitmentCriteria.set('c-beta', {
    id: 'c-beta',
    groupId: beta.id,
    deviceFamilyOsVersionFilters: [{ deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' }],
    modifiedAt: 0,
  });
  const recruitment = [{ deviceFamily: 'IPHONE' as const, minimumOs: '17.0', maximumOs: null }];
  return {
    scenario: 'reconcile',
    target: target({ waits: { processingMinutes: 30, reviewMinutes: 5 } }),
    desired: desiredState({
      groups: [desiredGroup('Beta', { recruitment })],
      submitForReview: 'auto',
    }),
    ...nothingRemoved(),
  };
}

/** 401 testers: the listed ones are looked up by email; one goes to an internal group (the team is asked). */
function largeApp(fake: FakeAsc): ReadWorld {
  const st = fake.state;
  const app = st.addApp({ bundleId: 'com.example.app', name: 'Example' });
  st.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: st.now() - DAY,
  });
  const beta = st.addGroup({ appId: app.id, name: 'Beta' });
  st.addGroup({ appId: app.id, name: 'QA', isInternal: true, hasAccessToAllBuilds: true });
  for (let i = 0; i < 401; i++) {
    st.addTester({ email: `t${i}@example.com`, appIds: [app.id], groupIds: [beta.id] });
  }
  st.addTeamMember('dev@example.com');
  return {
    scenario: 'reconcile',
    target: target(),
    desired: desiredState({
      groups: [
        desiredGroup('QA', { testers: [{ email: 'dev@example.com' }] }),
        desiredGroup('Beta'),
      ],
      submitForReview: 'never',
    }),
    ...nothingRemoved(),
  };
}

/** export-config's reads: the app, every group's criteria and members. */
function exported(fake: FakeAsc): ReadWorld {
  const world = metrics(fake);
  return { ...world, scenario: 'export' };
}

/** A group with a public link whose members the run does not read (it manages no testers): all three metrics. */
function metrics(fake: FakeAsc): ReadWorld {
  const st = fake.state;
  const app = st.addApp({ bundleId: 'com.example.app', name: 'Example' });
  const build = st.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: st.now() - DAY,
  });
  const tester = st.addTester({ email: 'joined@example.com', appIds: [app.id] });
  st.addGroup({
    appId: app.id,
    name: 'Beta',
    buildIds: [build.id],
    testerIds: [tester.id],
    publicLinkEnabled: true,
  });
  return {
    scenario: 'metrics',
    target: target(),
    desired: desiredState({ groups: [desiredGroup('Beta')], submitForReview: 'never' }),
    ...nothingRemoved(),
  };
}
