// Apps and builds: finding the app and the build to distribute, and export compliance.
import type { AppInfo, BuildInfo, Platform } from '../reconcile/model.js';
import { AscError } from './errors.js';
import type { components } from './generated/asc.js';
import type { AscHttp } from './http.js';
import { documentData, mapApp, mapBuild, type AppResource, type BuildResource } from './mapping.js';
import { PAGE_LIMIT, pages, resources } from './paging.js';
import { requireData, seg } from './request-parts.js';

/** The marketing version, platform and beta state live on related resources; one request brings them. */
const BUILD_INCLUDE = 'preReleaseVersion,buildBetaDetail';

export async function findAppById(http: AscHttp, appId: string): Promise<AppInfo | null> {
  try {
    const { data } = documentData(await http.request('GET', `/v1/apps/${seg(appId)}`));
    return data ? mapApp(data as AppResource) : null;
  } catch (error) {
    if (error instanceof AscError && error.status === 404) return null;
    throw error;
  }
}

export async function findAppByBundleId(http: AscHttp, bundleId: string): Promise<AppInfo | null> {
  // The filter is not documented as exact, so the match is made here.
  for await (const r of resources(http, '/v1/apps', { 'filter[bundleId]': bundleId })) {
    const app = mapApp(r as AppResource);
    if (app.bundleId === bundleId) return app;
  }
  return null;
}

export async function findBuilds(
  http: AscHttp,
  query: {
    appId: string;
    buildNumber?: string;
    marketingVersion?: string;
    platform: Platform;
    limit?: number;
  },
): Promise<BuildInfo[]> {
  const wanted = query.limit ?? PAGE_LIMIT;
  const builds: BuildInfo[] = [];
  const filters = {
    'filter[app]': query.appId,
    'filter[version]': query.buildNumber,
    'filter[preReleaseVersion.version]': query.marketingVersion,
    'filter[preReleaseVersion.platform]': query.platform,
    include: BUILD_INCLUDE,
    sort: '-uploadedDate',
    limit: Math.min(wanted, PAGE_LIMIT),
  };
  for await (const page of pages(http, '/v1/builds', filters)) {
    for (const r of page.data) builds.push(mapBuild(r as BuildResource, page.included));
    if (builds.length >= wanted) break;
  }
  return builds.slice(0, wanted);
}

export async function getBuild(http: AscHttp, buildId: string): Promise<BuildInfo> {
  const path = `/v1/builds/${seg(buildId)}`;
  const document = await http.request('GET', path, { include: BUILD_INCLUDE });
  const { included } = documentData(document);
  return mapBuild(requireData(document, 'GET', path) as BuildResource, included);
}

export async function setUsesNonExemptEncryption(
  http: AscHttp,
  buildId: string,
  value: boolean,
): Promise<void> {
  const body: components['schemas']['BuildUpdateRequest'] = {
    data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: value } },
  };
  await http.request('PATCH', `/v1/builds/${seg(buildId)}`, undefined, body);
}
