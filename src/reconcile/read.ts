// Reads what the plan needs and nothing more: the app with its groups and Test Information in one request
// (the groups checked before any long wait), the build, then the target groups' members, the build's
// localizations and review and the app's other builds, concurrently; then the tester facts (read-testers.ts).
import type { AppOverview, AscApi } from '../asc/index.js';
import { allBounded } from './bounded.js';
import type { CurrentState } from './current.js';
import type { AppRef, DesiredState, ReconcileTarget, SettingHints } from './desired.js';
import { matchGroups } from './match-groups.js';
import type { ProgressLog } from './progress.js';
import { appLabel } from './plan.js';
import { reviewInPlay } from './plan-build.js';
import { managesTesters } from './plan-testers.js';
import { readTesterFacts } from './read-testers.js';
import { ReconcileError } from './reconcile-error.js';
import { waitForBuild, type WaitDeps } from './wait.js';

const READ_CONCURRENCY = 4;

export async function readCurrentState(
  target: ReconcileTarget,
  desired: DesiredState,
  api: AscApi,
  deps: WaitDeps,
  seen: Pick<ProgressLog, 'app' | 'matched' | 'build'>,
): Promise<CurrentState> {
  const overview = await findApp(target.app, api, desired.hints);
  const { app, groups } = overview;
  seen.app = app;
  // Unknown or ambiguous names fail now, not after waiting half an hour for the build.
  const all = matchGroups(desired.groups, groups, appLabel(app), desired.hints);
  seen.matched = all;
  // The groups declared absent are only deleted: nothing else of them is read.
  const matched = all.filter((m) => !m.desired.absent);

  const build = target.build
    ? await waitForBuild(
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
      )
    : null;
  seen.build = build;

  const state: CurrentState = {
    app,
    build,
    groups,
    groupIdsWithBuild: [],
    groupIdsWithoutBuilds: new Set(),
    groupTesters: new Map(),
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
    appBuilds: [],
    teamMembers: null,
    readAt: deps.now(),
    readWarnings: [],
  };
  // The app's unexpired builds: the expiry report, keep-builds and the review train read them.
  const reads: (() => Promise<void>)[] = [
    async () => {
      state.appBuilds = await api.listAppBuilds(app.id, target.platform);
    },
  ];
  const needsBuildGroups = matched.some(
    (m) =>
      m.existing &&
      m.desired.receivesBuild &&
      !(m.existing.isInternal && m.existing.hasAccessToAllBuilds),
  );
  if (build && needsBuildGroups) {
    reads.push(async () => {
      state.groupIdsWithBuild = await api.listGroupIdsWithBuild(app.id, build.id);
    });
  }
  // Apple enables a public link only on a group with a build; when this run gives it none, ask whether it has one.
  for (const { desired: d, existing } of matched) {
    if ((build && d.receivesBuild) || !existing || existing.isInternal) continue;
    if (existing.publicLinkEnabled || d.publicLink !== 'enabled') continue;
    reads.push(async () => {
      if (!(await api.groupHasBuilds(existing.id))) state.groupIdsWithoutBuilds.add(existing.id);
    });
  }
  // One request gives every group's recruitment criteria, read when an existing external group declares some.
  if (matched.some((m) => m.existing && !m.internal && m.desired.recruitment !== null)) {
    reads.push(async () => {
      for (const criteria of await api.listRecruitmentCriteria(app.id)) {
        state.recruitment.set(criteria.groupId, criteria);
      }
    });
  }
  for (const match of matched) {
    const existing = match.existing;
    if (!existing || !managesTesters(match) || state.groupTesters.has(existing.id)) continue;
    state.groupTesters.set(existing.id, []);
    reads.push(async () => {
      state.groupTesters.set(existing.id, await api.listGroupTesters(existing.id));
    });
  }
  if (build && desired.whatToTest.length > 0) {
    reads.push(async () => {
      state.localizations = await api.listLocalizations(build.id);
    });
  }
  if (
    reviewInPlay(
      desired,
      build,
      matched.filter((m) => m.desired.receivesBuild),
    )
  ) {
    reads.push(async () => {
      state.reviewSubmissions = await api.listReviewSubmissions(build!.id);
    });
  }
  await allBounded(READ_CONCURRENCY, reads);

  await readTesterFacts(state, matched, desired, api);
  return state;
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
