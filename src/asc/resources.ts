// AscApi on App Store Connect: each method is one of the resource-family functions, bound to one client.
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
import * as beta from './build-beta.js';
import * as builds from './builds.js';
import * as groups from './groups.js';
import type { AscHttp } from './http.js';
import * as testers from './testers.js';

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

  findAppById(appId: string): Promise<AppInfo | null> {
    return builds.findAppById(this.#http, appId);
  }

  findAppByBundleId(bundleId: string): Promise<AppInfo | null> {
    return builds.findAppByBundleId(this.#http, bundleId);
  }

  findBuilds(query: {
    appId: string;
    buildNumber?: string;
    marketingVersion?: string;
    platform: Platform;
    limit?: number;
  }): Promise<BuildInfo[]> {
    return builds.findBuilds(this.#http, query);
  }

  getBuild(buildId: string): Promise<BuildInfo> {
    return builds.getBuild(this.#http, buildId);
  }

  listGroups(appId: string): Promise<GroupInfo[]> {
    return groups.listGroups(this.#http, appId);
  }

  listGroupIdsWithBuild(appId: string, buildId: string): Promise<string[]> {
    return groups.listGroupIdsWithBuild(this.#http, appId, buildId);
  }

  groupHasBuilds(groupId: string): Promise<boolean> {
    return groups.groupHasBuilds(this.#http, groupId);
  }

  listGroupTesters(groupId: string): Promise<TesterInfo[]> {
    return testers.listGroupTesters(this.#http, groupId);
  }

  findTestersByEmail(emails: string[]): Promise<TesterInfo[]> {
    return testers.findTestersByEmail(this.#http, emails);
  }

  createGroup(appId: string, attributes: GroupAttributes & { name: string }): Promise<GroupInfo> {
    return groups.createGroup(this.#http, appId, attributes);
  }

  updateGroup(groupId: string, attributes: GroupAttributes): Promise<GroupInfo> {
    return groups.updateGroup(this.#http, groupId, attributes);
  }

  addBuildToGroups(buildId: string, groupIds: string[]): Promise<void> {
    return groups.addBuildToGroups(this.#http, buildId, groupIds);
  }

  addTestersToGroup(groupId: string, testerIds: string[]): Promise<void> {
    return testers.linkTesters(this.#http, 'POST', groupId, testerIds);
  }

  removeTestersFromGroup(groupId: string, testerIds: string[]): Promise<void> {
    return testers.linkTesters(this.#http, 'DELETE', groupId, testerIds);
  }

  createTester(tester: {
    email: string;
    firstName?: string;
    lastName?: string;
    groupIds: string[];
  }): Promise<TesterInfo> {
    return testers.createTester(this.#http, tester);
  }

  setUsesNonExemptEncryption(buildId: string, value: boolean): Promise<void> {
    return builds.setUsesNonExemptEncryption(this.#http, buildId, value);
  }

  listLocalizations(buildId: string): Promise<LocalizationInfo[]> {
    return beta.listLocalizations(this.#http, buildId);
  }

  createLocalization(buildId: string, locale: string, whatsNew: string): Promise<LocalizationInfo> {
    return beta.createLocalization(this.#http, buildId, locale, whatsNew);
  }

  updateLocalization(localizationId: string, whatsNew: string): Promise<LocalizationInfo> {
    return beta.updateLocalization(this.#http, localizationId, whatsNew);
  }

  listReviewSubmissions(buildId: string): Promise<ReviewSubmissionInfo[]> {
    return beta.listReviewSubmissions(this.#http, buildId);
  }

  createReviewSubmission(buildId: string): Promise<ReviewSubmissionInfo> {
    return beta.createReviewSubmission(this.#http, buildId);
  }

  sendBuildNotification(buildId: string): Promise<void> {
    return beta.sendBuildNotification(this.#http, buildId);
  }
}
