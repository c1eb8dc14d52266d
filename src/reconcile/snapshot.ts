// What `export-config` writes: the app's TestFlight state as it is, read and changed nothing. Every group with
// its settings, its members and its recruitment criteria, and the app's Test Information.
import type {
  AppInfo,
  AscApi,
  BetaAppLocalizationInfo,
  DeviceFamilyOsFilter,
  GroupInfo,
  LicenseAgreementInfo,
  ReviewDetailInfo,
  TesterInfo,
} from '../asc/index.js';
import { mapBounded } from './bounded.js';
import type { AppRef, SettingHints } from './desired.js';
import { findApp } from './read.js';

/** The same bound as the reconcile's reads: a few requests in flight, never a burst. */
const READ_CONCURRENCY = 4;

export interface GroupSnapshot {
  group: GroupInfo;
  /** Every member, as App Store Connect lists them. */
  testers: TesterInfo[];
  /** null: the group has no recruitment criteria. */
  recruitment: DeviceFamilyOsFilter[] | null;
}

export interface TestFlightSnapshot {
  app: AppInfo;
  primaryLocale: string | null;
  groups: GroupSnapshot[];
  localizations: BetaAppLocalizationInfo[];
  reviewDetail: ReviewDetailInfo | null;
  licenseAgreement: LicenseAgreementInfo | null;
}

export async function readSnapshot(
  ref: AppRef,
  api: AscApi,
  hints: Pick<SettingHints, 'app'>,
): Promise<TestFlightSnapshot> {
  const overview = await findApp(ref, api, hints);
  const criteria = await api.listRecruitmentCriteria(overview.app.id);
  const groups = [...overview.groups].sort((a, b) =>
    a.isInternal === b.isInternal ? a.name.localeCompare(b.name) : a.isInternal ? -1 : 1,
  );
  const members = await mapBounded(groups, READ_CONCURRENCY, (group) =>
    api.listGroupMembers(group.id),
  );
  return {
    app: overview.app,
    primaryLocale: overview.primaryLocale,
    groups: groups.map((group, i) => ({
      group,
      testers: members[i]!,
      recruitment: criteria.find((c) => c.groupId === group.id)?.filters ?? null,
    })),
    localizations: overview.betaAppLocalizations,
    reviewDetail: overview.reviewDetail,
    licenseAgreement: overview.licenseAgreement,
  };
}
