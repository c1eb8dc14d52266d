// What the reconcile reports: the plan's public operations and each declared group's outcome. The report
// (outputs, job summary) renders these; the records in them are the client's (src/asc/).
import type { AppInfo, BetaReviewState, BuildInfo } from '../asc/index.js';

/** The names of the operations a plan is made of (the `op` of each entry of the `plan` output). */
export type OperationKind =
  | 'create-group'
  | 'update-group'
  | 'set-export-compliance'
  | 'add-build'
  | 'create-tester'
  | 'add-testers'
  | 'remove-testers'
  | 'set-what-to-test'
  | 'submit-for-review'
  | 'notify-testers'
  | 'set-test-information'
  | 'set-review-details'
  | 'set-license-agreement'
  | 'assign-encryption-declaration'
  | 'expire-build';

/** The public shape of one planned operation: what the `plan` output and the summary show. */
export interface PlannedOperation {
  op: OperationKind;
  /** What it acts on: a group name, a build ("build 42"), a tester email, a locale. */
  target: string;
  /** One readable line: what changes, from what to what. */
  detail: string;
}

export type ReviewOutcome = BetaReviewState | 'not-needed' | 'skipped';

/** What happened to one declared group; the report renders this. */
export interface GroupOutcome {
  name: string;
  /** null only in a dry run for a group that would be created. */
  id: string | null;
  type: 'internal' | 'external';
  created: boolean;
  /** added: the build was put in the group; already: it was there; all-builds: internal group that gets every build; none: no build asked for. */
  build: 'added' | 'already' | 'all-builds' | 'none';
  testersAdded: string[];
  testersRemoved: string[];
  testersUnchanged: number;
  publicLink: string | null;
}

/** One line of the summary's Test Information section: a field the run declares or Beta App Review needs. */
export interface TestInformationField {
  /** e.g. "Beta app description (en-US)", "Review contact", "Demo account". */
  field: string;
  /** The value once the run is done; the demo account is "demo account (hidden)"; null when not set. */
  value: string | null;
  /** Whether this run sets or changes it (would, in a dry run). */
  changed: boolean;
}

/** The newest unexpired build a declared group holds once the run is done, and when it expires. */
export interface GroupExpiry {
  name: string;
  /** null: the group holds no unexpired build of the platform. */
  newestBuild: { number: string; marketingVersion: string | null } | null;
  expiresAt: string | null;
  /** Whole days from the run to the expiry; null when unknown. */
  daysLeft: number | null;
}

/** Everything the report (outputs + job summary) needs, produced by the reconcile for a real or dry run. */
export interface ReconcileResult {
  dryRun: boolean;
  app: AppInfo;
  build: BuildInfo | null;
  groups: GroupOutcome[];
  createdGroups: string[];
  testersAdded: number;
  testersRemoved: number;
  reviewState: ReviewOutcome;
  whatToTest: 'set' | 'already' | 'none';
  notified: boolean;
  plan: PlannedOperation[];
  /** Changing API calls made (planned, in a dry run). */
  changes: number;
  warnings: string[];
  testInformation: TestInformationField[];
  /** One per declared group, in declared order. */
  groupExpiry: GroupExpiry[];
  /** Build numbers expired in this run (`keep-builds`; would be, in a dry run). */
  expiredBuilds: string[];
  /** The expiration date of this run's build; null without a build. */
  expiresAt: string | null;
}
