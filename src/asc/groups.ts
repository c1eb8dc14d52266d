// Beta groups: listing, creating (read back, never duplicated), updating, and adding the build.
import type { GroupAttributes, GroupInfo } from '../reconcile/model.js';
import type { components } from './generated/asc.js';
import type { AscHttp } from './http.js';
import { mapGroup, type BetaGroupResource } from './mapping.js';
import { collect } from './paging.js';
import { definedOnly, requireData, seg } from './request-parts.js';

type Schemas = components['schemas'];

/** Apple fixes these when the group is created; a PATCH cannot change them. */
const CREATE_ONLY_ATTRIBUTES = ['isInternalGroup', 'hasAccessToAllBuilds'] as const;

export async function listGroups(http: AscHttp, appId: string): Promise<GroupInfo[]> {
  const { data } = await collect(http, '/v1/betaGroups', { 'filter[app]': appId });
  return data.map((r) => mapGroup(r as BetaGroupResource));
}

export async function listGroupIdsWithBuild(
  http: AscHttp,
  appId: string,
  buildId: string,
): Promise<string[]> {
  const { data } = await collect(http, '/v1/betaGroups', {
    'filter[app]': appId,
    'filter[builds]': buildId,
    'fields[betaGroups]': 'name',
  });
  return data.map((r) => r.id);
}

export async function groupHasBuilds(http: AscHttp, groupId: string): Promise<boolean> {
  const document = (await http.request(
    'GET',
    `/v1/betaGroups/${seg(groupId)}/relationships/builds`,
    {
      limit: 1,
    },
  )) as { data?: unknown } | undefined;
  return Array.isArray(document?.data) && document.data.length > 0;
}

export async function createGroup(
  http: AscHttp,
  appId: string,
  attributes: GroupAttributes & { name: string },
): Promise<GroupInfo> {
  const body: Schemas['BetaGroupCreateRequest'] = {
    data: {
      type: 'betaGroups',
      attributes: definedOnly(attributes),
      relationships: { app: { data: { type: 'apps', id: appId } } },
    },
  };
  return http.create('/v1/betaGroups', body, {
    map: (doc) => mapGroup(requireData(doc, 'POST', '/v1/betaGroups') as BetaGroupResource),
    // A group is identified by its name within the app.
    readBack: async () => {
      const { data } = await collect(http, '/v1/betaGroups', {
        'filter[app]': appId,
        'filter[name]': attributes.name,
      });
      const groups = data.map((r) => mapGroup(r as BetaGroupResource));
      return groups.find((g) => g.name === attributes.name) ?? null;
    },
  });
}

export async function updateGroup(
  http: AscHttp,
  groupId: string,
  attributes: GroupAttributes,
): Promise<GroupInfo> {
  for (const name of CREATE_ONLY_ATTRIBUTES) {
    if (attributes[name] !== undefined) {
      throw new Error(
        `${name} can only be set when a group is created; App Store Connect cannot change it.`,
      );
    }
  }
  const path = `/v1/betaGroups/${seg(groupId)}`;
  const {
    isInternalGroup: _internal,
    hasAccessToAllBuilds: _allBuilds,
    ...changeable
  } = attributes;
  const body: Schemas['BetaGroupUpdateRequest'] = {
    data: { type: 'betaGroups', id: groupId, attributes: definedOnly(changeable) },
  };
  const document = await http.request('PATCH', path, undefined, body);
  return mapGroup(requireData(document, 'PATCH', path) as BetaGroupResource);
}

export async function addBuildToGroups(
  http: AscHttp,
  buildId: string,
  groupIds: string[],
): Promise<void> {
  if (groupIds.length === 0) return;
  const body: Schemas['BuildBetaGroupsLinkagesRequest'] = {
    data: groupIds.map((id) => ({ type: 'betaGroups' as const, id })),
  };
  await http.request(
    'POST',
    `/v1/builds/${seg(buildId)}/relationships/betaGroups`,
    undefined,
    body,
  );
}
