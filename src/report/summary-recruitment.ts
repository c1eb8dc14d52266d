// The summary's recruitment section: per group with recruitment criteria, the criteria once the run is done
// (whether it set or changed them) and App Store Connect's compatible-build check of them.
import type { RecruitmentOutcome, ReconcileResult } from '../reconcile/index.js';
import type { Inline, SummarySection } from './summary-document.js';

export function recruitmentSection(result: ReconcileResult): SummarySection | null {
  const groups = result.groups.filter(
    (g): g is typeof g & { recruitment: RecruitmentOutcome } =>
      !g.deleted && g.recruitment !== null,
  );
  if (groups.length === 0) return null;
  const rows = groups.map((g): Inline[] => [
    g.name,
    g.recruitment.description,
    changeCell(g.recruitment, result.dryRun),
    checkCell(g.recruitment, result.dryRun),
  ]);
  return {
    heading: 'Recruitment criteria',
    blocks: [
      { table: { head: ['Group', 'Admits', 'This run', 'Compatible build'], rows } },
      {
        paragraph:
          "Compatible build is App Store Connect's check of whether the group holds a build that the devices its criteria admit can install" +
          (result.dryRun ? ', asked before the planned changes.' : ', asked after this run.'),
      },
    ],
  };
}

function changeCell(recruitment: RecruitmentOutcome, dryRun: boolean): string {
  if (!recruitment.changed) return 'already so';
  if (recruitment.filters.length === 0) return dryRun ? 'would remove' : 'removed';
  return dryRun ? 'would set' : 'set';
}

function checkCell(recruitment: RecruitmentOutcome, dryRun: boolean): Inline {
  if (recruitment.filters.length === 0) return '—';
  if (recruitment.compatibleBuild === true) return 'yes';
  if (recruitment.compatibleBuild === false) return { strong: 'none' };
  // Not asked: the group is still to be created (dry run), or Apple did not say.
  return dryRun ? 'asked once applied' : 'not said';
}
