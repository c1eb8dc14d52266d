// The fault matrix's two worlds, seeded in the fake: between them every operation kind occurs (a first
// distribution with Test Information, What to Test, review, notification, keep-builds, a new group with
// recruitment criteria and testers; then a declaration, criteria changed and removed, a group declared absent).
// Each kind names the request that carries it, so a fault can be put on exactly that request.
import type { OperationKind } from '../../src/reconcile/result.js';
import type { DesiredState } from '../../src/reconcile/index.js';
import { desiredGroup, desiredState, inputTestInformation } from '../helpers/factories.js';
import { completeTestInformation } from '../fake-asc/index.js';
import type { FakeAsc } from '../fake-asc/types.js';

const DAY = 86400_000;
export const DEMO_PASSWORD = 'pw-fault-matrix-1234';

export type WorldName = 'first-distribution' | 'changes-and-removals';

export interface FaultWorld {
  desired: DesiredState;
  /** Build IDs the plan may expire and group IDs it may delete: nothing else may go. */
  mayExpire: Set<string>;
  mayDelete: Set<string>;
  /** (group ID, tester ID) links the plan may remove. */
  mayUnlink: Set<string>;
  /** Where each operation kind of this world is sent: method and path. */
  requestOf: Partial<Record<OperationKind, { method: string; path: string | RegExp }>>;
}

/** The world each operation kind occurs in: a Record, so a new kind does not compile until it has one. */
export const WORLD_OF: Readonly<Record<OperationKind, WorldName>> = {
  'set-export-compliance': 'first-distribution',
  'set-what-to-test': 'first-distribution',
  'set-test-information': 'first-distribution',
  'set-review-details': 'first-distribution',
  'set-license-agreement': 'first-distribution',
  'create-group': 'first-distribution',
  'add-build': 'first-distribution',
  'update-group': 'first-distribution',
  'create-tester': 'first-distribution',
  'add-testers': 'first-distribution',
  'remove-testers': 'first-distribution',
  'submit-for-review': 'first-distribution',
  'notify-testers': 'first-distribution',
  'create-recruitment-criteria': 'first-distribution',
  'expire-build': 'first-distribution',
  'assign-encryption-declaration': 'changes-and-removals',
  'update-recruitment-criteria': 'changes-and-removals',
  'delete-recruitment-criteria': 'changes-and-removals',
  'delete-group': 'changes-and-removals',
};

export function seedWorld(fake: FakeAsc, name: WorldName): FaultWorld {
  return name === 'first-distribution' ? firstDistribution(fake) : changesAndRemovals(fake);
}

function firstDistribution(fake: FakeAsc): FaultWorld {
  const st = fake.state;
  const app = st.addApp({ bundleId: 'com.example.app', name: 'Example' });
  const older = ['40', '41'].map((version, i) =>
    st.addBuild({
      appId: app.id,
      version,
      marketingVersion: '1.1.0',
      uploadedAt: st.now() - (10 - i) * DAY,
    }),
  );
  const build = st.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: st.now() - DAY,
    usesNonExemptEncryption: null,
    autoNotifyEnabled: false,
  });
  const kept = st.addTester({ email: 'kept@example.com', appIds: [app.id] });
  const leaving = st.addTester({ email: 'leaving@example.com', appIds: [app.id] });
  st.addTester({ email: 'known@example.com', appIds: [app.id] });
  const beta = st.addGroup({ appId: app.id, name: 'Beta', testerIds: [kept.id, leaving.id] });
  const desired = desiredState({
    groups: [
      desiredGroup('Beta', {
        feedbackEnabled: false,
        removeUnlistedTesters: true,
        testers: [
          { email: 'kept@example.com' },
          { email: 'known@example.com' },
          { email: 'new@example.com', firstName: 'New', lastName: 'Tester' },
        ],
      }),
      desiredGroup('Public', {
        createAs: 'external',
        recruitment: [{ deviceFamily: 'IPHONE', minimumOs: '17.0', maximumOs: null }],
      }),
    ],
    usesNonExemptEncryption: false,
    whatToTest: [{ locale: null, text: 'Try the new onboarding.' }],
    submitForReview: 'auto',
    notifyTesters: true,
    testInformation: {
      ...inputTestInformation(DEMO_PASSWORD),
      licenseAgreement: 'Beta terms: do not share.',
    },
    expiry: { keepBuilds: 1, warningDays: 14 },
  });
  const reviewDetail = st.reviewDetails.get(app.id)!;
  const agreement = st.licenseAgreements.get(app.id)!;
  return {
    desired,
    mayExpire: new Set(older.map((b) => b.id)),
    mayDelete: new Set(),
    mayUnlink: new Set([`${beta.id} ${leaving.id}`]),
    requestOf: {
      'set-export-compliance': { method: 'PATCH', path: `/v1/builds/${build.id}` },
      'set-what-to-test': { method: 'POST', path: '/v1/betaBuildLocalizations' },
      'set-test-information': { method: 'POST', path: '/v1/betaAppLocalizations' },
      'set-review-details': {
        method: 'PATCH',
        path: `/v1/betaAppReviewDetails/${reviewDetail.id}`,
      },
      'set-license-agreement': {
        method: 'PATCH',
        path: `/v1/betaLicenseAgreements/${agreement.id}`,
      },
      'create-group': { method: 'POST', path: '/v1/betaGroups' },
      'add-build': { method: 'POST', path: `/v1/builds/${build.id}/relationships/betaGroups` },
      'update-group': { method: 'PATCH', path: `/v1/betaGroups/${beta.id}` },
      'create-tester': { method: 'POST', path: '/v1/betaTesters' },
      'add-testers': {
        method: 'POST',
        path: `/v1/betaGroups/${beta.id}/relationships/betaTesters`,
      },
      'remove-testers': {
        method: 'DELETE',
        path: `/v1/betaGroups/${beta.id}/relationships/betaTesters`,
      },
      'submit-for-review': { method: 'POST', path: '/v1/betaAppReviewSubmissions' },
      'notify-testers': { method: 'POST', path: '/v1/buildBetaNotifications' },
      'create-recruitment-criteria': { method: 'POST', path: '/v1/betaRecruitmentCriteria' },
      // The older of the two expiries; the other goes unfaulted beside it.
      'expire-build': { method: 'PATCH', path: `/v1/builds/${older[0]!.id}` },
    },
  };
}

function changesAndRemovals(fake: FakeAsc): FaultWorld {
  const st = fake.state;
  const app = st.addApp({ bundleId: 'com.example.app', name: 'Example' });
  st.setTestInformation(app.id, completeTestInformation());
  const build = st.addBuild({
    appId: app.id,
    version: '42',
    marketingVersion: '1.2.0',
    uploadedAt: st.now() - DAY,
    usesNonExemptEncryption: null,
  });
  const declaration = st.addEncryptionDeclaration({ appId: app.id });
  const beta = st.addGroup({ appId: app.id, name: 'Beta', buildIds: [build.id] });
  const wide = st.addGroup({ appId: app.id, name: 'Wide', buildIds: [build.id] });
  const gone = st.addGroup({ appId: app.id, name: 'Gone' });
  const criteria = (id: string, groupId: string) =>
    st.recruitmentCriteria.set(id, {
      id,
      groupId,
      deviceFamilyOsVersionFilters: [{ deviceFamily: 'IPHONE', minimumOsInclusive: '16.0' }],
      modifiedAt: 0,
    });
  criteria('c-beta', beta.id);
  criteria('c-wide', wide.id);
  const desired = desiredState({
    groups: [
      desiredGroup('Beta', {
        recruitment: [{ deviceFamily: 'IPHONE', minimumOs: '17.0', maximumOs: null }],
      }),
      desiredGroup('Wide', { recruitment: [] }),
      desiredGroup('Gone', { absent: true, receivesBuild: false }),
    ],
    encryptionDeclaration: 'auto',
    submitForReview: 'never',
  });
  return {
    desired,
    mayExpire: new Set(),
    mayDelete: new Set([gone.id]),
    mayUnlink: new Set(),
    requestOf: {
      'assign-encryption-declaration': {
        method: 'POST',
        path: `/v1/appEncryptionDeclarations/${declaration.id}/relationships/builds`,
      },
      'update-recruitment-criteria': {
        method: 'PATCH',
        path: '/v1/betaRecruitmentCriteria/c-beta',
      },
      'delete-recruitment-criteria': {
        method: 'DELETE',
        path: '/v1/betaRecruitmentCriteria/c-wide',
      },
      'delete-group': { method: 'DELETE', path: `/v1/betaGroups/${gone.id}` },
    },
  };
}
