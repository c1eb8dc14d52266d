// Beta groups, testers, What to Test, review submissions and recruitment as JSON:API resources.
import { appleDate } from './apple-date.js';
import { groupBuildIds } from './build-lifecycle.js';
import { hasCompatibleBuild } from './recruitment.js';
import { anyOf, bool, defineKind, oneOf } from './resource-kind.js';
import type { FakeRecruitmentCriterion } from './records.js';
import type { FakeBuildNotification, FakeStore } from './store.js';
import type { FakeGroup, FakeLocalization, FakeReviewSubmission, FakeTester } from './types.js';

export function publicLinkUrl(publicLinkId: string): string {
  return `https://testflight.apple.com/join/${publicLinkId}`;
}

function criterionOf(store: FakeStore, group: FakeGroup): FakeRecruitmentCriterion | undefined {
  for (const c of store.recruitmentCriteria.values()) if (c.groupId === group.id) return c;
  return undefined;
}

function groupsOfTester(store: FakeStore, tester: FakeTester): string[] {
  return [...store.groups.values()].filter((g) => g.testerIds.has(tester.id)).map((g) => g.id);
}

function buildsOfTester(store: FakeStore, tester: FakeTester): string[] {
  return [...store.individualTesters.entries()]
    .filter(([buildId, ids]) => ids.has(tester.id) && store.builds.has(buildId))
    .map(([buildId]) => buildId);
}

function groupAttributes(g: FakeGroup) {
  // Apple's own example shows every publicLink* attribute null on an internal group, and a new external group
  // carries its link ID and URL while the link is off (recorded/fastlane__testflight__beta_create_group.json).
  const external = !g.isInternal;
  const linkId = external ? g.publicLinkId : null;
  return {
    name: g.name,
    createdDate: appleDate(g.createdAt),
    isInternalGroup: g.isInternal,
    hasAccessToAllBuilds: g.isInternal ? g.hasAccessToAllBuilds : null,
    publicLinkEnabled: external ? g.publicLinkEnabled : null,
    publicLinkId: linkId,
    publicLinkLimitEnabled: external ? g.publicLinkLimitEnabled : null,
    publicLinkLimit: external ? g.publicLinkLimit : null,
    publicLink: linkId === null ? null : publicLinkUrl(linkId),
    feedbackEnabled: g.feedbackEnabled,
    iosBuildsAvailableForAppleSiliconMac: g.iosBuildsAvailableForAppleSiliconMac ?? false,
    iosBuildsAvailableForAppleVision: g.iosBuildsAvailableForAppleVision ?? false,
  };
}

export const betaGroups = defineKind<FakeGroup>({
  type: 'betaGroups',
  schema: 'BetaGroup',
  find: (store, id) => store.groups.get(id),
  list: (store) => [...store.groups.values()],
  id: (g) => g.id,
  attributes: groupAttributes,
  related: {
    app: (g) => g.appId,
    builds: (g, store) => groupBuildIds(store, g),
    betaTesters: (g) => [...g.testerIds],
    betaRecruitmentCriteria: (g, store) => criterionOf(store, g)?.id ?? null,
  },
  filters: {
    'filter[name]': (g, v) => oneOf(v, g.name),
    'filter[isInternalGroup]': (g, v) => bool(v, g.isInternal),
    'filter[publicLinkEnabled]': (g, v) => !g.isInternal && bool(v, g.publicLinkEnabled),
    'filter[publicLinkLimitEnabled]': (g, v) => !g.isInternal && bool(v, g.publicLinkLimitEnabled),
    'filter[publicLink]': (g, v) => oneOf(v, groupAttributes(g).publicLink),
    'filter[app]': (g, v) => oneOf(v, g.appId),
    'filter[builds]': (g, v, store) => anyOf(v, groupBuildIds(store, g)),
    'filter[id]': (g, v) => oneOf(v, g.id),
  },
  sorts: {
    name: (g) => g.name,
    createdDate: (g) => g.createdAt,
    publicLinkEnabled: (g) => g.publicLinkEnabled,
    publicLinkLimit: (g) => g.publicLinkLimit,
  },
});

export const betaTesters = defineKind<FakeTester>({
  type: 'betaTesters',
  schema: 'BetaTester',
  find: (store, id) => store.testers.get(id),
  list: (store) => [...store.testers.values()],
  id: (t) => t.id,
  attributes: (t) => ({
    firstName: t.firstName,
    lastName: t.lastName,
    email: t.email,
    inviteType: t.inviteType,
    state: t.state,
    appDevices: [],
  }),
  related: {
    apps: (t) => [...t.appIds],
    betaGroups: (t, store) => groupsOfTester(store, t),
    builds: (t, store) => buildsOfTester(store, t),
  },
  filters: {
    'filter[firstName]': (t, v) => oneOf(v, t.firstName),
    'filter[lastName]': (t, v) => oneOf(v, t.lastName),
    // Apple matches emails without regard to case.
    'filter[email]': (t, v) => v.map((e) => e.toLowerCase()).includes(t.email.toLowerCase()),
    'filter[inviteType]': (t, v) => oneOf(v, t.inviteType),
    'filter[apps]': (t, v) => anyOf(v, t.appIds),
    'filter[betaGroups]': (t, v, store) => anyOf(v, groupsOfTester(store, t)),
    'filter[builds]': (t, v, store) => anyOf(v, buildsOfTester(store, t)),
    'filter[id]': (t, v) => oneOf(v, t.id),
  },
  sorts: {
    firstName: (t) => t.firstName,
    lastName: (t) => t.lastName,
    email: (t) => t.email,
    inviteType: (t) => t.inviteType,
    state: (t) => t.state,
  },
});

function visibleBuild(store: FakeStore, buildId: string): boolean {
  return store.processingState(buildId) !== undefined;
}

export const betaBuildLocalizations = defineKind<FakeLocalization>({
  type: 'betaBuildLocalizations',
  schema: 'BetaBuildLocalization',
  find: (store, id) => store.localizations.get(id),
  list: (store) => [...store.localizations.values()].filter((l) => visibleBuild(store, l.buildId)),
  id: (l) => l.id,
  attributes: (l) => ({ whatsNew: l.whatsNew, locale: l.locale }),
  related: { build: (l) => l.buildId },
  filters: {
    'filter[locale]': (l, v) => oneOf(v, l.locale),
    'filter[build]': (l, v) => oneOf(v, l.buildId),
  },
  sorts: {},
});

export const betaAppReviewSubmissions = defineKind<FakeReviewSubmission>({
  type: 'betaAppReviewSubmissions',
  schema: 'BetaAppReviewSubmission',
  find: (store, id) => store.reviewSubmissions.get(id),
  list: (store) => [...store.reviewSubmissions.values()],
  id: (s) => s.id,
  attributes: (s) => ({ betaReviewState: s.state, submittedDate: appleDate(s.submittedAt) }),
  related: { build: (s) => s.buildId },
  filters: {
    'filter[betaReviewState]': (s, v) => oneOf(v, s.state),
    'filter[build]': (s, v) => oneOf(v, s.buildId),
  },
  sorts: {},
});

export const betaRecruitmentCriteria = defineKind<FakeRecruitmentCriterion>({
  type: 'betaRecruitmentCriteria',
  schema: 'BetaRecruitmentCriterion',
  find: (store, id) => store.recruitmentCriteria.get(id),
  list: (store) => [...store.recruitmentCriteria.values()],
  id: (c) => c.id,
  attributes: (c) => ({
    lastModifiedDate: appleDate(c.modifiedAt),
    deviceFamilyOsVersionFilters: c.deviceFamilyOsVersionFilters,
  }),
  related: {},
  filters: {},
  sorts: {},
});

/** The compatible-build check of a group; it shares the group's ID. */
export const betaRecruitmentCriterionCompatibleBuildChecks = defineKind<FakeGroup>({
  type: 'betaRecruitmentCriterionCompatibleBuildChecks',
  schema: 'BetaRecruitmentCriterionCompatibleBuildCheck',
  find: (store, id) => store.groups.get(id),
  list: (store) => [...store.groups.values()],
  id: (g) => g.id,
  attributes: (g, store) => ({ hasCompatibleBuild: hasCompatibleBuild(store, g) }),
  related: {},
  filters: {},
  sorts: {},
});

export const buildBetaNotifications = defineKind<FakeBuildNotification>({
  type: 'buildBetaNotifications',
  schema: 'BuildBetaNotification',
  find: (store, id) => store.buildNotifications.get(id),
  list: (store) => [...store.buildNotifications.values()],
  id: (n) => n.id,
  attributes: () => ({}),
  related: {},
  filters: {},
  sorts: {},
});

export const betaTesterInvitations = defineKind<{ id: string }>({
  type: 'betaTesterInvitations',
  schema: 'BetaTesterInvitation',
  find: () => undefined,
  list: () => [],
  id: (i) => i.id,
  attributes: () => ({}),
  related: {},
  filters: {},
  sorts: {},
});

export interface RecruitmentOption {
  id: string;
  deviceFamilyOsVersions: { deviceFamily: string; osVersions: string[] }[];
}

export const betaRecruitmentCriterionOptions = defineKind<RecruitmentOption>({
  type: 'betaRecruitmentCriterionOptions',
  schema: 'BetaRecruitmentCriterionOption',
  find: () => undefined,
  list: () => [RECRUITMENT_OPTIONS],
  id: (o) => o.id,
  attributes: (o) => ({ deviceFamilyOsVersions: o.deviceFamilyOsVersions }),
  related: {},
  filters: {},
  sorts: {},
});

const RECRUITMENT_OPTIONS: RecruitmentOption = {
  id: 'betaRecruitmentCriterionOptions',
  deviceFamilyOsVersions: [
    { deviceFamily: 'IPHONE', osVersions: ['16.0', '17.0', '18.0', '26.0'] },
    { deviceFamily: 'IPAD', osVersions: ['16.0', '17.0', '18.0', '26.0'] },
    { deviceFamily: 'MAC', osVersions: ['13.0', '14.0', '15.0', '26.0'] },
    { deviceFamily: 'APPLE_TV', osVersions: ['17.0', '18.0', '26.0'] },
    { deviceFamily: 'VISION', osVersions: ['1.0', '2.0', '26.0'] },
  ],
};
