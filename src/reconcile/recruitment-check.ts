// Apple's compatible-build check of the groups with recruitment criteria once the run is done (in a dry
// run, as they stand): whether each holds a build its criteria admit. A group that holds none lets testers
// join through its public link with nothing they can install, so that is a warning.
import type { AscApi } from '../asc/index.js';
import { allBounded } from './bounded.js';
import type { GroupOutcome, ReconcileResult } from './result.js';

const CHECK_CONCURRENCY = 4;

export function groupsToCheck(result: ReconcileResult): GroupOutcome[] {
  return result.groups.filter(
    (g) => g.id !== null && !g.deleted && (g.recruitment?.filters.length ?? 0) > 0,
  );
}

/** The result with each checked group's answer, and a warning for each group that holds no such build. */
export async function checkRecruitment(
  result: ReconcileResult,
  api: AscApi,
  warn: (line: string) => void,
): Promise<ReconcileResult> {
  const answers = new Map<string, boolean | null>();
  await allBounded(
    CHECK_CONCURRENCY,
    groupsToCheck(result).map((group) => async () => {
      answers.set(group.name, await api.checkCompatibleBuild(group.id!));
    }),
  );
  const warnings: string[] = [];
  const groups = result.groups.map((group): GroupOutcome => {
    if (!group.recruitment || !answers.has(group.name)) return group;
    const compatibleBuild = answers.get(group.name)!;
    if (compatibleBuild === false) warnings.push(incompatibleWarning(group, result));
    return { ...group, recruitment: { ...group.recruitment, compatibleBuild } };
  });
  for (const warning of warnings) warn(warning);
  return { ...result, groups, warnings: [...result.warnings, ...warnings] };
}

function incompatibleWarning(group: GroupOutcome, result: ReconcileResult): string {
  const build = result.build;
  const holdsRunBuild =
    build !== null &&
    (group.build === 'added' || group.build === 'already' || group.build === 'all-builds');
  const when =
    result.dryRun && result.plan.length > 0
      ? ', as App Store Connect sees it before the planned changes'
      : '';
  const which = holdsRunBuild
    ? `, this run's build ${build.number}${build.marketingVersion ? ` (${build.marketingVersion})` : ''} among them`
    : '';
  return `Group ${group.name} holds no build that meets its recruitment criteria (${group.recruitment!.description}) by App Store Connect's compatible-build check${when}${which}, so testers who join through its public link have nothing they can install: widen the criteria, or give the group a build whose minimum OS version and platform they admit.`;
}
