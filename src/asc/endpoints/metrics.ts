// A group's usage metrics and a first look at its members: what the job summary shows about testers. Each is
// one request, sent once: the summary can go without them, and a run must never wait out a backoff for them.
import type { AscApi } from '../api.js';
import type { components } from '../generated/asc.js';
import { collectionData } from '../jsonapi/documents.js';
import { PAGE_LIMIT } from '../jsonapi/paging.js';
import type { AscHttp } from '../transport/http.js';
import { num } from './lenient-values.js';
import { mapTester, type BetaTesterResource } from './mapping.js';
import { seg } from './request-parts.js';

type Schemas = components['schemas'];

export type MetricEndpoints = Pick<
  AscApi,
  'readGroupTesterUsage' | 'readPublicLinkUsage' | 'sampleGroupTesters'
>;

/** A metric document's `data[].dataPoints[].values`; a `dataPoints` object where a list belongs is read too. */
function valuesOf(document: unknown): Record<string, unknown>[] {
  const data = (document as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return [];
  return data.flatMap((entry: { dataPoints?: unknown }) => {
    const points = Array.isArray(entry?.dataPoints) ? entry.dataPoints : [entry?.dataPoints];
    return points.flatMap((point: { values?: unknown } | undefined) =>
      point && typeof point.values === 'object' && point.values !== null
        ? [point.values as Record<string, unknown>]
        : [],
    );
  });
}

function sumOf(values: Record<string, unknown>[], name: string): number {
  return values.reduce((total, v) => total + (num(v[name]) ?? 0), 0);
}

function pagingTotal(document: unknown): number | null {
  return num(
    (document as { meta?: { paging?: { total?: unknown } } } | undefined)?.meta?.paging?.total,
  );
}

export function metricEndpoints(http: AscHttp): MetricEndpoints {
  return {
    async readGroupTesterUsage(groupId, period) {
      // Apple answers this metric only grouped by tester (or for one tester): one entry per tester with usage.
      const document = (await http.get(
        `/v1/betaGroups/${seg(groupId)}/metrics/betaTesterUsages`,
        { period, groupBy: 'betaTesters', limit: PAGE_LIMIT },
        { once: true },
      )) as Schemas['AppsBetaTesterUsagesV1MetricResponse'] | undefined;
      const values = valuesOf(document);
      const testers = Array.isArray(document?.data) ? document.data.length : 0;
      return {
        sessions: sumOf(values, 'sessionCount'),
        crashes: sumOf(values, 'crashCount'),
        feedback: sumOf(values, 'feedbackCount'),
        testers,
        totalTesters: Math.max(testers, pagingTotal(document) ?? testers),
      };
    },

    async readPublicLinkUsage(groupId) {
      const document = (await http.get(
        `/v1/betaGroups/${seg(groupId)}/metrics/publicLinkUsages`,
        { limit: PAGE_LIMIT },
        { once: true },
      )) as Schemas['BetaPublicLinkUsagesV1MetricResponse'] | undefined;
      const values = valuesOf(document);
      return {
        views: sumOf(values, 'viewCount'),
        accepted: sumOf(values, 'acceptedCount'),
        didNotAccept: sumOf(values, 'didNotAcceptCount'),
        didNotMeetCriteria: sumOf(values, 'didNotMeetCriteriaCount'),
      };
    },

    async sampleGroupTesters(groupId) {
      const document = await http.get(
        `/v1/betaGroups/${seg(groupId)}/betaTesters`,
        { 'fields[betaTesters]': 'email,state', limit: PAGE_LIMIT },
        { once: true },
      );
      const testers = collectionData(document).data.map((r) => mapTester(r as BetaTesterResource));
      return { testers, total: Math.max(testers.length, pagingTotal(document) ?? 0) };
    },
  };
}
