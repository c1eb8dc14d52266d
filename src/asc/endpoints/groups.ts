// Beta groups: listing, creating (read back, never duplicated), updating, and adding the build.
import type { AscApi } from '../api.js';
import { AscError, InternalError } from '../errors.js';
import type { components } from '../generated/asc.js';
import { collect } from '../jsonapi/paging.js';
import { requireData } from '../jsonapi/documents.js';
import type { GroupInfo } from '../records.js';
import type { AscHttp } from '../transport/http.js';
import { mapGroup, type BetaGroupResource } from './mapping.js';
import { definedOnly, seg } from './request-parts.js';

type Schemas = components['schemas'];

/** Apple fixes these when the group is created; a PATCH cannot change them. */
const CREATE_ONLY_ATTRIBUTES = ['isInternalGroup', 'hasAccessToAllBuilds'] as const;

export type GroupEndpoints = Pick<
  AscApi,
  | 'listGroups'
  | 'listGroupIdsWithBuild'
  | 'groupHasBuilds'
  | 'createGroup'
  | 'updateGroup'
  | 'addBuildToGroups'
  | 'deleteGroup'
>;

export function groupEndpoints(http: AscHttp): GroupEndpoints {
  const groupsOf = async (query: Record<string, string>): Promise<GroupInfo[]> => {
    const { data } = await collect(http, '/v1/betaGroups', query);
    return data.map((r) => mapGroup(r as BetaGroupResource));
  };

  return {
    listGroups: (appId) => groupsOf({ 'filter[app]': appId }),

    async listGroupIdsWithBuild(appId, buildId) {
      const { data } = await collect(http, '/v1/betaGroups', {
        'filter[app]': appId,
        'filter[builds]': buildId,
        'fields[betaGroups]': 'name',
      });
      return data.map((r) => r.id);
    },

    async groupHasBuilds(groupId) {
      const path = `/v1/betaGroups/${seg(groupId)}/relationships/builds`;
      const document = (await http.get(path, { limit: 1 })) as { data?: unknown } | undefined;
      return Array.isArray(document?.data) && document.data.length > 0;
    },

    createGroup(appId, attributes, buildIds = []) {
      const relationships: Schemas['BetaGroupCreateRequest']['data']['relationships'] = {
        app: { data: { type: 'apps', id: appId } },
      };
      if (buildIds.length > 0) {
        relationships.builds = { data: buildIds.map((id) => ({ type: 'builds' as const, id })) };
      }
      const body: Schemas['BetaGroupCreateRequest'] = {
        data: { type: 'betaGroups', attributes: definedOnly(attributes), relationships },
      };
      return http.create('/v1/betaGroups', body, {
        map: (doc) => mapGroup(requireData(doc, 'POST', '/v1/betaGroups') as BetaGroupResource),
        // A group is identified by its name within the app.
        readBack: async () => {
          const named = await groupsOf({ 'filter[app]': appId, 'filter[name]': attributes.name });
          return named.find((g) => g.name === attributes.name) ?? null;
        },
      });
    },

    async updateGroup(groupId, attributes) {
      for (const name of CREATE_ONLY_ATTRIBUTES) {
        if (attributes[name] !== undefined) {
          throw new InternalError(
            `${name} can only be set when a group is created; App Store Connect cannot change it.`,
          );
        }
      }
      const {
        isInternalGroup: _internal,
        hasAccessToAllBuilds: _allBuilds,
        ...changeable
      } = attributes;
      const body: Schemas['BetaGroupUpdateRequest'] = {
        data: { type: 'betaGroups', id: groupId, attributes: definedOnly(changeable) },
      };
      return mapGroup(
        (await http.patchOne(`/v1/betaGroups/${seg(groupId)}`, body)) as BetaGroupResource,
      );
    },

    async addBuildToGroups(buildId, groupIds) {
      if (groupIds.length === 0) return;
      const body: Schemas['BuildBetaGroupsLinkagesRequest'] = {
        data: groupIds.map((id) => ({ type: 'betaGroups' as const, id })),
      };
      await http.link('POST', `/v1/builds/${seg(buildId)}/relationships/betaGroups`, body);
    },

    async deleteGroup(groupId) {
      try {
        await http.deleteOne(`/v1/betaGroups/${seg(groupId)}`);
      } catch (error) {
        // Deleted meanwhile (by a person, or by an earlier run whose answer was lost): what was asked for holds.
        if (!(error instanceof AscError && error.status === 404)) throw error;
      }
    },
  };
}
