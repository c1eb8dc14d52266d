// Matches declared group names to the app's beta groups, strictly: an unknown name fails (unless groups
// may be created) and a name shared by two groups fails, so no group is ever silently skipped or guessed.
// A group declared absent may be missing (then there is nothing to do); one declared with a type must have it.
import type { GroupInfo } from '../asc/index.js';
import type { DesiredGroup, SettingHints } from './desired.js';
import { ReconcileError } from './reconcile-error.js';

export interface MatchedGroup {
  desired: DesiredGroup;
  /** null: the group does not exist and this run creates it (or, declared absent, there is none to delete). */
  existing: GroupInfo | null;
  internal: boolean;
}

export function matchGroups(
  desired: DesiredGroup[],
  groups: GroupInfo[],
  appLabel: string,
  hints: SettingHints,
): MatchedGroup[] {
  const byName = new Map<string, GroupInfo[]>();
  for (const group of groups) byName.set(group.name, [...(byName.get(group.name) ?? []), group]);

  const ambiguous = desired.filter((d) => (byName.get(d.name)?.length ?? 0) > 1);
  if (ambiguous.length > 0) {
    const described = ambiguous.map((d) => {
      const types = byName.get(d.name)!.map((g) => (g.isInternal ? 'internal' : 'external'));
      return `"${d.name}" (${types.length} groups: ${types.join(', ')})`;
    });
    throw new ReconcileError(
      `Beta group name${ambiguous.length > 1 ? 's' : ''} ${described.join(', ')} ${ambiguous.length > 1 ? 'are' : 'is'} shared by several groups of ${appLabel}, so the action cannot tell which one you mean: rename the groups in App Store Connect so that each name is unique.`,
    );
  }

  const missing = desired.filter((d) => !byName.has(d.name));
  // "beta" for a group named "Beta" is a typo, not a new group: creating it would split the testers.
  const nearMisses = missing.flatMap((d) => {
    const same = groups.filter((g) => g.name.toLowerCase() === d.name.toLowerCase());
    return same.length > 0
      ? [`"${d.name}" (App Store Connect has ${same.map((g) => `"${g.name}"`).join(', ')})`]
      : [];
  });
  if (nearMisses.length > 0) {
    throw new ReconcileError(
      `Beta group name${nearMisses.length > 1 ? 's' : ''} ${nearMisses.join(', ')} differ${nearMisses.length > 1 ? '' : 's'} from ${nearMisses.length > 1 ? 'existing groups' : 'an existing group'} of ${appLabel} only in letter case, so the action will neither guess nor create a near-duplicate: write the name ${hints.groupNames} exactly as App Store Connect shows it.`,
    );
  }
  // A group declared absent that does not exist is already as declared.
  const toCreate = missing.filter((d) => !d.absent);
  const unknown = toCreate.filter((d) => d.createAs === null);
  if (unknown.length > 0) {
    const names = unknown.map((d) => `"${d.name}"`).join(', ');
    const existing =
      groups.length === 0
        ? 'it has no beta groups yet'
        : `its groups are ${groups.map((g) => `"${g.name}"`).join(', ')}`;
    throw new ReconcileError(
      `Beta group${unknown.length > 1 ? 's' : ''} ${names} ${unknown.length > 1 ? 'do' : 'does'} not exist in ${appLabel} (${existing}): fix the names ${hints.groupNames}, or ${hints.createGroups} to create them.`,
    );
  }

  // Two spellings of one name to create would make the near-duplicates the check above refuses.
  const twins = toCreate.filter((d) =>
    toCreate.some((o) => o !== d && o.name.toLowerCase() === d.name.toLowerCase()),
  );
  if (twins.length > 0) {
    throw new ReconcileError(
      `Beta group names ${twins.map((d) => `"${d.name}"`).join(', ')} differ only in letter case, so the action would create near-duplicates in ${appLabel}: write each group once ${hints.groupNames}, spelled as App Store Connect should show it.`,
    );
  }

  const matched = desired.map((d) => {
    const existing = byName.get(d.name)?.[0] ?? null;
    return {
      desired: d,
      existing,
      internal: existing ? existing.isInternal : d.createAs === 'internal',
    };
  });
  checkTypes(matched);
  return matched;
}

/** A group's type is fixed when it is created: one declared as the other type is a mistake to fix first. */
function checkTypes(matched: MatchedGroup[]): void {
  for (const { desired: d, existing } of matched) {
    if (!existing || d.absent || d.type === null) continue;
    const actual = existing.isInternal ? 'internal' : 'external';
    if (actual === d.type) continue;
    throw new ReconcileError(
      `Group ${d.name} is ${actual} in App Store Connect, but ${d.declaredAt} declares it ${d.type}, and a group's type is fixed when it is created: declare it as ${actual}, or give the ${d.type} group another name so that it is created.`,
    );
  }
}
