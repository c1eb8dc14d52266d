// Beta group attribute rules Apple applies on create and update (public links are an external-group feature).
import { attributeInvalid, stateError } from './errors.js';
import { groupBuildIds } from './build-lifecycle.js';
import { newPublicLinkId, type FakeStore } from './store.js';
import type { FakeGroup } from './types.js';

export const PUBLIC_LINK_LIMIT_MIN = 1;
export const PUBLIC_LINK_LIMIT_MAX = 10_000;

const PUBLIC_LINK_ATTRIBUTES = ['publicLinkEnabled', 'publicLinkLimitEnabled', 'publicLinkLimit'];

export function checkGroupAttributes(
  isInternal: boolean,
  attributes: Record<string, unknown>,
): void {
  if (isInternal) {
    for (const name of PUBLIC_LINK_ATTRIBUTES) {
      if (attributes[name] !== undefined && attributes[name] !== null) {
        throw attributeInvalid(
          name,
          `'${name}' cannot be set on an internal beta group; public links are available for external groups only.`,
        );
      }
    }
  }
  if (!isInternal && attributes.hasAccessToAllBuilds === true) {
    throw attributeInvalid(
      'hasAccessToAllBuilds',
      "'hasAccessToAllBuilds' can be set on internal beta groups only.",
    );
  }
  const limit = attributes.publicLinkLimit;
  if (
    typeof limit === 'number' &&
    (limit < PUBLIC_LINK_LIMIT_MIN || limit > PUBLIC_LINK_LIMIT_MAX)
  ) {
    throw attributeInvalid(
      'publicLinkLimit',
      `'${limit}' is not a valid value for 'publicLinkLimit'; it must be between ${PUBLIC_LINK_LIMIT_MIN} and ${PUBLIC_LINK_LIMIT_MAX}.`,
    );
  }
  if (typeof attributes.name === 'string' && attributes.name.trim() === '') {
    throw attributeInvalid('name', "'name' must not be empty.");
  }
}

/** Applies the public-link attributes of a create or update to a group already checked above. */
export function applyPublicLinkSettings(
  store: FakeStore,
  group: FakeGroup,
  attributes: Record<string, unknown>,
): void {
  if (attributes.publicLinkEnabled === true && !group.publicLinkEnabled) {
    // A public link needs something to test: the action enables links only once the group has a build.
    if (groupBuildIds(store, group).length === 0) {
      throw stateError(
        `The public link of beta group '${group.name}' cannot be enabled before the group has a build.`,
        'STATE_ERROR.NO_BUILD_FOR_PUBLIC_LINK',
      );
    }
  }
  if (typeof attributes.publicLinkEnabled === 'boolean') {
    group.publicLinkEnabled = attributes.publicLinkEnabled;
    if (group.publicLinkEnabled) group.publicLinkId ??= newPublicLinkId();
  }
  if (typeof attributes.publicLinkLimitEnabled === 'boolean') {
    group.publicLinkLimitEnabled = attributes.publicLinkLimitEnabled;
  }
  if (typeof attributes.publicLinkLimit === 'number')
    group.publicLinkLimit = attributes.publicLinkLimit;
}
