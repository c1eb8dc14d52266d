// Group-level operations: creating missing groups, bringing link/limit/feedback settings in line, and
// deleting the groups declared absent.
import type { BuildInfo, GroupAttributes, GroupInfo, NewGroup } from '../asc/index.js';
import type { SettingHints } from './desired.js';
import type { MatchedGroup } from './match-groups.js';
import type { GroupRef, Operation } from './operations.js';
import { describeBuild } from './plan-build.js';
import { ReconcileError } from './reconcile-error.js';

export function groupRef(match: MatchedGroup): GroupRef {
  return { name: match.desired.name, id: match.existing?.id ?? null, internal: match.internal };
}

/** True when the declared group asks for a setting that only external groups have. */
function asksExternalSettings(match: MatchedGroup): boolean {
  const d = match.desired;
  return (
    d.publicLink !== null ||
    d.publicLinkLimit !== null ||
    d.feedbackEnabled !== null ||
    d.recruitment !== null
  );
}

/** The run's build when it goes to the group; null when the run has none or the group is declared not to get it. */
function buildFor(match: MatchedGroup, build: BuildInfo | null): BuildInfo | null {
  return match.desired.receivesBuild ? build : null;
}

/** A public link on a group that will hold no build: Apple refuses it, so the run fails before any change. */
function linkWithoutBuild(
  match: MatchedGroup,
  build: BuildInfo | null,
  hints: SettingHints,
): ReconcileError {
  const d = match.desired;
  const state = match.existing ? 'holds no build' : 'would be created without a build';
  const fix = build
    ? `let this run's build go to it (${d.declaredAt} says it gets none)`
    : `set ${hints.input('buildNumber')} so the build goes to the group in the same run`;
  return new ReconcileError(
    `Group ${d.name} ${state} and this run ${build ? 'gives it none' : 'brings none'}, so App Store Connect will not enable its public link: ${fix}, or ${hints.leavePublicLink} until the group has a build.`,
  );
}

/**
 * create-group for a missing group: one request with every declared setting and the run's build, so the
 * public link can be on from the start (Apple enables a link only on a group with a build, and the build in
 * the create request is that). Internal groups are created without access to all builds unless declared
 * with it, so the build this run distributes is what they get (and a plan never depends on Apple's default);
 * one with access to all builds gets every build without a request (Apple refuses to link one to it).
 */
export function planCreateGroup(
  match: MatchedGroup,
  runBuild: BuildInfo | null,
  hints: SettingHints,
): Operation {
  const d = match.desired;
  const attributes: NewGroup = { name: d.name };
  const settings: string[] = [];
  const allBuilds = match.internal && d.accessToAllBuilds === true;
  const build = allBuilds ? null : buildFor(match, runBuild);
  if (match.internal) {
    attributes.isInternalGroup = true;
    attributes.hasAccessToAllBuilds = allBuilds;
    if (allBuilds) settings.push('access to all builds');
  } else {
    attributes.isInternalGroup = false;
    if (d.feedbackEnabled !== null) {
      attributes.feedbackEnabled = d.feedbackEnabled;
      settings.push(`feedback ${d.feedbackEnabled ? 'on' : 'off'}`);
    }
    if (d.publicLinkLimit !== null) {
      attributes.publicLinkLimitEnabled = true;
      attributes.publicLinkLimit = d.publicLinkLimit;
      settings.push(`public link limit ${d.publicLinkLimit}`);
    }
    if (d.publicLink === 'enabled') {
      if (build) {
        attributes.publicLinkEnabled = true;
        settings.push('public link enabled');
      } else {
        throw linkWithoutBuild(match, runBuild, hints);
      }
    }
  }
  const type = match.internal ? 'internal' : 'external';
  const withBuild = build ? `with build ${describeBuild(build)}` : null;
  return {
    op: 'create-group',
    target: d.name,
    detail: `create ${type} group ${d.name}${settings.length ? ` (${settings.join(', ')})` : ''}${withBuild ? ` ${withBuild}` : ''}`,
    change: [type, ...(withBuild ? [withBuild] : []), ...settings].join(', '),
    attributes,
    buildId: build?.id ?? null,
  };
}

/** update-group when an existing external group's link, limit or feedback differs from the declared one. */
export function planGroupSettings(
  match: MatchedGroup,
  runBuild: BuildInfo | null,
  groupIdsWithoutBuilds: ReadonlySet<string>,
  warnings: string[],
  hints: SettingHints,
): Operation | null {
  const d = match.desired;
  const build = buildFor(match, runBuild);
  if (match.internal) {
    if (asksExternalSettings(match)) {
      warnings.push(
        `Group ${d.name} is internal, and ${hints.externalSettings} apply only to external groups, so they were left alone for it.`,
      );
    }
    if (match.existing) warnAccessToAllBuilds(match.existing, d.accessToAllBuilds, d, warnings);
    return null;
  }
  const current = match.existing;
  // A group this run creates gets its settings in the create request (planCreateGroup).
  if (!current) return null;
  const attributes: GroupAttributes = {};
  const changes: string[] = [];
  if (d.feedbackEnabled !== null && current.feedbackEnabled !== d.feedbackEnabled) {
    attributes.feedbackEnabled = d.feedbackEnabled;
    changes.push(`feedback ${onOff(current.feedbackEnabled)} → ${onOff(d.feedbackEnabled)}`);
  }
  const limitMatches =
    current.publicLinkLimitEnabled === true && current.publicLinkLimit === d.publicLinkLimit;
  if (d.publicLinkLimit !== null && !limitMatches) {
    attributes.publicLinkLimitEnabled = true;
    attributes.publicLinkLimit = d.publicLinkLimit;
    const was = current.publicLinkLimitEnabled ? String(current.publicLinkLimit) : 'none';
    changes.push(`public link limit ${was} → ${d.publicLinkLimit}`);
  }
  const linkOn = current.publicLinkEnabled === true;
  if (d.publicLink === 'disabled' && linkOn) {
    attributes.publicLinkEnabled = false;
    changes.push('public link enabled → disabled');
  }
  if (d.publicLink === 'enabled' && !linkOn) {
    if (!build && groupIdsWithoutBuilds.has(current.id)) {
      // Apple offers a link only for a group with a build, and this run brings none: fail before any change.
      throw linkWithoutBuild(match, runBuild, hints);
    } else {
      attributes.publicLinkEnabled = true;
      changes.push('public link disabled → enabled');
    }
  }
  if (changes.length === 0) return null;
  return {
    op: 'update-group',
    target: d.name,
    detail: `change ${d.name}: ${changes.join('; ')}`,
    change: changes.join('; '),
    group: groupRef(match),
    attributes,
  };
}

/** Apple sets an internal group's access to all builds only at creation: a difference is said, never changed. */
function warnAccessToAllBuilds(
  current: GroupInfo,
  wanted: boolean | null,
  d: MatchedGroup['desired'],
  warnings: string[],
): void {
  if (wanted === null || wanted === current.hasAccessToAllBuilds) return;
  warnings.push(
    `Group ${d.name} ${current.hasAccessToAllBuilds ? 'gets every build' : 'gets only the builds given to it'} in App Store Connect, but ${d.declaredAt} declares it ${wanted ? 'with' : 'without'} access to all builds; App Store Connect sets that only when a group is created, so it was left alone (delete and recreate the group to change it).`,
  );
}

/** delete-group for an existing group declared absent. */
export function planDeleteGroup(match: MatchedGroup): Operation | null {
  const existing = match.existing;
  if (!existing) return null;
  const type = existing.isInternal ? 'internal' : 'external';
  return {
    op: 'delete-group',
    target: match.desired.name,
    detail: `delete ${type} group ${match.desired.name} (declared absent at ${match.desired.declaredAt}; its testers stay testers of the app)`,
    change: `${type}, declared absent`,
    groupId: existing.id,
  };
}

/** The link a group will have after the plan: Apple shows a group's link URL even while it is off. */
export function expectedPublicLink(match: MatchedGroup, update: Operation | null): string | null {
  const current = match.existing;
  if (!current) return null;
  const enabled =
    update?.op === 'update-group' && update.attributes.publicLinkEnabled !== undefined
      ? update.attributes.publicLinkEnabled
      : current.publicLinkEnabled === true;
  return enabled ? current.publicLink : null;
}

function onOff(value: boolean | null): string {
  return value === null ? 'unset' : value ? 'on' : 'off';
}
