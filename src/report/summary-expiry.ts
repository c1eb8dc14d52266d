// The summary's build expiry section: per declared group, the newest build it holds once the run is done and
// the days until TestFlight stops offering it; and the builds `keep-builds` expired.
import type { ReconcileResult } from '../reconcile/index.js';
import { escapeHtml, header, type SummaryWriter } from './summary-markup.js';

export function writeExpirySection(result: ReconcileResult, summary: SummaryWriter): void {
  if (result.groupExpiry.length === 0 && result.expiredBuilds.length === 0) return;
  summary.addHeading('Build expiry', 3);
  if (result.groupExpiry.length > 0) {
    summary.addTable([
      header('Group', 'Newest build', 'Expires', 'Days left'),
      ...result.groupExpiry.map((g) => [
        escapeHtml(g.name),
        g.newestBuild
          ? escapeHtml(
              g.newestBuild.marketingVersion
                ? `${g.newestBuild.number} (${g.newestBuild.marketingVersion})`
                : g.newestBuild.number,
            )
          : '<i>none unexpired</i>',
        g.expiresAt ? g.expiresAt.slice(0, 10) : '—',
        g.daysLeft === null ? '—' : String(g.daysLeft),
      ]),
    ]);
  }
  if (result.expiredBuilds.length > 0) {
    const verb = result.dryRun ? 'Would expire' : 'Expired';
    summary.addRaw(
      `<p>${verb} (keep-builds): ${result.expiredBuilds.map((n) => `build ${escapeHtml(n)}`).join(', ')}.</p>`,
      true,
    );
  }
}
