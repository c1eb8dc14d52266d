// The summary's build expiry section: per declared group, the newest build it holds once the run is done and
// the days until TestFlight stops offering it; and the builds `keep-builds` expired.
import type { ReconcileResult } from '../reconcile/index.js';
import type { Block, SummarySection } from './summary-document.js';

export function expirySection(result: ReconcileResult): SummarySection | null {
  if (result.groupExpiry.length === 0 && result.expiredBuilds.length === 0) return null;
  const blocks: Block[] = [];
  if (result.groupExpiry.length > 0) {
    const rows = result.groupExpiry.map((g) => [
      g.name,
      g.newestBuild
        ? g.newestBuild.marketingVersion
          ? `${g.newestBuild.number} (${g.newestBuild.marketingVersion})`
          : g.newestBuild.number
        : { strong: 'none unexpired' },
      g.expiresAt ? g.expiresAt.slice(0, 10) : '—',
      g.daysLeft === null ? '—' : String(g.daysLeft),
    ]);
    blocks.push({ table: { head: ['Group', 'Newest build', 'Expires', 'Days left'], rows } });
  }
  if (result.expiredBuilds.length > 0) {
    const verb = result.dryRun ? 'Would expire' : 'Expired';
    const builds = result.expiredBuilds.map((n) => `build ${n}`).join(', ');
    blocks.push({ paragraph: [verb, ' (', { code: 'keep-builds' }, `): ${builds}.`] });
  }
  return { heading: 'Build expiry', blocks };
}
