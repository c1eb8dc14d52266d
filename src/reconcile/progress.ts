// Where a run stands, kept as it goes (the app, the declared groups as read, the build, what took effect), so
// a run that stops on an error can still say what it had read and what it had changed.
import type { AppInfo, BuildInfo } from '../asc/index.js';
import { membersKnown, type CurrentState } from './current.js';
import type { MatchedGroup } from './match-groups.js';
import type { GroupAsRead, PlannedOperation, ReconcileProgress } from './result.js';

export interface ProgressLog {
  app: AppInfo | null;
  matched: MatchedGroup[] | null;
  build: BuildInfo | null;
  /** The whole state, once reading is done. */
  current: CurrentState | null;
  warnings: string[];
  done: PlannedOperation[];
}

export function newProgressLog(): ProgressLog {
  return { app: null, matched: null, build: null, current: null, warnings: [], done: [] };
}

export function progressReport(log: ProgressLog, dryRun: boolean): ReconcileProgress {
  return {
    dryRun,
    app: log.app,
    build: log.build,
    // A group declared absent that is not there was never part of the run.
    groups: (log.matched ?? [])
      .filter((match) => !match.desired.absent || match.existing)
      .map((match) => groupAsRead(match, log.current)),
    warnings: [...log.warnings],
    done: [...log.done],
  };
}

function groupAsRead(match: MatchedGroup, current: CurrentState | null): GroupAsRead {
  const existing = match.existing;
  let build: GroupAsRead['build'] = null;
  // A group declared absent gets no build: it is only deleted.
  if (match.desired.absent) build = null;
  else if (current?.build && existing) {
    if (existing.isInternal && existing.hasAccessToAllBuilds) build = 'all-builds';
    else build = current.groupIdsWithBuild.includes(existing.id) ? 'in' : 'missing';
  } else if (current?.build) {
    build = 'missing';
  }
  const members =
    existing && current && membersKnown(current, existing.id)
      ? current.groupTesters.get(existing.id)
      : undefined;
  return {
    name: match.desired.name,
    id: existing?.id ?? null,
    type: match.internal ? 'internal' : 'external',
    build,
    members: members ? members.length : null,
    publicLink: existing?.publicLinkEnabled ? existing.publicLink : null,
  };
}
