// Tester operations: invite the listed testers who do not exist yet (one call each, with all their
// groups), add existing ones per group in one call, and remove unlisted members when asked.
import type { TesterInfo } from '../asc/index.js';
import type { CurrentState } from './current.js';
import type { TesterSpec } from './desired.js';
import type { MatchedGroup } from './match-groups.js';
import type { GroupRef, Operation, TesterRef } from './operations.js';
import { groupRef } from './plan-groups.js';

export interface GroupTesterChanges {
  added: string[];
  removed: string[];
  unchanged: number;
}

export function planTesters(
  matched: MatchedGroup[],
  current: Pick<CurrentState, 'groupTesters' | 'otherTesters'>,
): { operations: Operation[]; perGroup: GroupTesterChanges[] } {
  const known = new Map<string, TesterInfo>();
  for (const members of current.groupTesters.values()) {
    for (const tester of members) known.set(tester.email.toLowerCase(), tester);
  }
  for (const tester of current.otherTesters) known.set(tester.email.toLowerCase(), tester);

  const operations: Operation[] = [];
  const invites = new Map<string, { groups: GroupRef[]; spec: TesterSpec }>();
  const perGroup = matched.map((match): GroupTesterChanges => {
    const members = match.existing ? (current.groupTesters.get(match.existing.id) ?? []) : [];
    const memberEmails = new Set(members.map((m) => m.email.toLowerCase()));
    const listed = new Set(match.desired.testers.map((t) => t.email));
    const ref = groupRef(match);
    const toAdd: TesterRef[] = [];
    const added: string[] = [];
    let unchanged = 0;
    for (const spec of match.desired.testers) {
      if (memberEmails.has(spec.email)) {
        unchanged++;
        continue;
      }
      added.push(spec.email);
      const record = known.get(spec.email);
      if (record) toAdd.push({ id: record.id, email: spec.email });
      else {
        const invite = invites.get(spec.email) ?? { groups: [], spec };
        invite.groups.push(ref);
        invites.set(spec.email, invite);
      }
    }
    const toRemove: TesterRef[] = match.desired.removeUnlistedTesters
      ? members
          .filter((m) => !listed.has(m.email.toLowerCase()))
          .map((m) => ({ id: m.id, email: m.email.toLowerCase() }))
      : [];
    if (toAdd.length > 0) {
      operations.push({
        op: 'add-testers',
        target: ref.name,
        detail: `add ${listEmails(toAdd)} to ${ref.name}`,
        change: countTesters(toAdd.length),
        group: ref,
        testers: toAdd,
      });
    }
    if (toRemove.length > 0) {
      operations.push({
        op: 'remove-testers',
        target: ref.name,
        detail: `remove ${listEmails(toRemove)} from ${ref.name}`,
        change: countTesters(toRemove.length),
        group: ref,
        testers: toRemove,
      });
    }
    return { added, removed: toRemove.map((t) => t.email), unchanged };
  });

  for (const [email, invite] of invites) {
    operations.push({
      op: 'create-tester',
      target: email,
      detail: `invite ${email} to ${invite.groups.map((g) => g.name).join(', ')}`,
      change: `to ${invite.groups.map((g) => g.name).join(', ')}`,
      tester: invite.spec,
      groups: invite.groups,
    });
  }
  return { operations, perGroup };
}

function countTesters(count: number): string {
  return `${count} tester${count === 1 ? '' : 's'}`;
}

function listEmails(testers: TesterRef[]): string {
  const shown = testers.slice(0, 5).map((t) => t.email);
  const more = testers.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
