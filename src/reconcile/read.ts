// Reads what the plan needs in as few round trips as the API allows. With `app-id`, the first round trip asks,
// side by side, for the app (with its groups and Test Information), its builds (each with its beta state,
// groups, What to Test and review, so the run's build comes with everything the plan needs about it) and
// its testers (with their groups). With `bundle-id` the app comes first. The group names are checked as soon
// as the app is read, before any wait for the build; the reads the first round leaves open follow together.
import type { AppBuildInfo, AppOverview, AscApi, BuildInfo } from '../asc/index.js';
import { allBounded } from './bounded.js';
import type { CurrentState } from './current.js';
import type { AppRef, DesiredState, ReconcileTarget } from './desired.js';
import { matchGroups } from './match-groups.js';
import type { ProgressLog } from './progress.js';
import { appLabel } from './plan.js';
import { reviewInPlay } from './plan-build.js';
import { placeTesters, readTesterFacts, readTesters, type TesterRead } from './read-testers.js';
import { ReconcileError } from './reconcile-error.js';
import { waitForBuild, type WaitDeps } from './wait.js';

const READ_CONCURRENCY = 4;

/** The reads that need only the app's ID. */
interface AppReads {
  builds: Promise<AppBuildInfo[]>;
  testers: Promise<TesterRead | null>;
}

function startAppReads(
  appId: string,
  target: ReconcileTarget,
  desired: DesiredState,
  api: AscApi,
): AppReads {
  const reads = {
    builds: api.listAppBuilds(appId, target.platform),
    testers: readTesters(appId, desired, api),
  };
  // Awaited later, or not at all when the app's read fails first: never an unhandled rejection.
  for (const read of Object.values(reads)) read.catch(() => {});
  return reads;
}

export async function readCurrentState(
  target: ReconcileTarget,
  desired: DesiredState,
  api: AscApi,
  deps: WaitDeps,
  seen: Pick<ProgressLog, 'app' | 'matched' | 'build'>,
): Promise<CurrentState> {
  const early =
    target.app.appId !== undefined ? startAppReads(target.app.appId, target, desired, api) : null;
  const overview = await findApp(target.app, api);
  const { app, groups } = overview;
  seen.app = app;
  // Unknown or ambiguous names fail now, not after waiting half an hour for the build.
  const matched = matchGroups(desired.groups, groups, appLabel(app));
  seen.matched = matched;

  let reads = early ?? startAppReads(app.id, target, desired, api);
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
      },
      deps,
      appBuilds,
    );
    // After a wait, what was read before it is stale: the builds (the run's among them) and the testers.
    if (!appBuilds.some((b) => b.id === build!.id && b.processingState === 'VALID')) {
      reads = startAppReads(app.id, target, desired, api);
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

  // What the build's listing did not hold in full (past an include's cap) is read on its own.
  const reads2: (() => Promise<void>)[] = [];
  const needsBuildGroups = matched.some(
    (m) => m.existing && !(m.existing.isInternal && m.existing.hasAccessToAllBuilds),
  );
  if (build && needsBuildGroups) {
    if (details?.groupIdsComplete) state.groupIdsWithBuild = details.groupIds;
    else {
      reads2.push(async () => {
        state.groupIdsWithBuild = await api.listGroupIdsWithBuild(app.id, build.id);
      });
    }
  }
  // Apple enables a public link only on a group with a build; without a build in this run, ask whether it has one.
  for (const { desired: d, existing } of matched) {
    if (build || !existing || existing.isInternal || existing.publicLinkEnabled) continue;
    if (d.publicLink !== 'enabled') continue;
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
  if (reviewInPlay(desired, build, matched)) {
    if (details?.reviewSubmissions) state.reviewSubmissions = details.reviewSubmissions;
    else {
      reads2.push(async () => {
        state.reviewSubmissions = await api.listReviewSubmissions(build!.id);
      });
    }
  }
  await Promise.all([
    allBounded(READ_CONCURRENCY, reads2),
    readTesterFacts(state, matched, desired, api),
  ]);
  return state;
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

async function findApp(ref: AppRef, api: AscApi): Promise<AppOverview> {
  const found = await api.readApp(ref);
  if (found) return found;
  if (ref.appId !== undefined) {
    throw new ReconcileError(
      `No app with ID ${ref.appId} is visible to this API key: check \`app-id\` (the numeric Apple ID under App Information) and that the key belongs to the app's team.`,
    );
  }
  throw new ReconcileError(
    `No app with bundle ID ${ref.bundleId} is visible to this API key: check \`bundle-id\` and that the key belongs to the app's team.`,
  );
}
