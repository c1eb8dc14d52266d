// The step's outputs (DESIGN.md §1), computed from the reconcile result as plain strings. In a dry run each
// says what the real run would do (the result already is that), review-state `would-submit` included.
import type { BuildInfo } from '../asc/index.js';
import type { ReconcileResult } from '../reconcile/index.js';

export type OutputName =
  | 'app-id'
  | 'build-id'
  | 'build-state'
  | 'group-ids'
  | 'created-groups'
  | 'testers-added'
  | 'testers-removed'
  | 'public-links'
  | 'review-state'
  | 'changes'
  | 'plan'
  | 'expired-builds'
  | 'expires-at';

/** `VALID (READY_FOR_BETA_SUBMISSION)`: the processing state, with the beta state where known. */
export function describeBuildState(build: BuildInfo | null): string {
  if (!build) return '';
  const processing = build.expired ? 'EXPIRED' : (build.processingState ?? 'UNKNOWN');
  const beta = build.betaDetail?.externalBuildState ?? build.betaDetail?.internalBuildState;
  return beta ? `${processing} (${beta})` : processing;
}

export function resultOutputs(result: ReconcileResult): Record<OutputName, string> {
  const groupIds: Record<string, string | null> = {};
  const publicLinks: Record<string, string> = {};
  // A deleted group has no ID any more; the plan and the summary name it.
  for (const group of result.groups.filter((g) => !g.deleted)) {
    groupIds[group.name] = group.id;
    if (group.publicLink) publicLinks[group.name] = group.publicLink;
  }
  return {
    'app-id': result.app.id,
    'build-id': result.build?.id ?? '',
    'build-state': describeBuildState(result.build),
    'group-ids': JSON.stringify(groupIds),
    'created-groups': JSON.stringify(result.createdGroups),
    'testers-added': String(result.testersAdded),
    'testers-removed': String(result.testersRemoved),
    'public-links': JSON.stringify(publicLinks),
    'review-state': result.reviewState,
    changes: String(result.changes),
    // The contract's fields of each operation, in the contract's order; the summary's are left out.
    plan: JSON.stringify(result.plan.map(({ op, target, detail }) => ({ op, target, detail }))),
    'expired-builds': JSON.stringify(result.expiredBuilds),
    'expires-at': result.expiresAt ?? '',
  };
}
