// Apps, builds, pre-release versions and build beta details as JSON:API resources.
import { localizationsOfApp } from './app-information.js';
import { appleDate } from './apple-date.js';
import {
  BUILD_LIFETIME_MS,
  externalBuildState,
  groupBuildIds,
  internalBuildState,
  isExpired,
  isVisible,
} from './build-lifecycle.js';
import { anyOf, bool, defineKind, oneOf } from './resource-kind.js';
import type { FakePreReleaseVersion, FakeStore } from './store.js';
import type { FakeApp, FakeBuild } from './types.js';

function visibleBuilds(store: FakeStore): FakeBuild[] {
  return [...store.builds.values()].filter((b) => isVisible(store, b));
}

function groupsOfBuild(store: FakeStore, build: FakeBuild): string[] {
  return [...store.groups.values()]
    .filter((g) => groupBuildIds(store, g).includes(build.id))
    .map((g) => g.id);
}

export const apps = defineKind<FakeApp>({
  type: 'apps',
  schema: 'App',
  find: (store, id) => store.apps.get(id),
  list: (store) => [...store.apps.values()],
  id: (a) => a.id,
  attributes: (a) => ({
    name: a.name,
    bundleId: a.bundleId,
    sku: a.sku,
    primaryLocale: a.primaryLocale,
    isOrEverWasMadeForKids: false,
    contentRightsDeclaration: 'DOES_NOT_USE_THIRD_PARTY_CONTENT',
    streamlinedPurchasingEnabled: true,
  }),
  related: {
    betaGroups: (a, store) =>
      [...store.groups.values()].filter((g) => g.appId === a.id).map((g) => g.id),
    builds: (a, store) =>
      visibleBuilds(store)
        .filter((b) => b.appId === a.id)
        .map((b) => b.id),
    preReleaseVersions: (a, store) =>
      [...store.preReleaseVersions.values()]
        .filter((v) => v.appId === a.id && preReleaseVersions.find(store, v.id))
        .map((v) => v.id),
    betaAppLocalizations: (a, store) => localizationsOfApp(store, a.id).map((l) => l.id),
    betaAppReviewDetail: (a, store) => store.reviewDetailOf(a.id).id,
    betaLicenseAgreement: (a, store) => store.licenseAgreementOf(a.id).id,
    appEncryptionDeclarations: (a, store) =>
      [...store.encryptionDeclarations.values()].filter((d) => d.appId === a.id).map((d) => d.id),
  },
  filters: {
    'filter[name]': (a, v) => oneOf(v, a.name),
    'filter[bundleId]': (a, v) => oneOf(v, a.bundleId),
    'filter[sku]': (a, v) => oneOf(v, a.sku),
    'filter[id]': (a, v) => oneOf(v, a.id),
    // The fake has no App Store versions or review submissions: those filters match nothing.
    'filter[appStoreVersions.appStoreState]': () => false,
    'filter[appStoreVersions.platform]': () => false,
    'filter[appStoreVersions.appVersionState]': () => false,
    'filter[appStoreVersions]': () => false,
    'filter[reviewSubmissions.state]': () => false,
    'filter[reviewSubmissions.platform]': () => false,
    'exists[gameCenterEnabledVersions]': (_a, v) => v.includes('false'),
  },
  sorts: { name: (a) => a.name, bundleId: (a) => a.bundleId, sku: (a) => a.sku },
});

export const builds = defineKind<FakeBuild>({
  type: 'builds',
  schema: 'Build',
  find: (store, id) => {
    const b = store.builds.get(id);
    return b && isVisible(store, b) ? b : undefined;
  },
  list: visibleBuilds,
  id: (b) => b.id,
  attributes: (b, store) => ({
    version: b.version,
    uploadedDate: appleDate(b.uploadedAt),
    expirationDate: appleDate(b.uploadedAt + BUILD_LIFETIME_MS),
    expired: isExpired(store, b),
    minOsVersion: b.minOsVersion,
    // Apple sends null for the attributes that do not apply (recorded/codemagic__mocks__build.json).
    lsMinimumSystemVersion: b.platform === 'MAC_OS' ? '14.0' : null,
    computedMinMacOsVersion: '14.0',
    computedMinVisionOsVersion: '1.0',
    iconAssetToken: {
      templateUrl: `https://is1-ssl.mzstatic.com/image/thumb/Purple/v4/${b.id}/Icon.png/{w}x{h}bb.{f}`,
      width: 1024,
      height: 1024,
    },
    processingState: store.processingState(b.id),
    buildAudienceType: b.audience,
    usesNonExemptEncryption: b.usesNonExemptEncryption,
  }),
  related: {
    preReleaseVersion: (b) => b.preReleaseVersionId,
    individualTesters: (b, store) => [...(store.individualTesters.get(b.id) ?? [])],
    betaGroups: (b, store) => groupsOfBuild(store, b),
    betaBuildLocalizations: (b, store) =>
      [...store.localizations.values()].filter((l) => l.buildId === b.id).map((l) => l.id),
    appEncryptionDeclaration: (b) => b.encryptionDeclarationId,
    betaAppReviewSubmission: (b, store) => store.submissionFor(b.id)?.id ?? null,
    app: (b) => b.appId,
    buildBetaDetail: (b) => b.buildBetaDetailId,
    appStoreVersion: () => null,
    buildUpload: () => null,
  },
  filters: {
    'filter[version]': (b, v) => oneOf(v, b.version),
    'filter[expired]': (b, v, store) => bool(v, isExpired(store, b)),
    'filter[processingState]': (b, v, store) => oneOf(v, store.processingState(b.id)),
    'filter[betaAppReviewSubmission.betaReviewState]': (b, v, store) =>
      oneOf(v, store.submissionFor(b.id)?.state),
    'filter[usesNonExemptEncryption]': (b, v) =>
      b.usesNonExemptEncryption !== null && bool(v, b.usesNonExemptEncryption),
    'exists[usesNonExemptEncryption]': (b, v) => bool(v, b.usesNonExemptEncryption !== null),
    'filter[preReleaseVersion.version]': (b, v) => oneOf(v, b.marketingVersion),
    'filter[preReleaseVersion.platform]': (b, v) => oneOf(v, b.platform),
    'filter[buildAudienceType]': (b, v) => oneOf(v, b.audience),
    'filter[preReleaseVersion]': (b, v) => oneOf(v, b.preReleaseVersionId),
    'filter[app]': (b, v) => oneOf(v, b.appId),
    'filter[betaGroups]': (b, v, store) => anyOf(v, groupsOfBuild(store, b)),
    'filter[appStoreVersion]': () => false,
    'filter[id]': (b, v) => oneOf(v, b.id),
  },
  sorts: {
    version: (b) => b.version,
    uploadedDate: (b) => b.uploadedAt,
    preReleaseVersion: (b) => b.marketingVersion,
  },
});

export const preReleaseVersions = defineKind<FakePreReleaseVersion>({
  type: 'preReleaseVersions',
  schema: 'PrereleaseVersion',
  // A version exists for the API once one of its builds has appeared.
  find: (store, id) => {
    const v = store.preReleaseVersions.get(id);
    return v && buildsOfVersion(store, v).length > 0 ? v : undefined;
  },
  list: (store) =>
    [...store.preReleaseVersions.values()].filter((v) => buildsOfVersion(store, v).length > 0),
  id: (v) => v.id,
  attributes: (v) => ({ version: v.version, platform: v.platform }),
  related: {
    builds: (v, store) => buildsOfVersion(store, v).map((b) => b.id),
    app: (v) => v.appId,
  },
  filters: {
    'filter[builds.buildAudienceType]': (v, values, store) =>
      buildsOfVersion(store, v).some((b) => values.includes(b.audience)),
    'filter[builds.expired]': (v, values, store) =>
      buildsOfVersion(store, v).some((b) => bool(values, isExpired(store, b))),
    'filter[builds.processingState]': (v, values, store) =>
      buildsOfVersion(store, v).some((b) => oneOf(values, store.processingState(b.id))),
    'filter[builds.version]': (v, values, store) =>
      buildsOfVersion(store, v).some((b) => values.includes(b.version)),
    'filter[platform]': (v, values) => oneOf(values, v.platform),
    'filter[version]': (v, values) => oneOf(values, v.version),
    'filter[app]': (v, values) => oneOf(values, v.appId),
    'filter[builds]': (v, values, store) =>
      buildsOfVersion(store, v).some((b) => values.includes(b.id)),
  },
  sorts: { version: (v) => v.version },
});

function buildsOfVersion(store: FakeStore, v: FakePreReleaseVersion): FakeBuild[] {
  return visibleBuilds(store).filter((b) => b.preReleaseVersionId === v.id);
}

/** A build's beta detail is the build seen through another type; its ID is buildBetaDetailId. */
export const buildBetaDetails = defineKind<FakeBuild>({
  type: 'buildBetaDetails',
  schema: 'BuildBetaDetail',
  find: (store, id) => visibleBuilds(store).find((b) => b.buildBetaDetailId === id),
  list: visibleBuilds,
  id: (b) => b.buildBetaDetailId,
  attributes: (b, store) => ({
    autoNotifyEnabled: b.autoNotifyEnabled,
    internalBuildState: internalBuildState(store, b),
    externalBuildState: externalBuildState(store, b),
  }),
  related: { build: (b) => b.id },
  filters: {
    'filter[build]': (b, v) => oneOf(v, b.id),
    'filter[id]': (b, v) => oneOf(v, b.buildBetaDetailId),
  },
  sorts: {},
});
