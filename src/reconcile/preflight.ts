// Failures knowable from the read state beyond the single operations: the Test Information Beta App Review
// needs, the internal groups' team-only rule, and TestFlight's tester caps. Each throws one sentence, and the
// planner calls them before it returns a plan, so nothing has been changed yet.
import type { BuildInfo } from '../asc/index.js';
import { membersKnown, type CurrentState } from './current.js';
import type { SettingHints } from './desired.js';
import type { MatchedGroup } from './match-groups.js';
import { describeBuild } from './plan-build.js';
import type { GroupTesterChanges } from './plan-testers.js';
import type { TestInformationAfter } from './plan-test-information.js';
import { ReconcileError } from './reconcile-error.js';

/** TestFlight's caps: internal testers per team (its members), external testers per app. */
const MAX_INTERNAL_TESTERS = 100;
export const MAX_EXTERNAL_TESTERS = 10_000;

const blank = (value: string | null | undefined): boolean =>
  value === null || value === undefined || value.trim() === '';

/** A submission Apple would refuse for missing Test Information fails here, naming the fields and settings. */
export function checkReviewInformation(
  after: TestInformationAfter,
  build: BuildInfo,
  appLabel: string,
  hints: SettingHints,
): void {
  const missing: string[] = [];
  const inputs = new Set<string>();
  const locale = after.primaryLocale;
  if (blank(after.primary?.description)) {
    missing.push(`the beta app description (${locale})`);
    inputs.add(hints.betaDescription);
  }
  if (blank(after.primary?.feedbackEmail)) {
    missing.push(`the feedback email (${locale})`);
    inputs.add(hints.feedbackEmail);
  }
  const review = after.review;
  const contact = [
    blank(review.contactFirstName) ? 'first name' : null,
    blank(review.contactLastName) ? 'last name' : null,
    blank(review.contactEmail) ? 'email' : null,
    blank(review.contactPhone) ? 'phone number' : null,
  ].filter((part): part is string => part !== null);
  if (contact.length > 0) {
    missing.push(`the review contact's ${joinAnd(contact)}`);
    inputs.add(hints.reviewContact);
  }
  // A password Apple sends empty may be hidden rather than missing: only a missing name is certain.
  if (review.demoAccountRequired === true && blank(review.demoAccountName)) {
    missing.push('the demo account the reviewers are told to use');
    inputs.add(`${hints.input('demoAccount')} (\`name:password\`, from a secret)`);
  }
  if (missing.length === 0) return;
  throw new ReconcileError(
    `Build ${describeBuild(build)} would be submitted for Beta App Review, but the Test Information of ${appLabel} lacks ${joinAnd(missing)}, which Apple requires before an external review: set ${joinSettings([...inputs])}, or fill ${missing.length > 1 ? 'them' : 'it'} in under TestFlight → Test Information in App Store Connect, then re-run.`,
  );
}

/**
 * The settings to set, joined: when each names the same place at its end (" in .github/testflight.yml"), the
 * place is said once, after the last.
 */
function joinSettings(phrases: string[]): string {
  const place = / in \S+$/.exec(phrases[0] ?? '')?.[0];
  if (phrases.length < 2 || !place || !phrases.every((p) => p.endsWith(place))) {
    return joinAnd(phrases);
  }
  return joinAnd(phrases.map((p) => p.slice(0, -place.length))) + place;
}

/** Internal groups take only team members; `teamMembers` null means the team could not be read. */
export function checkTeamMembers(
  matched: MatchedGroup[],
  perGroup: GroupTesterChanges[],
  teamMembers: ReadonlySet<string> | null,
  hints: SettingHints,
): void {
  if (teamMembers === null) return;
  const outsiders = new Set<string>();
  const groups = new Set<string>();
  matched.forEach((match, i) => {
    if (!match.internal) return;
    for (const email of perGroup[i]!.added) {
      if (teamMembers.has(email)) continue;
      outsiders.add(email);
      groups.add(match.desired.name);
    }
  });
  if (outsiders.size === 0) return;
  const many = outsiders.size > 1;
  const names = [...groups];
  throw new ReconcileError(
    `${listEmails([...outsiders])} ${many ? 'are not members' : 'is not a member'} of your App Store Connect team, so the internal group${names.length > 1 ? 's' : ''} ${joinAnd(names)} cannot take ${many ? 'them' : 'that tester'}: add ${many ? 'them' : 'that person'} to the team under Users and Access first, or list ${many ? 'them' : 'that tester'} only ${hints.externalTesters}.`,
  );
}

/**
 * At most 100 internal and 10,000 external testers after the plan, counted over the app's groups of that type
 * (distinct emails). Only counted where every such group's members were read; Apple counts the team's other
 * apps too, so it may still refuse (apply says so).
 */
export function checkTesterCaps(
  matched: MatchedGroup[],
  perGroup: GroupTesterChanges[],
  current: Pick<CurrentState, 'groups' | 'groupTesters' | 'partialGroupIds'>,
  appLabel: string,
  hints: SettingHints,
): void {
  for (const internal of [true, false]) {
    const of = matched
      .map((m, i) => ({ m, changes: perGroup[i]! }))
      .filter((x) => x.m.internal === internal);
    if (!of.some((x) => x.changes.added.length > 0)) continue;
    const groups = current.groups.filter((g) => g.isInternal === internal);
    if (!groups.every((g) => membersKnown(current, g.id))) continue;
    const emails = new Set<string>();
    for (const group of groups) {
      const target = of.find((x) => x.m.existing?.id === group.id);
      const removed = new Set(target?.changes.removed ?? []);
      for (const tester of current.groupTesters.get(group.id) ?? []) {
        const email = tester.email.toLowerCase();
        if (!removed.has(email)) emails.add(email);
      }
    }
    for (const x of of) for (const email of x.changes.added) emails.add(email);
    const max = internal ? MAX_INTERNAL_TESTERS : MAX_EXTERNAL_TESTERS;
    if (emails.size <= max) continue;
    const count = emails.size.toLocaleString('en-US');
    throw new ReconcileError(
      internal
        ? `After this run the internal groups of ${appLabel} would hold ${count} testers, more than the ${max} internal testers (team members) TestFlight allows: remove testers from its internal groups, or list fewer ${hints.testers}.`
        : `After this run the external groups of ${appLabel} would hold ${count} testers, more than the ${max.toLocaleString('en-US')} TestFlight allows per app: remove testers from its external groups (${hints.removeUnlisted} does so for the listed groups), or list fewer ${hints.testers}.`,
    );
  }
}

function listEmails(emails: string[]): string {
  const shown = emails.slice(0, 10);
  const more = emails.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : joinAnd(shown);
}

/** "a", "a and b", "a, b and c". */
function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
