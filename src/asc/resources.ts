// The App Store Connect calls the reconcile makes (AscApi), each on the endpoint its interface names.
import type {
  AppInfo,
  AscApi,
  BuildInfo,
  GroupAttributes,
  GroupInfo,
  LocalizationInfo,
  Platform,
  RateLimitInfo,
  ReviewSubmissionInfo,
  TesterInfo,
} from '../reconcile/model.js';
import { AscError } from './errors.js';
import type { components } from './generated/asc.js';
import type { AscHttp } from './http.js';
import {
  collectionData,
  documentData,
  mapApp,
  mapBuild,
  mapGroup,
  mapLocalization,
  mapReviewSubmission,
  mapTester,
  type AppResource,
  type BetaAppReviewSubmissionResource,
  type BetaBuildLocalizationResource,
  type BetaGroupResource,
  type BetaTesterResource,
  type BuildResource,
  type JsonApiResource,
} from './mapping.js';
import { collect, pages, resources } from './paging.js';

type Schemas = components['schemas'];

/** Emails per `filter[email]` request: 50 addresses keep the URL around 2–3 KB, well inside proxy limits. */
export const EMAIL_CHUNK = 50;
/**
 * Testers per relationship POST/DELETE. Apple documents no maximum; 1000 keeps a body near 50 KB and turns
 * a 10,000-tester group (TestFlight's external cap) into ten requests rather than one huge or many tiny ones.
 */
export const TESTER_LINK_CHUNK = 1000;

const BUILD_INCLUDE = 'preReleaseVersion,buildBetaDetail';
/** Attributes Apple lets a PATCH change; the others are fixed when the group is created. */
const CREATE_ONLY_GROUP_ATTRIBUTES = ['isInternalGroup', 'hasAccessToAllBuilds'] as const;

export class AscResources implements AscApi {
  readonly #http: AscHttp;

  constructor(http: AscHttp) {
    this.#http = http;
  }

  get rateLimit(): RateLimitInfo {
    return this.#http.rateLimit;
  }

  get changingCalls(): number {
    return this.#http.changingCalls;
  }

  async findAppById(appId: string): Promise<AppInfo | null> {
    try {
      const { data } = documentData(await this.#http.request('GET', `/v1/apps/${seg(appId)}`));
      return data ? mapApp(data as AppResource) : null;
    } catch (error) {
      if (error instanceof AscError && error.status === 404) return null;
      throw error;
    }
  }

  async findAppByBundleId(bundleId: string): Promise<AppInfo | null> {
    // The filter is not documented as exact, so the match is made here.
    for await (const r of resources(this.#http, '/v1/apps', { 'filter[bundleId]': bundleId })) {
      const app = mapApp(r as AppResource);
      if (app.bundleId === bundleId) return app;
    }
    return null;
  }

  async findBuilds(query: {
    appId: string;
    buildNumber?: string;
    marketingVersion?: string;
    platform: Platform;
    limit?: number;
  }): Promise<BuildInfo[]> {
    const wanted = query.limit ?? 200;
    const builds: BuildInfo[] = [];
    const filters = {
      'filter[app]': query.appId,
      'filter[version]': query.buildNumber,
      'filter[preReleaseVersion.version]': query.marketingVersion,
      'filter[preReleaseVersion.platform]': query.platform,
      include: BUILD_INCLUDE,
      sort: '-uploadedDate',
      limit: Math.min(wanted, 200),
    };
    for await (const page of pages(this.#http, '/v1/builds', filters)) {
      for (const r of page.data) builds.push(mapBuild(r as BuildResource, page.included));
      if (builds.length >= wanted) break;
    }
    return builds.slice(0, wanted);
  }

  async getBuild(buildId: string): Promise<BuildInfo> {
    const path = `/v1/builds/${seg(buildId)}`;
    const { data, included } = documentData(
      await this.#http.request('GET', path, { include: BUILD_INCLUDE }),
    );
    if (!data)
      throw new AscError({
        method: 'GET',
        path,
        status: 200,
        reason: '(no build in the response)',
      });
    return mapBuild(data as BuildResource, included);
  }

  async listGroups(appId: string): Promise<GroupInfo[]> {
    const { data } = await collect(this.#http, '/v1/betaGroups', { 'filter[app]': appId });
    return data.map((r) => mapGroup(r as BetaGroupResource));
  }

  async listGroupIdsWithBuild(appId: string, buildId: string): Promise<string[]> {
    const { data } = await collect(this.#http, '/v1/betaGroups', {
      'filter[app]': appId,
      'filter[builds]': buildId,
      'fields[betaGroups]': 'name',
    });
    return data.map((r) => r.id);
  }

  async listGroupTesters(groupId: string): Promise<TesterInfo[]> {
    const { data } = await collect(this.#http, `/v1/betaGroups/${seg(groupId)}/betaTesters`);
    return data.map((r) => mapTester(r as BetaTesterResource));
  }

  async findTestersByEmail(emails: string[]): Promise<TesterInfo[]> {
    const wanted = new Map<string, string>();
    for (const email of emails) {
      const trimmed = email.trim();
      if (trimmed !== '' && !wanted.has(trimmed.toLowerCase()))
        wanted.set(trimmed.toLowerCase(), trimmed);
    }
    const found = new Map<string, TesterInfo>();
    const list = [...wanted.values()];
    for (let i = 0; i < list.length; i += EMAIL_CHUNK) {
      const chunk = list.slice(i, i + EMAIL_CHUNK);
      const query = { 'filter[email]': chunk.join(',') };
      for await (const r of resources(this.#http, '/v1/betaTesters', query)) {
        const tester = mapTester(r as BetaTesterResource);
        if (wanted.has(tester.email.toLowerCase())) found.set(tester.id, tester);
      }
    }
    return [...found.values()];
  }

  async createGroup(
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
    return this.#http.create('/v1/betaGroups', body, {
      map: (doc) => mapGroup(requireData(doc, 'POST', '/v1/betaGroups') as BetaGroupResource),
      readBack: async () => {
        const { data } = await collect(this.#http, '/v1/betaGroups', {
          'filter[app]': appId,
          'filter[name]': attributes.name,
        });
        const match = data
          .map((r) => mapGroup(r as BetaGroupResource))
          .find((g) => g.name === attributes.name);
        return match ?? null;
      },
    });
  }

  async updateGroup(groupId: string, attributes: GroupAttributes): Promise<GroupInfo> {
    for (const name of CREATE_ONLY_GROUP_ATTRIBUTES) {
      if (attributes[name] !== undefined) {
        throw new Error(
          `${name} can only be set when a group is created; App Store Connect cannot change it.`,
        );
      }
    }
    const path = `/v1/betaGroups/${seg(groupId)}`;
    const { isInternalGroup: _i, hasAccessToAllBuilds: _h, ...changeable } = attributes;
    const body: Schemas['BetaGroupUpdateRequest'] = {
      data: { type: 'betaGroups', id: groupId, attributes: definedOnly(changeable) },
    };
    return mapGroup(
      requireData(
        await this.#http.request('PATCH', path, undefined, body),
        'PATCH',
        path,
      ) as BetaGroupResource,
    );
  }

  async addBuildToGroups(buildId: string, groupIds: string[]): Promise<void> {
    if (groupIds.length === 0) return;
    const body: Schemas['BuildBetaGroupsLinkagesRequest'] = {
      data: groupIds.map((id) => ({ type: 'betaGroups' as const, id })),
    };
    await this.#http.request(
      'POST',
      `/v1/builds/${seg(buildId)}/relationships/betaGroups`,
      undefined,
      body,
    );
  }

  async addTestersToGroup(groupId: string, testerIds: string[]): Promise<void> {
    await this.#linkTesters('POST', groupId, testerIds);
  }

  async removeTestersFromGroup(groupId: string, testerIds: string[]): Promise<void> {
    await this.#linkTesters('DELETE', groupId, testerIds);
  }

  async createTester(tester: {
    email: string;
    firstName?: string;
    lastName?: string;
    groupIds: string[];
  }): Promise<TesterInfo> {
    const body: Schemas['BetaTesterCreateRequest'] = {
      data: {
        type: 'betaTesters',
        attributes: definedOnly({
          email: tester.email,
          firstName: tester.firstName,
          lastName: tester.lastName,
        }),
        relationships: {
          betaGroups: { data: tester.groupIds.map((id) => ({ type: 'betaGroups' as const, id })) },
        },
      },
    };
    const findByEmail = async (): Promise<TesterInfo | null> =>
      (await this.findTestersByEmail([tester.email]))[0] ?? null;
    // The link is repeated for a tester found by read-back: it may be a tester who already existed, whose
    // lost response would have been a 409, so its groups were never set. Re-linking a member is harmless.
    const linkExisting = async (existing: TesterInfo): Promise<TesterInfo> => {
      for (const groupId of tester.groupIds) await this.addTestersToGroup(groupId, [existing.id]);
      return existing;
    };
    try {
      return await this.#http.create('/v1/betaTesters', body, {
        map: (doc) => mapTester(requireData(doc, 'POST', '/v1/betaTesters') as BetaTesterResource),
        readBack: async () => {
          const existing = await findByEmail();
          return existing ? linkExisting(existing) : null;
        },
      });
    } catch (error) {
      // 409 is how Apple says the email already belongs to a tester; other 409s are passed on.
      if (!(error instanceof AscError) || error.status !== 409) throw error;
      const existing = await findByEmail();
      if (!existing) throw error;
      return linkExisting(existing);
    }
  }

  async setUsesNonExemptEncryption(buildId: string, value: boolean): Promise<void> {
    const body: Schemas['BuildUpdateRequest'] = {
      data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: value } },
    };
    await this.#http.request('PATCH', `/v1/builds/${seg(buildId)}`, undefined, body);
  }

  async listLocalizations(buildId: string): Promise<LocalizationInfo[]> {
    const { data } = await collect(this.#http, '/v1/betaBuildLocalizations', {
      'filter[build]': buildId,
    });
    return data.map((r) => mapLocalization(r as BetaBuildLocalizationResource));
  }

  async createLocalization(
    buildId: string,
    locale: string,
    whatsNew: string,
  ): Promise<LocalizationInfo> {
    const body: Schemas['BetaBuildLocalizationCreateRequest'] = {
      data: {
        type: 'betaBuildLocalizations',
        attributes: { locale, whatsNew },
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    };
    return this.#http.create('/v1/betaBuildLocalizations', body, {
      map: (doc) =>
        mapLocalization(
          requireData(doc, 'POST', '/v1/betaBuildLocalizations') as BetaBuildLocalizationResource,
        ),
      readBack: async () =>
        (await this.listLocalizations(buildId)).find((l) => l.locale === locale) ?? null,
    });
  }

  async updateLocalization(localizationId: string, whatsNew: string): Promise<LocalizationInfo> {
    const path = `/v1/betaBuildLocalizations/${seg(localizationId)}`;
    const body: Schemas['BetaBuildLocalizationUpdateRequest'] = {
      data: { type: 'betaBuildLocalizations', id: localizationId, attributes: { whatsNew } },
    };
    const doc = await this.#http.request('PATCH', path, undefined, body);
    return mapLocalization(requireData(doc, 'PATCH', path) as BetaBuildLocalizationResource);
  }

  async listReviewSubmissions(buildId: string): Promise<ReviewSubmissionInfo[]> {
    const { data } = await collect(this.#http, '/v1/betaAppReviewSubmissions', {
      'filter[build]': buildId,
    });
    return data.map((r) => mapReviewSubmission(r as BetaAppReviewSubmissionResource));
  }

  async createReviewSubmission(buildId: string): Promise<ReviewSubmissionInfo> {
    const body: Schemas['BetaAppReviewSubmissionCreateRequest'] = {
      data: {
        type: 'betaAppReviewSubmissions',
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    };
    return this.#http.create('/v1/betaAppReviewSubmissions', body, {
      map: (doc) =>
        mapReviewSubmission(
          requireData(
            doc,
            'POST',
            '/v1/betaAppReviewSubmissions',
          ) as BetaAppReviewSubmissionResource,
        ),
      readBack: async () => (await this.listReviewSubmissions(buildId))[0] ?? null,
    });
  }

  async sendBuildNotification(buildId: string): Promise<void> {
    const body: Schemas['BuildBetaNotificationCreateRequest'] = {
      data: {
        type: 'buildBetaNotifications',
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    };
    // No readBack: a notification cannot be looked up, and sending testers a second email is worse than
    // reporting that the outcome is unknown.
    await this.#http.create('/v1/buildBetaNotifications', body, { map: () => undefined });
  }

  async #linkTesters(
    method: 'POST' | 'DELETE',
    groupId: string,
    testerIds: string[],
  ): Promise<void> {
    const path = `/v1/betaGroups/${seg(groupId)}/relationships/betaTesters`;
    for (let i = 0; i < testerIds.length; i += TESTER_LINK_CHUNK) {
      const body: Schemas['BetaGroupBetaTestersLinkagesRequest'] = {
        data: testerIds
          .slice(i, i + TESTER_LINK_CHUNK)
          .map((id) => ({ type: 'betaTesters' as const, id })),
      };
      await this.#http.request(method, path, undefined, body);
    }
  }
}

/** IDs go into paths; encoding keeps an odd ID from changing which endpoint is called. */
function seg(id: string): string {
  return encodeURIComponent(id);
}

/** Drops undefined keys so a create or update sends only what the caller set. */
function definedOnly<T extends object>(
  attributes: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function requireData(document: unknown, method: string, path: string): JsonApiResource {
  const { data } = documentData(document);
  if (!data)
    throw new AscError({ method, path, status: 200, reason: '(the response had no data)' });
  return data;
}
