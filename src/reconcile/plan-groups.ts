// Group-level operations: creating missing groups and bringing link/limit/feedback settings in line.
import type { BuildInfo, GroupAttributes, NewGroup } from '../asc/index.js';
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
  return d.publicLink !== null || d.publicLinkLimit !== null || d.feedbackEnabled !== null;
}

/** A public link on a group that will hold no build: Apple refuses it, so the run fails before any change. */
const linkWithoutBuild = (name: string, exists: boolean): ReconcileError =>
  new ReconcileError(
    `Group ${name} ${exists ? 'holds no build' : 'would be created without a build'} and this run brings none, so App Store Connect will not enable its public link: set \`build-number\` so the build goes to the group in the same run, or leave \`public-link\` empty until the group has a build.`,
  );

/**
 * create-group for a missing group: one request with every declared setting and the run's build, so the
 * public link can be on from the start (Apple enables a link only on a group with a build, and the build in
 * the create request is that). Internal groups are created without access to all builds, so the build
 * this run distributes is what they get (and a plan never depends on Apple's default).
 */
export function planCreateGroup(match: MatchedGroup, build: BuildInfo | null): Operation {
  const d = match.desired;
  const attributes: NewGroup = { name: d.name };
  const settings: string[] = [];
  if (match.internal) {
    attributes.isInternalGroup = true;
    attributes.hasAccessToAllBuilds = false;
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
        throw linkWithoutBuild(d.name, false);
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
  build: BuildInfo | null,
  groupIdsWithoutBuilds: ReadonlySet<string>,
  warnings: string[],
): Operation | null {
  const d = match.desired;
  if (match.internal) {
    if (asksExternalSettings(match)) {
      warnings.push(
        `Group ${d.name} is internal, and public-link, public-link-limit and feedback-enabled apply only to external groups, so they were left alone for it.`,
      );
    }
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
      throw linkWithoutBuild(d.name, true);
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

/** The link's tester limit after the plan: the declared one, else the one the group has; null when none is on. */
export function expectedLinkLimit(match: MatchedGroup): number | null {
  if (match.internal) return null;
  if (match.desired.publicLinkLimit !== null) return match.desired.publicLinkLimit;
  const current = match.existing;
  return current?.publicLinkLimitEnabled ? current.publicLinkLimit : null;
}

function onOff(value: boolean | null): string {
  return value === null ? 'unset' : value ? 'on' : 'off';
}
