// What App Store Connect holds, as far as the plan needs it: the planner's second input beside the
// desired state (desired.ts). Plain data, so the planner stays a pure function.
import type {
  AppInfo,
  BuildInfo,
  GroupInfo,
  LocalizationInfo,
  ReviewSubmissionInfo,
  TesterInfo,
} from '../asc/index.js';

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
  /** Members of each existing target group, by group ID (read only when testers are managed). */
  groupTesters: Map<string, TesterInfo[]>;
  /** Existing records of listed testers that are in none of the target groups. */
  otherTesters: TesterInfo[];
  /** The build's What to Test localizations; null when not read (no text given or no build). */
  localizations: LocalizationInfo[] | null;
  /** The build's Beta App Review submissions; null when not read (review not in play). */
  reviewSubmissions: ReviewSubmissionInfo[] | null;
}
