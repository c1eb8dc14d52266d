// A beta group's recruitment criteria (the device families and OS versions its public link admits) and
// Apple's check of whether the group holds a build that meets them.
import type { AscApi } from '../api.js';
import type { components } from '../generated/asc.js';
import { documentData, requireData, type JsonApiResource } from '../jsonapi/documents.js';
import { collect } from '../jsonapi/paging.js';
import {
  DEVICE_FAMILIES,
  type DeviceFamilyOsFilter,
  type RecruitmentCriteriaInfo,
} from '../records.js';
import type { AscHttp } from '../transport/http.js';
import { bool, oneOf, str } from './lenient-values.js';
import { seg } from './request-parts.js';

type Schemas = components['schemas'];
type CriteriaResource = JsonApiResource & {
  attributes?: { deviceFamilyOsVersionFilters?: unknown } | null;
};

const CRITERIA_QUERY = {
  include: 'betaRecruitmentCriteria',
  'fields[betaGroups]': 'betaRecruitmentCriteria',
  'fields[betaRecruitmentCriteria]': 'deviceFamilyOsVersionFilters',
};

export type RecruitmentEndpoints = Pick<
  AscApi,
  | 'listRecruitmentCriteria'
  | 'readGroupRecruitmentCriteria'
  | 'createRecruitmentCriteria'
  | 'updateRecruitmentCriteria'
  | 'deleteRecruitmentCriteria'
  | 'checkCompatibleBuild'
>;

export function recruitmentEndpoints(http: AscHttp): RecruitmentEndpoints {
  return {
    async listRecruitmentCriteria(appId) {
      const { data, included } = await collect(http, '/v1/betaGroups', {
        'filter[app]': appId,
        ...CRITERIA_QUERY,
      });
      return data.flatMap((group) => criteriaOf(group, included));
    },

    readGroupRecruitmentCriteria: (groupId) => readOfGroup(http, groupId),

    createRecruitmentCriteria(groupId, filters) {
      const path = '/v1/betaRecruitmentCriteria';
      const body: Schemas['BetaRecruitmentCriterionCreateRequest'] = {
        data: {
          type: 'betaRecruitmentCriteria',
          attributes: { deviceFamilyOsVersionFilters: filters.map(toApple) },
          relationships: { betaGroup: { data: { type: 'betaGroups', id: groupId } } },
        },
      };
      return http.create(path, body, {
        map: (doc) => mapCriteria(requireData(doc, 'POST', path) as CriteriaResource, groupId),
        // A group has at most one set of criteria: whatever it has after a lost answer is this one.
        readBack: () => readOfGroup(http, groupId),
      });
    },

    async updateRecruitmentCriteria(criteriaId, filters) {
      const body: Schemas['BetaRecruitmentCriterionUpdateRequest'] = {
        data: {
          type: 'betaRecruitmentCriteria',
          id: criteriaId,
          attributes: { deviceFamilyOsVersionFilters: filters.map(toApple) },
        },
      };
      await http.patchOne(`/v1/betaRecruitmentCriteria/${seg(criteriaId)}`, body);
    },

    deleteRecruitmentCriteria: (criteriaId) =>
      http.deleteOne(`/v1/betaRecruitmentCriteria/${seg(criteriaId)}`),

    async checkCompatibleBuild(groupId) {
      const path = `/v1/betaGroups/${seg(groupId)}/betaRecruitmentCriterionCompatibleBuildCheck`;
      const { data } = documentData(await http.get(path));
      return bool(data?.attributes?.hasCompatibleBuild);
    },
  };
}

async function readOfGroup(
  http: AscHttp,
  groupId: string,
): Promise<RecruitmentCriteriaInfo | null> {
  const { data } = documentData(
    await http.get(`/v1/betaGroups/${seg(groupId)}/betaRecruitmentCriteria`, {
      'fields[betaRecruitmentCriteria]': 'deviceFamilyOsVersionFilters',
    }),
  );
  return data ? mapCriteria(data, groupId) : null;
}

/** The criteria a group links to, from the included resources; none when it links to none. */
function criteriaOf(
  group: JsonApiResource,
  included: JsonApiResource[],
): RecruitmentCriteriaInfo[] {
  const link = group.relationships?.betaRecruitmentCriteria?.data as
    { id?: unknown } | null | undefined;
  const id = typeof link?.id === 'string' ? link.id : null;
  const resource = id && included.find((r) => r.type === 'betaRecruitmentCriteria' && r.id === id);
  return resource ? [mapCriteria(resource, group.id)] : [];
}

function mapCriteria(r: CriteriaResource, groupId: string): RecruitmentCriteriaInfo {
  const filters = r.attributes?.deviceFamilyOsVersionFilters;
  return {
    id: r.id,
    groupId,
    filters: (Array.isArray(filters) ? filters : []).flatMap((f: Record<string, unknown>) => {
      const deviceFamily = oneOf(f?.deviceFamily, DEVICE_FAMILIES);
      if (!deviceFamily) return [];
      return [
        {
          deviceFamily,
          minimumOs: str(f.minimumOsInclusive),
          maximumOs: str(f.maximumOsInclusive),
        },
      ];
    }),
  };
}

/** Open ends are left out of the request rather than sent as null. */
function toApple(filter: DeviceFamilyOsFilter): Schemas['DeviceFamilyOsVersionFilter'] {
  return {
    deviceFamily: filter.deviceFamily,
    ...(filter.minimumOs !== null ? { minimumOsInclusive: filter.minimumOs } : {}),
    ...(filter.maximumOs !== null ? { maximumOsInclusive: filter.maximumOs } : {}),
  };
}
