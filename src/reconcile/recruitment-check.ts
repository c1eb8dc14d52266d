// Apple's compatible-build check of the groups with recruitment criteria once the run is done (in a dry
// run, as they stand): whether each holds a build its criteria admit. A group that holds none lets testers
// join through its public link with nothing they can install, so that is a warning. The check comes after
// every change and only informs: when Apple does not answer it, it is "not said" with one warning, never a
// failed run.
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
  const unanswered: { group: string; error: unknown }[] = [];
  await allBounded(
    CHECK_CONCURRENCY,
    groupsToCheck(result).map((group) => async () => {
      try {
        answers.set(group.name, await api.checkCompatibleBuild(group.id!));
      } catch (error) {
        answers.set(group.name, null);
        unanswered.push({ group: group.name, error });
      }
    }),
  );
  const warnings: string[] = unanswered.length > 0 ? [uncheckedWarning(unanswered)] : [];
  const groups = result.groups.map((group): GroupOutcome => {
    if (!group.recruitment || !answers.has(group.name)) return group;
    const compatibleBuild = answers.get(group.name)!;
    if (compatibleBuild === false) warnings.push(incompatibleWarning(group, result));
    return { ...group, recruitment: { ...group.recruitment, compatibleBuild } };
  });
  for (const warning of warnings) warn(warning);
  return { ...result, groups, warnings: [...result.warnings, ...warnings] };
}

function uncheckedWarning(unanswered: { group: string; error: unknown }[]): string {
  const groups = unanswered.map((u) => u.group).join(', ');
  const first = unanswered[0]!.error;
  const reason = (first instanceof Error ? first.message : String(first)).replace(/[.]\s*$/, '');
  return `Could not run App Store Connect's compatible-build check of ${unanswered.length === 1 ? 'group' : 'groups'} ${groups} (${reason}), so the summary does not say whether ${unanswered.length === 1 ? 'it holds' : 'they hold'} a build ${unanswered.length === 1 ? 'its' : 'their'} recruitment criteria admit; the run itself is not affected.`;
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
