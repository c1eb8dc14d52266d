// Apple's compatible-build check of a beta group: whether it holds a build that a tester its recruitment
// criteria admit could install. A build fits a device-family filter when its platform runs on that family and
// its minimum OS version is at most the filter's highest OS (a device at the filter's top runs it).
import { groupBuildIds, isExpired } from './build-lifecycle.js';
import type { FakePlatform } from './records.js';
import type { FakeStore } from './store.js';
import type { FakeBuild, FakeGroup } from './types.js';

interface OsFilter {
  deviceFamily?: string;
  minimumOsInclusive?: string;
  maximumOsInclusive?: string;
}

/** The device families a build of a platform runs on; iOS builds reach Macs and Vision Pro when the group allows. */
function familiesOf(platform: FakePlatform, group: FakeGroup): string[] {
  switch (platform) {
    case 'IOS':
      return [
        'IPHONE',
        'IPAD',
        ...(group.iosBuildsAvailableForAppleSiliconMac ? ['MAC'] : []),
        ...(group.iosBuildsAvailableForAppleVision ? ['VISION'] : []),
      ];
    case 'MAC_OS':
      return ['MAC'];
    case 'TV_OS':
      return ['APPLE_TV'];
    case 'VISION_OS':
      return ['VISION'];
  }
}

export function hasCompatibleBuild(store: FakeStore, group: FakeGroup): boolean {
  const builds = groupBuildIds(store, group)
    .map((id) => store.builds.get(id)!)
    .filter((b) => store.processingState(b.id) === 'VALID' && !isExpired(store, b));
  let filters: OsFilter[] = [];
  for (const c of store.recruitmentCriteria.values()) {
    if (c.groupId === group.id) filters = c.deviceFamilyOsVersionFilters as OsFilter[];
  }
  // Without criteria every tester is admitted: any installable build will do.
  if (filters.length === 0) return builds.length > 0;
  return builds.some((build) => filters.some((filter) => fits(build, filter, group)));
}

function fits(build: FakeBuild, filter: OsFilter, group: FakeGroup): boolean {
  if (!filter.deviceFamily || !familiesOf(build.platform, group).includes(filter.deviceFamily)) {
    return false;
  }
  return (
    !filter.maximumOsInclusive ||
    compareVersions(build.minOsVersion, filter.maximumOsInclusive) <= 0
  );
}

/** "17.0" < "17.2" < "18": dotted numbers, missing parts as 0. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
