// Shared factories for the records the client returns and for what the reconcile is asked to do: a valid
// build 42 (1.2.0) of app1, an external group, and a target and desired state with nothing beyond the defaults.
import type { AppBuildInfo, BuildInfo, GroupInfo, TesterInfo } from '../../src/asc/index.js';
import type {
  DesiredGroup,
  DesiredState,
  DesiredTestInformation,
  ReconcileResult,
  ReconcileTarget,
} from '../../src/reconcile/index.js';
import { INPUT_HINTS } from '../../src/inputs/setting-hints.js';

export function buildInfo(overrides: Partial<BuildInfo> = {}): BuildInfo {
  return {
    id: 'b42',
    number: '42',
    marketingVersion: '1.2.0',
    platform: 'IOS',
    processingState: 'VALID',
    expired: false,
    usesNonExemptEncryption: false,
    audience: 'APP_STORE_ELIGIBLE',
    uploadedDate: '2026-01-01T00:00:00Z',
    expirationDate: '2026-04-01T00:00:00.000Z',
    betaDetail: {
      id: 'bd42',
      autoNotifyEnabled: true,
      internalBuildState: 'READY_FOR_BETA_TESTING',
      externalBuildState: 'READY_FOR_BETA_SUBMISSION',
    },
    ...overrides,
  };
}

/** A build of the app's list (listAppBuilds): buildInfo() in no group, never submitted, unless given. */
export function appBuild(overrides: Partial<AppBuildInfo> = {}): AppBuildInfo {
  return {
    ...buildInfo(),
    groupIds: [],
    groupIdsComplete: true,
    reviewState: null,
    reviewSubmissions: [],
    localizations: [],
    ...overrides,
  };
}

/** An external group with feedback on and no public link; its ID is `g-<name>` unless given. */
export function groupInfo(name: string, overrides: Partial<GroupInfo> = {}): GroupInfo {
  return {
    id: `g-${name}`,
    name,
    isInternal: false,
    hasAccessToAllBuilds: false,
    publicLinkEnabled: false,
    publicLinkLimitEnabled: false,
    publicLinkLimit: null,
    publicLink: null,
    feedbackEnabled: true,
    ...overrides,
  };
}

export function testerInfo(email: string, id = `t-${email}`): TesterInfo {
  return { id, email, firstName: null, lastName: null, state: 'INVITED', inviteType: 'EMAIL' };
}

/** A declared group that must exist (not created), with every setting left as it is. */
export function desiredGroup(name: string, overrides: Partial<DesiredGroup> = {}): DesiredGroup {
  return {
    name,
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
    ...overrides,
  };
}

/** Test Information left as it is: no locale, no review detail, no license agreement. */
export function noTestInformation(): DesiredTestInformation {
  return {
    locales: [],
    review: { contact: null, notes: null, demoAccount: null },
    licenseAgreement: null,
  };
}

/**
 * Test Information as the inputs give it: the primary locale's description and feedback email, the review
 * contact, notes and a demo account with `password`.
 */
export function inputTestInformation(password = 'pw-1234'): DesiredTestInformation {
  return {
    locales: [
      {
        locale: null,
        description: 'A beta of the app.',
        feedbackEmail: 'beta@example.com',
        marketingUrl: null,
        privacyPolicyUrl: null,
      },
    ],
    review: {
      contact: {
        firstName: 'Jane',
        lastName: 'Appleseed',
        email: 'jane@example.com',
        phone: '+1 555 0100',
      },
      notes: 'Use the demo account.',
      demoAccount: { name: 'reviewer', password },
    },
    licenseAgreement: null,
  };
}

/** The group Beta, review on `auto`, nothing else asked for (expiry warnings at the default 14 days), as inputs. */
export function desiredState(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    groups: [desiredGroup('Beta')],
    usesNonExemptEncryption: null,
    whatToTest: [],
    submitForReview: 'auto',
    notifyTesters: false,
    testInformation: noTestInformation(),
    encryptionDeclaration: null,
    expiry: { keepBuilds: null, warningDays: 14 },
    hints: INPUT_HINTS,
    ...overrides,
  };
}

/** com.example.app on iOS, build 42 of any version, waiting up to 30 minutes (the input's default), not for review. */
export function reconcileTarget(overrides: Partial<ReconcileTarget> = {}): ReconcileTarget {
  return {
    app: { bundleId: 'com.example.app' },
    platform: 'IOS',
    build: { number: '42', marketingVersion: null },
    waits: { processingMinutes: 30, reviewMinutes: 0 },
    ...overrides,
  };
}

/**
 * A real run's result for the report: Example's build 42 in review, the internal group "QA <team>" (a name that
 * must be escaped) and the created external group Public Beta with testers and a link.
 */
export function reconcileResult(overrides: Partial<ReconcileResult> = {}): ReconcileResult {
  return {
    dryRun: false,
    app: { id: '1234567890', bundleId: 'com.example.app', name: 'Example' },
    build: buildInfo({
      id: 'build-1',
      betaDetail: {
        id: 'detail-1',
        autoNotifyEnabled: true,
        internalBuildState: 'IN_BETA_TESTING',
        externalBuildState: 'WAITING_FOR_BETA_REVIEW',
      },
    }),
    groups: [
      {
        name: 'QA <team>',
        id: 'g-1',
        type: 'internal',
        created: false,
        deleted: false,
        build: 'all-builds',
        testersAdded: [],
        testersRemoved: [],
        testersUnchanged: 3,
        publicLink: null,
        recruitment: null,
        publicLinkLimit: null,
        members: null,
      },
      {
        name: 'Public Beta',
        id: 'g-2',
        type: 'external',
        created: true,
        deleted: false,
        build: 'added',
        testersAdded: ['jane@example.com', 'joe@example.com'],
        testersRemoved: ['old@example.com'],
        testersUnchanged: 0,
        publicLink: 'https://testflight.apple.com/join/AbCdEf',
        recruitment: null,
        publicLinkLimit: 1000,
        members: null,
      },
    ],
    createdGroups: ['Public Beta'],
    testersAdded: 2,
    testersRemoved: 1,
    reviewState: 'WAITING_FOR_REVIEW',
    whatToTest: 'set',
    exportComplianceSet: null,
    notified: false,
    plan: [
      {
        op: 'create-group',
        target: 'Public Beta',
        detail: 'create external group Public Beta with build 42 (1.2.0)',
        change: 'external, with build 42 (1.2.0)',
      },
      {
        op: 'add-testers',
        target: 'Public Beta',
        detail: 'add jane@example.com, joe@example.com to Public Beta',
        change: '2 testers',
        testers: ['jane@example.com', 'joe@example.com'],
      },
      {
        op: 'submit-for-review',
        target: 'build 42',
        detail: 'submit build 42 (1.2.0) for Beta App Review',
        change: 'to Beta App Review',
      },
    ],
    changes: 4,
    warnings: [
      'public-link is ignored for internal group "QA <team>": set `public-link` only for external ones',
    ],
    testInformation: [],
    groupExpiry: [],
    expiredBuilds: [],
    expiresAt: '2026-04-01T00:00:00.000Z',
    ...overrides,
  };
}
