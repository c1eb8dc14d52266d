// What App Store Connect holds, as far as the plan needs it: the planner's second input beside the
// desired state (desired.ts). Plain data, so the planner stays a pure function.
import type {
  AppBuildInfo,
  AppInfo,
  BetaAppLocalizationInfo,
  BuildInfo,
  EncryptionDeclarationInfo,
  GroupInfo,
  LicenseAgreementInfo,
  LocalizationInfo,
  RecruitmentCriteriaInfo,
  ReviewDetailInfo,
  ReviewSubmissionInfo,
  TesterInfo,
} from '../asc/index.js';

/** The app's Test Information as read with the app. */
export interface CurrentTestInformation {
  /** The app's primary locale; null when Apple did not say. */
  primaryLocale: string | null;
  localizations: BetaAppLocalizationInfo[];
  reviewDetail: ReviewDetailInfo | null;
  licenseAgreement: LicenseAgreementInfo | null;
}

export interface CurrentState {
  app: AppInfo;
  /** null when no build-number was given. */
  build: BuildInfo | null;
  /** Every beta group of the app. */
  groups: GroupInfo[];
  /** IDs of the app's groups that already have the build. */
  groupIdsWithBuild: string[];
  /** Existing external groups whose link is to be enabled on a run without a build, and that hold no build. */
  groupIdsWithoutBuilds: Set<string>;
  /**
   * Members by group ID, from the testers' groups: of every group when the app's testers were read in full,
   * else the listed members of each existing target group (see partialGroupIds); and the members of groups a
   * tester cap is counted over, when the plan adds testers of that type.
   */
  groupTesters: Map<string, TesterInfo[]>;
  /**
   * Groups whose `groupTesters` entry holds only the listed testers (the testers were looked up by email, not
   * read in full): enough for the plan, not for counting a cap or removing unlisted members.
   */
  partialGroupIds: Set<string>;
  /** Every tester of the app was read (with their groups), so every group's members are in `groupTesters`. */
  testersReadInFull: boolean;
  /** How many testers the app has, as the tester read's first page counted them; null when not read. */
  appTesterCount: number | null;
  /** Existing records of listed testers that are in none of the target groups. */
  otherTesters: TesterInfo[];
  /** Recruitment criteria by group ID, of the app's groups that have some (read when a group declares some). */
  recruitment: Map<string, RecruitmentCriteriaInfo>;
  /** The build's What to Test localizations; null when not read (no text given or no build). */
  localizations: LocalizationInfo[] | null;
  /** The build's Beta App Review submissions; null when not read (review not in play). */
  reviewSubmissions: ReviewSubmissionInfo[] | null;
  testInformation: CurrentTestInformation;
  /** The app's App Encryption Declarations (every platform and state). */
  encryptionDeclarations: EncryptionDeclarationInfo[];
  /** The app's unexpired builds of the run's platform, newest upload first. */
  appBuilds: AppBuildInfo[];
  /**
   * Lower-cased emails, among those aimed at internal groups, that belong to team members; null when not
   * read (no email is aimed at an internal group, or the key may not list the team).
   */
  teamMembers: Set<string> | null;
  /** When the state was read (ms since the epoch): days to expiry count from here. */
  readAt: number;
  /** Said while reading (e.g. the team could not be listed); the plan passes them on. */
  readWarnings: string[];
}

/** Whether a group's members were read in full (not only its listed testers). */
export function membersKnown(
  state: Pick<CurrentState, 'groupTesters' | 'partialGroupIds'>,
  groupId: string,
): boolean {
  return state.groupTesters.has(groupId) && !state.partialGroupIds.has(groupId);
}
