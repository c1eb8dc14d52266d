// Group-level operations: creating missing groups and bringing link/limit/feedback settings in line.
import type { BuildInfo, GroupAttributes, NewGroup } from '../asc/index.js';
import type { MatchedGroup } from './match-groups.js';
import type { GroupRef, Operation } from './operations.js';
import { ReconcileError } from './reconcile-error.js';

export function groupRef(match: MatchedGroup): GroupRef {
  return { name: match.desired.name, id: match.existing?.id ?? null, internal: match.internal };
}

/** True when the declared group asks for a setting that only external groups have. */
function asksExternalSettings(match: MatchedGroup): boolean {
  const d = match.desired;
  return d.publicLink !== null || d.publicLinkLimit !== null || d.feedbackEnabled !== null;
}

/**
 * create-group for a missing group. Internal groups are created without access to all builds, so
 * the build this run distributes is what they get (and a plan never depends on Apple's default).
 * The link itself is switched on later, by update-group, once the group has the build.
 */
export function planCreateGroup(match: MatchedGroup): Operation {
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
  }
  const type = match.internal ? 'internal' : 'external';
  return {
    op: 'create-group',
    target: d.name,
    detail: `create ${type} group ${d.name}${settings.length ? ` (${settings.join(', ')})` : ''}`,
    attributes,
  };
}

/** update-group when an external group's link, limit or feedback differs from the declared one. */
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
  const attributes: GroupAttributes = {};
  const changes: string[] = [];
  const current = match.existing;
  if (current) {
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
  }
  const linkOn = current?.publicLinkEnabled === true;
  if (d.publicLink === 'disabled' && linkOn) {
    attributes.publicLinkEnabled = false;
    changes.push('public link enabled → disabled');
  }
  if (d.publicLink === 'enabled' && !linkOn) {
    if (!build && (!current || groupIdsWithoutBuilds.has(current.id))) {
      // Apple offers a link only for a group with a build, and this run brings none: fail before any change.
      throw new ReconcileError(
        `Group ${d.name} ${current ? 'holds no build' : 'would be created without a build'} and this run brings none, so App Store Connect will not enable its public link: set \`build-number\` so the build goes to the group in the same run, or leave \`public-link\` empty until the group has a build.`,
      );
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
    group: groupRef(match),
    attributes,
  };
}

function onOff(value: boolean | null): string {
  return value === null ? 'unset' : value ? 'on' : 'off';
}
