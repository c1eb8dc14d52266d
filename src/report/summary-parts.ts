// Pieces both job summaries use (the result's and the failure's): the title, the build table, operations as
// words, counts, folded email lists and the links of a group.
import type { AppInfo, BuildInfo } from '../asc/index.js';
import type { OperationKind, PlannedOperation } from '../reconcile/index.js';
import { describeBuildState } from './outputs.js';
import type { Block, Inline } from './summary-document.js';

export type SummaryStatus = 'applied' | 'dry run' | 'nothing to change' | 'failed';

const STATUS_MARKERS: Record<SummaryStatus, string> = {
  applied: '✅',
  'dry run': '📝',
  'nothing to change': '☑️',
  failed: '❌',
};

/** "✅ TestFlight: Example build 42 (1.2.0) — applied": the status first, then what it is about. */
export function summaryTitle(
  status: SummaryStatus,
  app: AppInfo | null,
  build: BuildInfo | null,
): string {
  const appName = app ? app.name || app.bundleId || app.id : null;
  const about = appName
    ? ` ${appName}` +
      (build
        ? ` build ${build.number}` + (build.marketingVersion ? ` (${build.marketingVersion})` : '')
        : '')
    : '';
  return `${STATUS_MARKERS[status]} TestFlight${about ? `:${about}` : ''} — ${status}`;
}

/** "1 change", "4 changes". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

const OPERATION_WORDS: Record<OperationKind, string> = {
  'create-group': 'Create group',
  'update-group': 'Change group settings',
  'set-export-compliance': 'Set export compliance',
  'add-build': 'Add build',
  'create-tester': 'Invite tester',
  'add-testers': 'Add testers',
  'remove-testers': 'Remove testers',
  'set-what-to-test': 'Set What to Test',
  'submit-for-review': 'Submit for review',
  'notify-testers': 'Notify testers',
  'set-test-information': 'Set Test Information',
  'set-review-details': 'Set review details',
  'set-license-agreement': 'Set license agreement',
  'assign-encryption-declaration': 'Assign encryption declaration',
  'expire-build': 'Expire build',
  'delete-group': 'Delete group',
  'create-recruitment-criteria': 'Set recruitment criteria',
  'update-recruitment-criteria': 'Change recruitment criteria',
  'delete-recruitment-criteria': 'Remove recruitment criteria',
};

/** Up to this many emails show in a cell as they are; a longer list folds into a `<details>`. */
const EMAILS_SHOWN = 5;
/** A fold lists at most this many, so a 10,000-tester run keeps the summary small. */
const EMAILS_FOLDED = 100;

/** "2 (a@x, b@y)", or for a long list a fold "7 testers" that opens on the emails. */
export function emailList(emails: readonly string[]): Inline {
  if (emails.length === 0) return '0';
  if (emails.length <= EMAILS_SHOWN) return `${emails.length} (${emails.join(', ')})`;
  const listed = emails.slice(0, EMAILS_FOLDED).join(', ');
  const more = emails.length - EMAILS_FOLDED;
  return {
    fold: count(emails.length, 'tester'),
    body: more > 0 ? `${listed} and ${more} more` : listed,
  };
}

/** A table lists at most this many operations: GitHub shows no summary past 1 MiB, and 10,000 invites would be. */
const OPERATIONS_SHOWN = 200;

/** The operations as a table: what is done in words, to what, and the change itself. */
export function operationsTable(operations: readonly PlannedOperation[]): Block[] {
  const rows = operations
    .slice(0, OPERATIONS_SHOWN)
    .map((op): Inline[] => [
      OPERATION_WORDS[op.op],
      op.target,
      op.testers && op.testers.length > EMAILS_SHOWN
        ? emailList(op.testers)
        : op.testers
          ? op.testers.join(', ')
          : op.change,
    ]);
  const table: Block = { table: { head: ['Operation', 'Target', 'Detail'], rows } };
  const more = operations.length - rows.length;
  if (more <= 0) return [table];
  const rest: Inline = [
    `… and ${count(more, 'more operation')}: the `,
    { code: 'plan' },
    ' output and the log list them all.',
  ];
  return [table, { paragraph: rest }];
}

/** The group's TestFlight page in App Store Connect (the web app finds the team from the signed-in user). */
function groupPageUrl(appId: string, groupId: string): string {
  return `https://appstoreconnect.apple.com/apps/${encodeURIComponent(appId)}/testflight/groups/${encodeURIComponent(groupId)}`;
}

/** The group's public link and its App Store Connect page, side by side; "—" when it has neither yet. */
export function groupLinks(
  appId: string,
  groupId: string | null,
  publicLink: string | null,
): Inline {
  const links: Inline[] = [];
  if (publicLink) links.push({ link: publicLink, href: publicLink });
  if (groupId) links.push({ link: 'App Store Connect', href: groupPageUrl(appId, groupId) });
  if (links.length === 0) return '—';
  return links.flatMap((link, i) => (i === 0 ? [link] : [' · ', link]));
}

export interface ExportComplianceView {
  /** The answer this run sets (would set, in a dry run); null: none. */
  set: boolean | null;
  dryRun: boolean;
}

function exportComplianceCell(build: BuildInfo, compliance: ExportComplianceView): string {
  const answer = build.usesNonExemptEncryption;
  if (compliance.set !== null && compliance.dryRun) return `not set → ${compliance.set}`;
  if (answer === null) return 'not set';
  return compliance.set !== null ? `${answer} (set by this run)` : String(answer);
}

export function buildTable(build: BuildInfo, compliance: ExportComplianceView): Block {
  return {
    table: {
      head: ['Build', 'Version', 'Platform', 'State', 'Uses non-exempt encryption'],
      rows: [
        [
          build.number,
          build.marketingVersion ?? '—',
          build.platform ?? '—',
          describeBuildState(build),
          exportComplianceCell(build, compliance),
        ],
      ],
    },
  };
}
