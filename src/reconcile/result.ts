// What the reconcile reports: the plan's public operations and each declared group's outcome, and, for a run
// that stopped, what it had read and done. The report (outputs, job summary) renders these; the records in
// them are the client's (src/asc/).
import type {
  AppInfo,
  BetaReviewState,
  BuildInfo,
  DeviceFamilyOsFilter,
  GroupTesterUsage,
  PublicLinkUsage,
  TesterInfo,
} from '../asc/index.js';

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
  | 'expire-build'
  | 'delete-group'
  | 'create-recruitment-criteria'
  | 'update-recruitment-criteria'
  | 'delete-recruitment-criteria';

/** One planned operation: the `plan` output's fields (`op`, `target`, `detail`) and what the summary shows. */
export interface PlannedOperation {
  op: OperationKind;
  /** What it acts on: a group name, a build ("build 42"), a tester email, a locale. */
  target: string;
  /** One readable line: what changes, from what to what. */
  detail: string;
  /** What changes, said without the operation and its target: the summary's Detail column. */
  change: string;
  /** The emails a tester operation names, all of them (the summary folds a long list). */
  testers?: string[];
}

/** `would-submit`: a dry run's word for the submission the real run would make. */
export type ReviewOutcome = BetaReviewState | 'not-needed' | 'skipped' | 'would-submit';

/** What happened to one declared group; the report renders this. */
export interface GroupOutcome {
  name: string;
  /** null only in a dry run for a group that would be created. */
  id: string | null;
  type: 'internal' | 'external';
  created: boolean;
  /** Deleted by this run (would be, in a dry run): the group was declared absent. */
  deleted: boolean;
  /**
   * added: the build was put in the group; already: it was there; all-builds: internal group that gets every
   * build; excluded: the group is declared not to get this run's build; none: no build asked for.
   */
  build: 'added' | 'already' | 'all-builds' | 'excluded' | 'none';
  testersAdded: string[];
  testersRemoved: string[];
  testersUnchanged: number;
  /** The group's public link once the run is done (in a dry run: where App Store Connect already shows it). */
  publicLink: string | null;
  /** Its recruitment criteria once the run is done; null when the group has none and declares none. */
  recruitment: RecruitmentOutcome | null;
  /** How many testers may join through the link once the run is done; null: no limit is set. */
  publicLinkLimit: number | null;
  /**
   * The members once the run is done: as read, when the run added and removed none (and in a dry run); as read
   * and changed (members-after.ts) when it did, or created the group. null when the run did not read them all,
   * or cannot tell the state of a tester it added (the metrics then read them afresh).
   */
  members: TesterInfo[] | null;
}

/** A group's recruitment criteria after the run, and Apple's check of them against the group's builds. */
export interface RecruitmentOutcome {
  /** Empty: the run removes the criteria (would, in a dry run). */
  filters: DeviceFamilyOsFilter[];
  /** The filters in words: "iPhone 17.0 or later, iPad any version", or "none". */
  description: string;
  /** Whether this run sets or changes them (would, in a dry run). */
  changed: boolean;
  /**
   * App Store Connect's compatible-build check: whether the group holds a build that meets the criteria
   * (after the run's changes; in a dry run, before them). null when not asked (no criteria) or not said.
   */
  compatibleBuild: boolean | null;
}

/** How far a group's members got, from Apple's tester `state`: each count includes the later stages. */
export interface TesterFunnel {
  /** Members counted: all of them, or the first page of a large group the run did not read. */
  counted: number;
  /** Members the group has. */
  total: number;
  /** INVITED, ACCEPTED or INSTALLED. */
  invited: number;
  /** ACCEPTED or INSTALLED. */
  accepted: number;
  installed: number;
  notInvited: number;
  revoked: number;
  /** Emails of the counted members invited or accepted who have not installed (the first 100). */
  notInstalled: string[];
  notInstalledCount: number;
}

/** The summary's figures about one declared group's testers; null parts could not be read. */
export interface GroupMetrics {
  name: string;
  /** Sessions, crashes and feedback over the last 30 days (USAGE_PERIOD). */
  usage: GroupTesterUsage | null;
  /** Whether the group has a public link (so `publicLink` null means it could not be read). */
  hasPublicLink: boolean;
  publicLink: (PublicLinkUsage & { limit: number | null }) | null;
  funnel: TesterFunnel | null;
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
  /** The export compliance answer the run sets on the build (would set, in a dry run); null: none. */
  exportComplianceSet: boolean | null;
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
  /** The declared groups' metrics, read after the run for the summary (readGroupMetrics); absent when not read. */
  metrics?: GroupMetrics[];
}

/** One declared group as the run read it, before any change of its own. */
export interface GroupAsRead {
  name: string;
  /** null: the group did not exist. */
  id: string | null;
  type: 'internal' | 'external';
  /** in: the run's build is in the group; missing: it is not; all-builds: internal group that gets every build; null: no build read. */
  build: 'in' | 'missing' | 'all-builds' | null;
  /** Members as read; null when the run did not read them (it reads them when it manages testers). */
  members: number | null;
  publicLink: string | null;
}

/** Where a run stood when it stopped on an error: what it had read and what it had changed. */
export interface ReconcileProgress {
  dryRun: boolean;
  /** null: it stopped before it found the app. */
  app: AppInfo | null;
  build: BuildInfo | null;
  /** Empty when it stopped before it matched the declared groups. */
  groups: GroupAsRead[];
  warnings: string[];
  /** The operations that took effect before the stop, in the order they finished. */
  done: PlannedOperation[];
}
