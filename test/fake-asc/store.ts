// The fake's data: the FakeState tests seed and read, plus the few records the interface does not name.
import { randomInt, randomUUID } from 'node:crypto';
import {
  newEncryptionDeclaration,
  newLicenseAgreement,
  newReviewDetail,
  newTeamMember,
  writeTestInformation,
} from './app-information.js';
import type {
  FakeApp,
  FakeBetaAppLocalization,
  FakeBuild,
  FakeEncryptionDeclaration,
  FakeGroup,
  FakeLicenseAgreement,
  FakeLocalization,
  FakePlatform,
  FakeProcessingState,
  FakeRecruitmentCriterion,
  FakePublicLinkUsage,
  FakeReviewDetail,
  FakeReviewSubmission,
  FakeState,
  FakeTestInformation,
  FakeTester,
  FakeTesterUsage,
  FakeUser,
} from './types.js';

export interface FakePreReleaseVersion {
  id: string;
  appId: string;
  version: string;
  platform: FakePlatform;
}

export interface FakeBuildNotification {
  id: string;
  buildId: string;
  createdAt: number;
}

/** Apple's app IDs are ten-digit numbers; everything else here is a UUID. */
export function newAppId(): string {
  return String(randomInt(1_000_000_000, 2_000_000_000));
}

const LINK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newPublicLinkId(): string {
  return Array.from({ length: 8 }, () => LINK_ALPHABET[randomInt(LINK_ALPHABET.length)]).join('');
}

export class FakeStore implements FakeState {
  readonly apps = new Map<string, FakeApp>();
  readonly builds = new Map<string, FakeBuild>();
  readonly groups = new Map<string, FakeGroup>();
  readonly testers = new Map<string, FakeTester>();
  readonly localizations = new Map<string, FakeLocalization>();
  readonly reviewSubmissions = new Map<string, FakeReviewSubmission>();
  readonly teamEmails = new Set<string>();
  readonly betaAppLocalizations = new Map<string, FakeBetaAppLocalization>();
  readonly reviewDetails = new Map<string, FakeReviewDetail>();
  readonly licenseAgreements = new Map<string, FakeLicenseAgreement>();
  readonly encryptionDeclarations = new Map<string, FakeEncryptionDeclaration>();
  readonly testerUsages: FakeTesterUsage[] = [];
  readonly publicLinkUsages = new Map<string, FakePublicLinkUsage>();
  private readonly team = new Map<string, FakeUser>();
  readonly preReleaseVersions = new Map<string, FakePreReleaseVersion>();
  readonly recruitmentCriteria = new Map<string, FakeRecruitmentCriterion>();
  readonly buildNotifications = new Map<string, FakeBuildNotification>();
  /** Build ID → IDs of testers given that build individually (builds/{id}/individualTesters). */
  readonly individualTesters = new Map<string, Set<string>>();
  readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  addApp(app: Partial<FakeApp> & { bundleId: string }): FakeApp {
    const full: FakeApp = {
      id: app.id ?? newAppId(),
      bundleId: app.bundleId,
      name: app.name ?? app.bundleId.split('.').at(-1) ?? app.bundleId,
      sku: app.sku ?? app.bundleId.toUpperCase().replaceAll('.', '_'),
      primaryLocale: app.primaryLocale ?? 'en-US',
    };
    this.apps.set(full.id, full);
    this.reviewDetailOf(full.id);
    this.licenseAgreementOf(full.id);
    return full;
  }

  reviewDetailOf(appId: string): FakeReviewDetail {
    let detail = this.reviewDetails.get(appId);
    if (!detail) this.reviewDetails.set(appId, (detail = newReviewDetail(appId)));
    return detail;
  }

  licenseAgreementOf(appId: string): FakeLicenseAgreement {
    let agreement = this.licenseAgreements.get(appId);
    if (!agreement) this.licenseAgreements.set(appId, (agreement = newLicenseAgreement(appId)));
    return agreement;
  }

  setTestInformation(appId: string, info: FakeTestInformation): void {
    writeTestInformation(this, appId, info);
  }

  addEncryptionDeclaration(
    d: Partial<Omit<FakeEncryptionDeclaration, 'appId'>> & { appId: string },
  ): FakeEncryptionDeclaration {
    if (!this.apps.has(d.appId)) throw new Error(`fake-asc seed: no app ${d.appId}`);
    const full = newEncryptionDeclaration(d, this.now());
    this.encryptionDeclarations.set(full.id, full);
    return full;
  }

  addBuild(
    build: Partial<Omit<FakeBuild, 'preReleaseVersionId' | 'buildBetaDetailId'>> & {
      appId: string;
      version: string;
    },
  ): FakeBuild {
    const marketingVersion = build.marketingVersion ?? '1.0.0';
    const platform = build.platform ?? 'IOS';
    const full: FakeBuild = {
      id: build.id ?? randomUUID(),
      appId: build.appId,
      version: build.version,
      marketingVersion,
      platform,
      minOsVersion: build.minOsVersion ?? (platform === 'MAC_OS' ? '14.0' : '17.0'),
      preReleaseVersionId: this.preReleaseVersionFor(build.appId, marketingVersion, platform).id,
      uploadedAt: build.uploadedAt ?? this.now(),
      appearsAfterMs: build.appearsAfterMs ?? 0,
      processingMs: build.processingMs ?? 0,
      finalState: build.finalState ?? 'VALID',
      expired: build.expired ?? false,
      // Seeded builds have export compliance unless a test asks for the "Missing Compliance" case.
      usesNonExemptEncryption:
        build.usesNonExemptEncryption === undefined ? false : build.usesNonExemptEncryption,
      audience: build.audience ?? 'APP_STORE_ELIGIBLE',
      autoNotifyEnabled: build.autoNotifyEnabled ?? true,
      buildBetaDetailId: randomUUID(),
      encryptionDeclarationId: build.encryptionDeclarationId ?? null,
    };
    this.builds.set(full.id, full);
    return full;
  }

  addGroup(
    group: Partial<Omit<FakeGroup, 'testerIds' | 'buildIds'>> & {
      appId: string;
      name: string;
      testerIds?: Iterable<string>;
      buildIds?: Iterable<string>;
    },
  ): FakeGroup {
    const publicLinkEnabled = group.publicLinkEnabled ?? false;
    const full: FakeGroup = {
      id: group.id ?? randomUUID(),
      appId: group.appId,
      name: group.name,
      isInternal: group.isInternal ?? false,
      hasAccessToAllBuilds: group.hasAccessToAllBuilds ?? false,
      publicLinkEnabled,
      publicLinkLimitEnabled: group.publicLinkLimitEnabled ?? false,
      publicLinkLimit: group.publicLinkLimit ?? null,
      publicLinkId: group.publicLinkId ?? (publicLinkEnabled ? newPublicLinkId() : null),
      feedbackEnabled: group.feedbackEnabled ?? true,
      createdAt: group.createdAt ?? this.now(),
      testerIds: new Set(),
      buildIds: new Set(group.buildIds ?? []),
    };
    this.groups.set(full.id, full);
    for (const testerId of group.testerIds ?? []) this.linkTester(full, testerId);
    return full;
  }

  addTester(
    tester: Partial<Omit<FakeTester, 'appIds'>> & {
      email: string;
      appIds?: Iterable<string>;
      groupIds?: Iterable<string>;
    },
  ): FakeTester {
    if (this.findTesterByEmail(tester.email)) {
      throw new Error(`fake-asc seed: a tester with email ${tester.email} already exists`);
    }
    const groupIds = [...(tester.groupIds ?? [])];
    const full: FakeTester = {
      id: tester.id ?? randomUUID(),
      email: tester.email,
      firstName: tester.firstName ?? null,
      lastName: tester.lastName ?? null,
      inviteType: tester.inviteType ?? 'EMAIL',
      // As on Apple; the next request invites them if a group of theirs offers a build (sendDueInvitations).
      state: tester.state ?? 'NOT_INVITED',
      appIds: new Set(tester.appIds ?? []),
    };
    this.testers.set(full.id, full);
    for (const groupId of groupIds) {
      const group = this.groups.get(groupId);
      if (!group) throw new Error(`fake-asc seed: no group ${groupId}`);
      this.linkTester(group, full.id);
    }
    return full;
  }

  addTeamMember(email: string, user?: Parameters<FakeState['addTeamMember']>[1]): FakeUser {
    this.teamEmails.add(email.toLowerCase());
    const member = newTeamMember(email, user);
    this.team.set(email.toLowerCase(), member);
    return member;
  }

  /** The team by user ID; an email added to `teamEmails` directly gets its user here. */
  get users(): Map<string, FakeUser> {
    for (const email of this.teamEmails) {
      if (!this.team.has(email.toLowerCase()))
        this.team.set(email.toLowerCase(), newTeamMember(email));
    }
    return new Map(
      [...this.team.entries()]
        .filter(([email]) => this.isTeamMember(email))
        .map(([, u]) => [u.id, u]),
    );
  }

  isTeamMember(email: string): boolean {
    // Tests may add mixed-case emails to the Set directly, so compare case-insensitively.
    const wanted = email.toLowerCase();
    for (const e of this.teamEmails) if (e.toLowerCase() === wanted) return true;
    return false;
  }

  addLocalization(l: Omit<FakeLocalization, 'id'> & { id?: string }): FakeLocalization {
    const full: FakeLocalization = { ...l, id: l.id ?? randomUUID() };
    this.localizations.set(full.id, full);
    return full;
  }

  addTesterUsage(usage: Parameters<FakeState['addTesterUsage']>[0]): FakeTesterUsage {
    if (!this.testers.has(usage.testerId))
      throw new Error(`fake-asc seed: no tester ${usage.testerId}`);
    if (!this.apps.has(usage.appId)) throw new Error(`fake-asc seed: no app ${usage.appId}`);
    const full: FakeTesterUsage = {
      testerId: usage.testerId,
      appId: usage.appId,
      at: usage.at ?? this.now(),
      sessions: usage.sessions ?? 0,
      crashes: usage.crashes ?? 0,
      feedback: usage.feedback ?? 0,
    };
    this.testerUsages.push(full);
    return full;
  }

  setPublicLinkUsage(groupId: string, usage: Partial<FakePublicLinkUsage>): FakePublicLinkUsage {
    if (!this.groups.has(groupId)) throw new Error(`fake-asc seed: no group ${groupId}`);
    const full: FakePublicLinkUsage = {
      viewCount: 0,
      didNotAcceptCount: 0,
      didNotMeetCriteriaCount: 0,
      notRelevantRatio: 0,
      notClearRatio: 0,
      notInterestingRatio: 0,
      ...this.publicLinkUsages.get(groupId),
      ...usage,
    };
    this.publicLinkUsages.set(groupId, full);
    return full;
  }

  addReviewSubmission(
    s: Omit<FakeReviewSubmission, 'id' | 'submittedAt'> & { id?: string; submittedAt?: number },
  ): FakeReviewSubmission {
    const full: FakeReviewSubmission = {
      id: s.id ?? randomUUID(),
      buildId: s.buildId,
      state: s.state,
      submittedAt: s.submittedAt ?? this.now(),
    };
    this.reviewSubmissions.set(full.id, full);
    return full;
  }

  processingState(buildId: string): FakeProcessingState | undefined {
    const build = this.builds.get(buildId);
    if (!build) return undefined;
    const t = this.now();
    if (t < build.uploadedAt + build.appearsAfterMs) return undefined;
    if (t < build.uploadedAt + build.processingMs) return 'PROCESSING';
    return build.finalState;
  }

  /** Adds the membership and what follows from it: the tester now belongs to the group's app. */
  linkTester(group: FakeGroup, testerId: string): void {
    const tester = this.testers.get(testerId);
    if (!tester) throw new Error(`fake-asc: no tester ${testerId}`);
    group.testerIds.add(testerId);
    tester.appIds.add(group.appId);
  }

  findTesterByEmail(email: string): FakeTester | undefined {
    const wanted = email.toLowerCase();
    for (const t of this.testers.values()) if (t.email.toLowerCase() === wanted) return t;
    return undefined;
  }

  /** The latest submission for a build (a rejected build may be submitted again). */
  submissionFor(buildId: string): FakeReviewSubmission | undefined {
    let latest: FakeReviewSubmission | undefined;
    for (const s of this.reviewSubmissions.values()) {
      if (s.buildId === buildId && (!latest || s.submittedAt >= latest.submittedAt)) latest = s;
    }
    return latest;
  }

  private preReleaseVersionFor(appId: string, version: string, platform: FakePlatform) {
    for (const v of this.preReleaseVersions.values()) {
      if (v.appId === appId && v.version === version && v.platform === platform) return v;
    }
    const created: FakePreReleaseVersion = { id: randomUUID(), appId, version, platform };
    this.preReleaseVersions.set(created.id, created);
    return created;
  }
}
