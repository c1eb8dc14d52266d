// The two inputs of the planner: what the workflow declares (DesiredState) and what App Store Connect
// holds (CurrentState). Both are plain data, so the planner stays a pure function.
import type { Settings } from '../inputs.js';
import type {
  AppInfo,
  BuildInfo,
  GroupInfo,
  LocalizationInfo,
  ReviewSubmissionInfo,
  TesterInfo,
  TesterSpec,
} from './model.js';

/** One declared group. Every setting is per group so a YAML config can later give each its own. */
export interface DesiredGroup {
  name: string;
  /** The type to create it with when it is missing; an existing group keeps its own type. */
  createAs: 'external' | 'internal';
  /** null: leave as is. */
  publicLink: 'enabled' | 'disabled' | null;
  publicLinkLimit: number | null;
  feedbackEnabled: boolean | null;
  testers: TesterSpec[];
  removeUnlistedTesters: boolean;
}

export interface DesiredState {
  groups: DesiredGroup[];
  createMissingGroups: boolean;
  usesNonExemptEncryption: boolean | null;
  whatToTest: { locale: string; text: string } | null;
  submitForReview: 'auto' | 'true' | 'false';
  notifyTesters: boolean;
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
  /** Members of each existing target group, by group ID (read only when testers are managed). */
  groupTesters: Map<string, TesterInfo[]>;
  /** Existing records of listed testers that are in none of the target groups. */
  otherTesters: TesterInfo[];
  /** The build's What to Test localizations; null when not read (no text given or no build). */
  localizations: LocalizationInfo[] | null;
  /** The build's Beta App Review submissions; null when not read (review not in play). */
  reviewSubmissions: ReviewSubmissionInfo[] | null;
}

export function desiredFromSettings(settings: Settings): DesiredState {
  return {
    groups: settings.groups.map((name) => ({
      name,
      createAs: settings.groupType,
      publicLink: settings.publicLink,
      publicLinkLimit: settings.publicLinkLimit,
      feedbackEnabled: settings.feedbackEnabled,
      testers: settings.testers,
      removeUnlistedTesters: settings.removeUnlistedTesters,
    })),
    createMissingGroups: settings.createMissingGroups,
    usesNonExemptEncryption: settings.usesNonExemptEncryption,
    whatToTest: settings.whatToTest
      ? { locale: settings.whatToTestLocale, text: settings.whatToTest }
      : null,
    submitForReview: settings.submitForReview,
    notifyTesters: settings.notifyTesters,
  };
}
