// The job summary's figures about each declared group's testers, read after the run and only for the summary:
// usage over the last 30 days, the public link's usage, and how far the members got (invited, accepted,
// installed). Every request is independent of the others and sent at once, each a single attempt; a figure
// that cannot be read is left out, and one warning says which and why. None of it ever fails the run.
import type { AscApi, TesterInfo, UsagePeriod } from '../asc/index.js';
import type { GroupMetrics, GroupOutcome, TesterFunnel } from './result.js';

/** The usage period the summary shows: the last 30 days. */
const USAGE_PERIOD: UsagePeriod = 'P30D';

/** The summary names at most this many members who never installed. */
const NOT_INSTALLED_LISTED = 100;

/** Counts of the members by Apple's tester `state`, cumulative as a funnel: an installer has accepted too. */
export function testerFunnel(testers: readonly TesterInfo[], total: number): TesterFunnel {
  const count = (...states: string[]) =>
    testers.filter((t) => states.includes(t.state ?? '')).length;
  const notInstalled = testers
    .filter((t) => t.state === 'INVITED' || t.state === 'ACCEPTED')
    .map((t) => t.email);
  return {
    counted: testers.length,
    total: Math.max(total, testers.length),
    invited: count('INVITED', 'ACCEPTED', 'INSTALLED'),
    accepted: count('ACCEPTED', 'INSTALLED'),
    installed: count('INSTALLED'),
    notInvited: count('NOT_INVITED'),
    revoked: count('REVOKED'),
    notInstalled: notInstalled.slice(0, NOT_INSTALLED_LISTED),
    notInstalledCount: notInstalled.length,
  };
}

/** A group this run created has had no testers, sessions or link visits yet: nothing to ask Apple. */
const NO_USAGE = { sessions: 0, crashes: 0, feedback: 0, testers: 0, totalTesters: 0 };
const NO_LINK_USAGE = { views: 0, accepted: 0, didNotAccept: 0, didNotMeetCriteria: 0 };

/** What could not be read, for the one warning. */
interface Miss {
  group: string;
  what: string;
  error: unknown;
}

/**
 * The metrics of every declared group that exists (a group a dry run would create has none yet), in declared
 * order. Members the run already holds are counted as they are; the others are read, the first page of them.
 * A group the run created has no usage yet, so only its members are counted (from the run, or read).
 */
export async function readGroupMetrics(
  api: AscApi,
  groups: readonly GroupOutcome[],
  warn: (line: string) => void,
): Promise<GroupMetrics[]> {
  const misses: Miss[] = [];
  const attempt = async <T>(group: string, what: string, read: () => Promise<T>) => {
    try {
      return await read();
    } catch (error) {
      misses.push({ group, what, error });
      return null;
    }
  };
  // A group the run deleted (or, in a dry run, would delete) has no testers to report on.
  const existing = groups.filter(
    (g): g is GroupOutcome & { id: string } => g.id !== null && !g.deleted,
  );
  const metrics = await Promise.all(
    existing.map(async (group): Promise<GroupMetrics> => {
      const hasLink = group.type === 'external' && group.publicLink !== null;
      const [usage, link, funnel] = await Promise.all([
        group.created
          ? NO_USAGE
          : attempt(group.name, 'tester usage', () =>
              api.readGroupTesterUsage(group.id, USAGE_PERIOD),
            ),
        !hasLink
          ? null
          : group.created
            ? NO_LINK_USAGE
            : attempt(group.name, 'public link usage', () => api.readPublicLinkUsage(group.id)),
        group.members
          ? testerFunnel(group.members, group.members.length)
          : attempt(group.name, 'testers', async () => {
              const sample = await api.sampleGroupTesters(group.id);
              return testerFunnel(sample.testers, sample.total);
            }),
      ]);
      return {
        name: group.name,
        usage,
        publicLink: link && { ...link, limit: group.publicLinkLimit },
        hasPublicLink: hasLink,
        funnel,
      };
    }),
  );
  if (misses.length > 0) warn(missWarning(misses));
  return metrics;
}

function missWarning(misses: Miss[]): string {
  const what = misses.map((m) => `${m.what} of ${m.group}`);
  const first = misses[0]!.error;
  const reason = first instanceof Error ? first.message : String(first);
  return `Could not read the ${what.join(', ')} from App Store Connect (${reason.replace(/[.]\s*$/, '')}), so the summary leaves ${misses.length === 1 ? 'it' : 'them'} out; the run itself is not affected.`;
}
