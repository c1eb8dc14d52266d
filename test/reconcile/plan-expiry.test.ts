// The planner's expiry: keep-builds keeps the newest N builds of the app and platform by upload date (this
// run's build among them, never expired, nor a build in review), and each declared group's newest build with
// the days until it expires, warned about within expiry-warning-days.
import { describe, expect, it } from 'vitest';
import type { AppBuildInfo } from '../../src/asc/index.js';
import type { DesiredState } from '../../src/reconcile/desired.js';
import { toPlannedOperation } from '../../src/reconcile/operations.js';
import { planReconcile } from '../../src/reconcile/plan.js';
import {
  appBuild,
  buildInfo,
  desiredGroup,
  desiredState,
  groupInfo,
} from '../helpers/factories.js';
import { current, READ_AT, stateAfter } from './plan-fixtures.js';

const DAY = 24 * 3600 * 1000;

/** A build uploaded `daysAgo` before the read (expiring 90 days after upload), of version `version`. */
function uploaded(
  number: string,
  daysAgo: number,
  extra: Partial<AppBuildInfo> = {},
): AppBuildInfo {
  const at = READ_AT - daysAgo * DAY;
  return appBuild({
    id: `b${number}`,
    number,
    uploadedDate: new Date(at).toISOString(),
    expirationDate: new Date(at + 90 * DAY).toISOString(),
    ...extra,
  });
}

const keep = (n: number, overrides: Partial<DesiredState> = {}) =>
  desiredState({
    expiry: { keepBuilds: n, warningDays: 14 },
    submitForReview: 'never',
    ...overrides,
  });

const expired = (d: DesiredState, builds: AppBuildInfo[], build = builds[0]!) =>
  planReconcile(d, current({ build, appBuilds: builds }))
    .operations.filter((o) => o.op === 'expire-build')
    .map((o) => o.target);

describe('keep-builds', () => {
  // Newest first: this run's 42 (1.2.0), then builds of other versions and an older one of 1.2.0.
  const builds = [
    uploaded('42', 1),
    uploaded('7', 3, { marketingVersion: '1.1.0' }),
    uploaded('41', 5),
    uploaded('6', 20, { marketingVersion: '1.1.0' }),
  ];

  it('expires all but the newest N by upload date, over every version, this run counted among the N', () => {
    const plan = planReconcile(keep(2), current({ build: builds[0]!, appBuilds: builds }));
    expect(plan.operations.map(toPlannedOperation).filter((o) => o.op === 'expire-build')).toEqual([
      {
        op: 'expire-build',
        target: 'build 41',
        detail: `expire build 41 (1.2.0), uploaded ${new Date(READ_AT - 5 * DAY).toISOString().slice(0, 10)}: older than the newest 2 (keep-builds)`,
        change: `uploaded ${new Date(READ_AT - 5 * DAY).toISOString().slice(0, 10)}, older than the newest 2`,
      },
      {
        op: 'expire-build',
        target: 'build 6',
        detail: `expire build 6 (1.1.0), uploaded ${new Date(READ_AT - 20 * DAY).toISOString().slice(0, 10)}: older than the newest 2 (keep-builds)`,
        change: `uploaded ${new Date(READ_AT - 20 * DAY).toISOString().slice(0, 10)}, older than the newest 2`,
      },
    ]);
    // After the new build is distributed: the last stage.
    expect(plan.operations.at(-1)?.op).toBe('expire-build');
    const again = planReconcile(
      keep(2),
      stateAfter(current({ build: builds[0]!, appBuilds: builds }), plan.operations),
    );
    expect(again.operations.filter((o) => o.op === 'expire-build')).toEqual([]);
  });

  it('never expires the build of this run, even when it is not among the newest', () => {
    const old = builds[3]!;
    expect(expired(keep(1), builds, old)).toEqual(['build 42', 'build 7', 'build 41']);
    expect(expired(keep(2), builds, old)).toEqual(['build 7', 'build 41']);
  });

  it('never expires a build in review, and leaves builds still processing or failed alone', () => {
    const list = [
      uploaded('42', 1),
      uploaded('41', 2, { reviewState: 'WAITING_FOR_REVIEW' }),
      uploaded('40', 3, { reviewState: 'IN_REVIEW' }),
      uploaded('39', 4, { reviewState: 'REJECTED' }),
      uploaded('38', 5, { processingState: 'PROCESSING' }),
      uploaded('37', 6, { processingState: 'FAILED' }),
    ];
    expect(expired(keep(1), list)).toEqual(['build 39']);
  });

  it('keeps the newest N without a build in this run', () => {
    expect(
      planReconcile(keep(2), current({ build: null, appBuilds: builds }))
        .operations.filter((o) => o.op === 'expire-build')
        .map((o) => o.target),
    ).toEqual(['build 41', 'build 6']);
  });

  it('expires nothing without keep-builds', () => {
    expect(expired(desiredState({ submitForReview: 'never' }), builds)).toEqual([]);
  });
});

describe('expiry of the declared groups', () => {
  it('shows each group the newest build it will hold, and warns within expiry-warning-days', () => {
    const team = groupInfo('Team', { isInternal: true, hasAccessToAllBuilds: true });
    const old = groupInfo('Old');
    const empty = groupInfo('Empty');
    const d = desiredState({
      groups: [desiredGroup('Team'), desiredGroup('Old'), desiredGroup('Empty')],
      submitForReview: 'never',
      expiry: { keepBuilds: null, warningDays: 14 },
    });
    const soon = uploaded('30', 80, { groupIds: [old.id] });
    const newer = uploaded('31', 10, { groupIds: [] });
    const plan = planReconcile(
      d,
      current({ build: null, groups: [team, old, empty], appBuilds: [newer, soon] }),
    );
    expect(plan.groupExpiry).toEqual([
      {
        name: 'Team',
        newestBuild: { number: '31', marketingVersion: '1.2.0' },
        expiresAt: newer.expirationDate,
        daysLeft: 80,
      },
      {
        name: 'Old',
        newestBuild: { number: '30', marketingVersion: '1.2.0' },
        expiresAt: soon.expirationDate,
        daysLeft: 10,
      },
      { name: 'Empty', newestBuild: null, expiresAt: null, daysLeft: null },
    ]);
    expect(plan.warnings).toEqual([
      `The newest build of group Old, 30 (1.2.0), expires in 10 days (${soon.expirationDate!.slice(0, 10)}), within \`expiry-warning-days\` (14): distribute a newer build to it before then.`,
      'Group Empty holds no unexpired build, so its testers have nothing to test and its public link admits no one: distribute a new build to it.',
    ]);
  });

  it("counts this run's build in the groups it goes to, and leaves out the builds keep-builds expires", () => {
    const beta = groupInfo('Beta');
    const previous = uploaded('41', 30, { groupIds: [beta.id] });
    const run = buildInfo({
      uploadedDate: new Date(READ_AT - DAY).toISOString(),
      expirationDate: new Date(READ_AT + 89 * DAY).toISOString(),
    });
    const plan = planReconcile(
      keep(1),
      current({ build: run, groups: [beta], appBuilds: [previous] }),
    );
    expect(plan.groupExpiry).toEqual([
      {
        name: 'Beta',
        newestBuild: { number: '42', marketingVersion: '1.2.0' },
        expiresAt: run.expirationDate,
        daysLeft: 89,
      },
    ]);
    expect(plan.operations.map((o) => o.op)).toEqual(['add-build', 'expire-build']);
    expect(plan.warnings).toEqual([]);
  });

  it('warns when the groups keep-builds empties hold nothing unexpired any more', () => {
    const other = groupInfo('Other');
    const d = keep(1, { groups: [desiredGroup('Other')] });
    const plan = planReconcile(
      d,
      current({
        build: null,
        groups: [other],
        appBuilds: [uploaded('50', 1), uploaded('41', 30, { groupIds: [other.id] })],
      }),
    );
    expect(plan.groupExpiry[0]!.newestBuild).toBeNull();
    expect(plan.warnings).toEqual([
      'Group Other holds no unexpired build, so its testers have nothing to test and its public link admits no one: distribute a new build to it.',
    ]);
  });
});
