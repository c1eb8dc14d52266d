// Apps and builds: finding the app and the build to distribute, the app's other builds (for expiry and the
// review train), export compliance, expiring a build, and the build's review as the review wait polls it.
import type { AscApi } from '../api.js';
import { AscError } from '../errors.js';
import type { components } from '../generated/asc.js';
import { documentData } from '../jsonapi/documents.js';
import { PAGE_LIMIT, pages, resources } from '../jsonapi/paging.js';
import type { AppBuildInfo, BuildInfo } from '../records.js';
import type { AscHttp } from '../transport/http.js';
import {
  INCLUDED_LIMIT,
  mapApp,
  mapAppBuild,
  mapBuild,
  type AppResource,
  type BuildResource,
} from './mapping.js';
import { seg } from './request-parts.js';

/** The marketing version, platform and beta state live on related resources; one request brings them. */
const BUILD_INCLUDE = 'preReleaseVersion,buildBetaDetail';
/**
 * The app's builds with their version, beta state, review, groups and What to Test: one listing for expiry,
 * the review train and everything the plan needs about the run's build, which is among them once processed.
 */
const APP_BUILDS_INCLUDE =
  'preReleaseVersion,buildBetaDetail,betaAppReviewSubmission,betaGroups,betaBuildLocalizations';

export type AppAndBuildEndpoints = Pick<
  AscApi,
  | 'findAppById'
  | 'findAppByBundleId'
  | 'findBuilds'
  | 'getBuild'
  | 'listAppBuilds'
  | 'getBuildReview'
  | 'setUsesNonExemptEncryption'
  | 'expireBuild'
>;

export function appAndBuildEndpoints(http: AscHttp): AppAndBuildEndpoints {
  return {
    async findAppById(appId) {
      try {
        const { data } = documentData(await http.get(`/v1/apps/${seg(appId)}`));
        return data ? mapApp(data as AppResource) : null;
      } catch (error) {
        if (error instanceof AscError && error.status === 404) return null;
        throw error;
      }
    },

    async findAppByBundleId(bundleId) {
      // The filter is not documented as exact, so the match is made here.
      for await (const r of resources(http, '/v1/apps', { 'filter[bundleId]': bundleId })) {
        const app = mapApp(r as AppResource);
        if (app.bundleId === bundleId) return app;
      }
      return null;
    },

    async findBuilds(query) {
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
    },

    async getBuild(buildId) {
      const { data, included } = await http.getOne(`/v1/builds/${seg(buildId)}`, {
        include: BUILD_INCLUDE,
      });
      return mapBuild(data as BuildResource, included);
    },

    async listAppBuilds(appId, platform) {
      const builds: AppBuildInfo[] = [];
      const query = {
        'filter[app]': appId,
        'filter[preReleaseVersion.platform]': platform,
        'filter[expired]': 'false',
        include: APP_BUILDS_INCLUDE,
        // Only the linkage of the groups is wanted; their attributes are already known.
        'fields[betaGroups]': 'name',
        'limit[betaGroups]': INCLUDED_LIMIT,
        'limit[betaBuildLocalizations]': INCLUDED_LIMIT,
        sort: '-uploadedDate',
      };
      for await (const page of pages(http, '/v1/builds', query)) {
        for (const r of page.data) builds.push(mapAppBuild(r as BuildResource, page.included));
      }
      return builds;
    },

    async getBuildReview(buildId) {
      const { data, included } = await http.getOne(`/v1/builds/${seg(buildId)}`, {
        include: `${BUILD_INCLUDE},betaAppReviewSubmission`,
      });
      const build = mapAppBuild(data as BuildResource, included);
      return { build, reviewState: build.reviewState };
    },

    async expireBuild(buildId) {
      const body: components['schemas']['BuildUpdateRequest'] = {
        data: { type: 'builds', id: buildId, attributes: { expired: true } },
      };
      await http.patchOne(`/v1/builds/${seg(buildId)}`, body);
    },

    async setUsesNonExemptEncryption(buildId, value) {
      const body: components['schemas']['BuildUpdateRequest'] = {
        data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: value } },
      };
      await http.patchOne(`/v1/builds/${seg(buildId)}`, body);
    },
  };
}
