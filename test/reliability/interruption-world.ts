// The world the interruption and budget trials run the action in: a first distribution of build 100 of an app
// that never had an external release, declared in a config file (Test Information, What to Test in two locales,
// an internal and an external group created with their testers, a public link, recruitment criteria, an existing
// group) with a demo account, the app's approved encryption declaration for a build without export compliance,
// Beta App Review and `keep-builds: 2` (two older builds to expire): every operation kind a release makes. Every trial seeds a fresh
// fake the same way, and compares the fake's state by names, never by generated IDs.
import { expect } from 'vitest';
import { startFakeAsc, type FakeAsc, type FakeAscOptions } from '../fake-asc/index.js';
import type { RequestLogEntry } from '../fake-asc/types.js';
import { DEMO_ACCOUNT_INPUT } from '../e2e/fixtures.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import { makeTestKey } from '../helpers/keys.js';

const key = makeTestKey('INTRKEY123');
/** The key the step uses, as the fake counts its hourly budget. */
export const WORLD_KID = key.kid;
const APP_ID = '1600000090';
const DAY = 86400_000;

const CONFIG_FILE = `app: com.example.interrupted
test-information:
  locales:
    en-US:
      description: A beta of Interrupted, for testers outside the team.
      feedback-email: beta@example.com
  review:
    contact: Jane Appleseed <jane@example.com> +1 555 0100
    notes: Sign in with the demo account.
what-to-test:
  en-US: New onboarding flow; please try signing up.
  de-DE: Neuer Einstieg; bitte probiert die Anmeldung aus.
groups:
  - name: QA
    type: internal
    create: true
    testers: [jane@example.com, 'Bob Builder <bob@example.com>']
  - name: Public Beta
    create: true
    public-link: { enabled: true, limit: 1000 }
    recruitment: [{ device-family: IPHONE, minimum-os: '17.0' }]
    testers: ['Ann Lee <ann@example.com>', carl@example.com, 'Dave Roe <dave@example.com>']
  - name: Friends
    testers: [carl@example.com, erin@example.com]
`;

/** A fresh fake with the world seeded, started with `options` (the answer hooks a trial kills the run in). */
export async function startInterruptionWorld(
  options: Omit<Partial<FakeAscOptions>, 'keys'> = {},
): Promise<FakeAsc> {
  const fake = await startFakeAsc({
    ...options,
    keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey }],
  });
  const { state } = fake;
  state.addApp({ id: APP_ID, bundleId: 'com.example.interrupted', name: 'Interrupted' });
  // Apple's dates have whole seconds.
  const now = Math.floor(state.now() / 1000) * 1000;
  state.addBuild({
    appId: APP_ID,
    version: '100',
    marketingVersion: '3.1.0',
    uploadedAt: now - 3600_000,
    usesNonExemptEncryption: null,
  });
  state.addEncryptionDeclaration({ appId: APP_ID });
  for (const [i, version] of ['99', '98', '97'].entries()) {
    state.addBuild({
      appId: APP_ID,
      version,
      marketingVersion: '3.0.0',
      uploadedAt: now - (i + 1) * DAY,
    });
  }
  state.addTeamMember('jane@example.com');
  state.addTeamMember('bob@example.com');
  const friends = state.addGroup({ appId: APP_ID, name: 'Friends' });
  state.addTester({ email: 'carl@example.com', appIds: [APP_ID], groupIds: [friends.id] });
  return fake;
}

/** The inputs of the step, with the API at `url`; the config file is CONFIG_FILE at `.github/testflight.yml`. */
export const interruptionInputs = (url: string): Record<string, string> => ({
  'key-id': key.kid,
  'issuer-id': key.issuerId!,
  'private-key': key.pem,
  'build-number': '100',
  'wait-for-processing': '0',
  config: '.github/testflight.yml',
  'keep-builds': '2',
  'encryption-declaration': 'auto',
  'demo-account': DEMO_ACCOUNT_INPUT,
  'api-base-url': url,
});

export const interruptionFiles = { '.github/testflight.yml': CONFIG_FILE };

const byKey = <T>(items: T[], keyOf: (item: T) => string): T[] =>
  items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

/** The fake's TestFlight state for the app, by names: what an interrupted and resumed run must end with. */
export function stateByName(fake: FakeAsc) {
  const { state } = fake;
  const buildNumber = (id: string) => state.builds.get(id)?.version ?? `unknown build ${id}`;
  const email = (id: string) => state.testers.get(id)?.email ?? `unknown tester ${id}`;
  const groupName = (id: string) => state.groups.get(id)?.name ?? `unknown group ${id}`;
  const ofApp = <T extends { appId: string }>(map: Map<string, T>) =>
    [...map.values()].filter((r) => r.appId === APP_ID);
  const reviewDetail = { ...state.reviewDetails.get(APP_ID)! } as Partial<{ id: string }>;
  delete reviewDetail.id;
  return {
    groups: byKey(
      ofApp(state.groups).map((g) => ({
        name: g.name,
        isInternal: g.isInternal,
        hasAccessToAllBuilds: g.hasAccessToAllBuilds,
        publicLinkEnabled: g.publicLinkEnabled,
        publicLinkLimitEnabled: g.publicLinkLimitEnabled,
        publicLinkLimit: g.publicLinkLimit,
        feedbackEnabled: g.feedbackEnabled,
        testers: [...g.testerIds].map(email).sort(),
        builds: [...g.buildIds].map(buildNumber).sort(),
      })),
      (g) => g.name,
    ),
    testers: byKey(
      [...state.testers.values()].map((t) => ({
        email: t.email,
        firstName: t.firstName,
        lastName: t.lastName,
        apps: [...t.appIds].sort(),
      })),
      (t) => t.email,
    ),
    testInformation: byKey(
      ofApp(state.betaAppLocalizations).map(({ id: _, ...l }) => l),
      (l) => l.locale,
    ),
    reviewDetail,
    whatToTest: byKey(
      [...state.localizations.values()].map((l) => ({
        build: buildNumber(l.buildId),
        locale: l.locale,
        whatsNew: l.whatsNew,
      })),
      (l) => `${l.build} ${l.locale}`,
    ),
    reviewSubmissions: [...state.reviewSubmissions.values()].map((s) => ({
      build: buildNumber(s.buildId),
      state: s.state,
    })),
    recruitment: byKey(
      [...state.recruitmentCriteria.values()].map((c) => ({
        group: groupName(c.groupId),
        filters: c.deviceFamilyOsVersionFilters,
      })),
      (c) => c.group,
    ),
    builds: byKey(
      ofApp(state.builds).map((b) => ({
        build: b.version,
        expired: b.expired,
        usesNonExemptEncryption: b.usesNonExemptEncryption,
        encryptionDeclared: b.encryptionDeclarationId !== null,
      })),
      (b) => b.build,
    ),
  };
}

export function expectSucceeded(run: ActionRun, what: string): void {
  if (run.code !== 0) throw new Error(`${what} failed:\n${run.stdout}\n${run.stderr}`);
  expect(run.stderr, what).toBe('');
}

/** A request as the trials name it: generated IDs left out, so the names are the same on every run. */
const describeRequest = (r: RequestLogEntry) =>
  `${r.method} ${r.path.replace(/\/(?!v\d+(?:\/|$))[\w-]*\d[\w-]*(?=\/|$)/g, '/{id}')} → ${r.status}`;

/**
 * The uninterrupted run on a fresh world: its changing requests (where the trials interrupt it), the reads
 * before the first of them, its `changes` output and the state it ends with.
 */
export async function uninterruptedRun() {
  const fake = await startInterruptionWorld();
  try {
    const run = await runAction(interruptionInputs(fake.url), { files: interruptionFiles });
    expectSucceeded(run, 'the uninterrupted run');
    const firstChange = fake.requests.findIndex((r) => r.method !== 'GET');
    return {
      requests: fake.requests.filter((r) => r.method !== 'GET').map(describeRequest),
      readsBeforeChanges: firstChange,
      changes: Number(run.outputs.changes),
      state: stateByName(fake),
    };
  } finally {
    await fake.close();
  }
}
