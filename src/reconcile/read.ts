// Reads what the plan needs in as few round trips as the API allows. With `app-id`, the first round trip asks,
// side by side, for the app (with its groups and Test Information), its builds (each with its beta state,
// groups, What to Test and review, so the run's build comes with everything the plan needs about it) and
// its testers (with their groups). With `bundle-id` the app comes first. The group names are checked as soon
// as the app is read, before any wait for the build; the reads the first round leaves open follow together.
import type {
  AppBuildInfo,
  AppOverview,
  AscApi,
  BuildInfo,
  RecruitmentCriteriaInfo,
} from '../asc/index.js';
import { allBounded } from './bounded.js';
import type { CurrentState } from './current.js';
import type { AppRef, DesiredState, ReconcileTarget, SettingHints } from './desired.js';
import { matchGroups, type MatchedGroup } from './match-groups.js';
import type { ProgressLog } from './progress.js';
import { appLabel } from './plan.js';
import { reviewInPlay } from './plan-build.js';
import {
  placeTesters,
  readTesterFacts,
  readTesters,
  startEarlyTeamReads,
  type TeamLookup,
  type TesterRead,
} from './read-testers.js';
import { ReconcileError } from './reconcile-error.js';
import { waitForBuild, type WaitDeps } from './wait.js';

const READ_CONCURRENCY = 4;

/** The reads that need only the app's ID. */
interface AppReads {
  builds: Promise<AppBuildInfo[]>;
  testers: Promise<TesterRead | null>;
  /** Every group's recruitment criteria, when a declared group has some; null when not asked for. */
  recruitment: Promise<RecruitmentCriteriaInfo[] | null>;
}

function startAppReads(
  appId: string,
  target: ReconcileTarget,
  desired: DesiredState,
  api: AscApi,
  matched: MatchedGroup[] | null,
): AppReads {
  // Before the app is read (app-id), any declared criteria ask; after, only an existing group's can differ.
  const recruitment = matched
    ? matched.some(comparesRecruitment)
    : desired.groups.some((g) => !g.absent && g.recruitment !== null);
  const reads = {
    builds: api.listAppBuilds(appId, target.platform),
    testers: readTesters(appId, desired, api),
    recruitment: recruitment ? api.listRecruitmentCriteria(appId) : Promise.resolve(null),
  };
  // Awaited later, or not at all when the app's read fails first: never an unhandled rejection.
  for (const read of Object.values(reads)) read.catch(() => {});
  return reads;
}

/** Only an existing external group's criteria are compared with the declared ones. */
function comparesRecruitment(m: MatchedGroup): boolean {
  return m.existing !== null && !m.internal && m.desired.recruitment !== null;
}

/** What was read, and the team-wide lookup still under way (readTesterFacts), if any. */
export interface CurrentRead {
  state: CurrentState;
  teamLookup: TeamLookup | null;
}

export async function readCurrentState(
  target: ReconcileTarget,
  desired: DesiredState,
  api: AscApi,
  deps: WaitDeps,
  seen: Pick<ProgressLog, 'app' | 'matched' | 'build'>,
): Promise<CurrentRead> {
  const early =
    target.app.appId !== undefined
      ? startAppReads(target.app.appId, target, desired, api, null)
      : null;
  const overview = await findApp(target.app, api, desired.hints);
  const { app, groups } = overview;
  seen.app = app;
  // Unknown or ambiguous names fail now, not after waiting half an hour for the build.
  const all = matchGroups(desired.groups, groups, appLabel(app), desired.hints);
  seen.matched = all;
  // The groups declared absent are only deleted: nothing else of them is read.
  const matched = all.filter((m) => !m.desired.absent);
  const team = startEarlyTeamReads(matched, api);

  let reads = early ?? startAppReads(app.id, target, desired, api, matched);
  let appBuilds = await reads.builds;
  let build: BuildInfo | null = null;
  if (target.build) {
    build = await waitForBuild(
      api,
      {
        appId: app.id,
        appLabel: appLabel(app),
        buildNumber: target.build.number,
        marketingVersion: target.build.marketingVersion,
        platform: target.platform,
        waitMinutes: target.waits.processingMinutes,
        hints: desired.hints,
      },
      deps,
      appBuilds,
    );
    // After a wait, what was read before it is stale: the builds (the run's among them) and the testers.
    if (!appBuilds.some((b) => b.id === build!.id && b.processingState === 'VALID')) {
      reads = startAppReads(app.id, target, desired, api, matched);
      appBuilds = await reads.builds;
    }
  }
  const details = build ? appBuilds.find((b) => b.id === build!.id) : undefined;
  if (details) build = buildOf(details);
  seen.build = build;

  const state: CurrentState = {
    app,
    build,
    groups,
    groupIdsWithBuild: [],
    groupIdsWithoutBuilds: new Set(),
    groupTesters: new Map(),
    partialGroupIds: new Set(),
    testersReadInFull: false,
    appTesterCount: null,
    otherTesters: [],
    recruitment: new Map(),
    localizations: null,
    reviewSubmissions: null,
    testInformation: {
      primaryLocale: overview.primaryLocale,
      localizations: overview.betaAppLocalizations,
      reviewDetail: overview.reviewDetail,
      licenseAgreement: overview.licenseAgreement,
    },
    encryptionDeclarations: overview.encryptionDeclarations,
    appBuilds,
    teamMembers: null,
    readAt: deps.now(),
    readWarnings: [],
  };
  placeTesters(state, matched, await reads.testers);
  // Read when a declared group has criteria; only existing external groups' criteria are compared.
  if (matched.some(comparesRecruitment)) {
    for (const criteria of (await reads.recruitment) ?? []) {
      state.recruitment.set(criteria.groupId, criteria);
    }
  }

  // What the build's listing did not hold in full (past an include's cap) is read on its own.
  const reads2: (() => Promise<void>)[] = [];
  const needsBuildGroups = matched.some(
    (m) =>
      m.existing &&
      m.desired.receivesBuild &&
      !(m.existing.isInternal && m.existing.hasAccessToAllBuilds),
  );
  if (build && needsBuildGroups) {
    if (details?.groupIdsComplete) state.groupIdsWithBuild = details.groupIds;
    else {
      reads2.push(async () => {
        state.groupIdsWithBuild = await api.listGroupIdsWithBuild(app.id, build.id);
      });
    }
  }
  // Apple enables a public link only on a group with a build; when this run gives it none, ask whether it has one.
  for (const { desired: d, existing } of matched) {
    if ((build && d.receivesBuild) || !existing || existing.isInternal) continue;
    if (existing.publicLinkEnabled || d.publicLink !== 'enabled') continue;
    reads2.push(async () => {
      if (!(await api.groupHasBuilds(existing.id))) state.groupIdsWithoutBuilds.add(existing.id);
    });
  }
  if (build && desired.whatToTest.length > 0) {
    if (details?.localizations) state.localizations = details.localizations;
    else {
      reads2.push(async () => {
        state.localizations = await api.listLocalizations(build.id);
      });
    }
  }
  if (
    reviewInPlay(
      desired,
      build,
      matched.filter((m) => m.desired.receivesBuild),
    )
  ) {
    if (details?.reviewSubmissions) state.reviewSubmissions = details.reviewSubmissions;
    else {
      reads2.push(async () => {
        state.reviewSubmissions = await api.listReviewSubmissions(build!.id);
      });
    }
  }
  const [, teamLookup] = await Promise.all([
    allBounded(READ_CONCURRENCY, reads2),
    readTesterFacts(state, matched, desired, api, team),
  ]);
  return { state, teamLookup };
}

/** The build as the plan and the result see it, without the listing's extras. */
function buildOf(listed: AppBuildInfo): BuildInfo {
  const {
    groupIds: _groups,
    groupIdsComplete: _complete,
    reviewState: _review,
    reviewSubmissions: _submissions,
    localizations: _localizations,
    ...build
  } = listed;
  return build;
}

/** The app with what the plan reads with it; a sentence naming where the app is named when none matches. */
export async function findApp(
  ref: AppRef,
  api: AscApi,
  hints: Pick<SettingHints, 'app'>,
): Promise<AppOverview> {
  const found = await api.readApp(ref);
  if (found) return found;
  const which = ref.appId !== undefined ? `ID ${ref.appId}` : `bundle ID ${ref.bundleId}`;
  throw new ReconcileError(
    `No app with ${which} is visible to this API key: check ${hints.app} and that the key belongs to the app's team.`,
  );
}
