// The polling schedule and the give-up messages of waitForBuild, against a scripted findBuilds.
import { describe, expect, it } from 'vitest';
import type { AscApi, BuildInfo } from '../../src/asc/index.js';
import { ReconcileError } from '../../src/reconcile/reconcile-error.js';
import { INPUT_HINTS } from '../../src/inputs/setting-hints.js';
import { waitForBuild, type BuildQuery } from '../../src/reconcile/wait.js';
import { TEST_START, TestClock } from '../helpers/clock.js';
import { buildInfo } from '../helpers/factories.js';
import { rejectionMessage } from '../helpers/failures.js';

type FindBuilds = AscApi['findBuilds'];

function harness(findBuilds: FindBuilds) {
  const clock = new TestClock();
  const queries: Parameters<FindBuilds>[0][] = [];
  const api = {
    findBuilds: async (query: Parameters<FindBuilds>[0]) => {
      queries.push(query);
      return findBuilds(query);
    },
  } as unknown as AscApi;
  const logs: string[] = [];
  const warnings: string[] = [];
  const deps = {
    now: clock.now,
    sleep: clock.sleep,
    log: (line: string) => logs.push(line),
    warn: (line: string) => warnings.push(line),
  };
  const query = (overrides: Partial<BuildQuery> = {}): BuildQuery => ({
    appId: 'app1',
    appLabel: 'Example (com.example.app)',
    buildNumber: '42',
    marketingVersion: null,
    platform: 'IOS',
    waitMinutes: 5,
    hints: INPUT_HINTS,
    ...overrides,
  });
  return {
    api,
    deps,
    logs,
    warnings,
    sleeps: clock.slept,
    queries,
    query,
    elapsed: () => clock.elapsed(),
  };
}

const failure = (promise: Promise<unknown>) => rejectionMessage(promise, ReconcileError);

describe('waitForBuild', () => {
  it('polls at 10 s, 15 s, 20 s … until the build appears and becomes VALID', async () => {
    const states: (BuildInfo | null)[] = [
      null,
      null,
      buildInfo({ processingState: 'PROCESSING' }),
      buildInfo({ processingState: 'VALID' }),
    ];
    // The script answers the polls (the look for the number elsewhere, without a platform, finds nothing).
    const h = harness(async (q) => {
      const next = q.platform ? (states.shift() ?? null) : null;
      return next ? [next] : [];
    });
    const found = await waitForBuild(h.api, h.query(), h.deps);
    expect(found.processingState).toBe('VALID');
    expect(h.sleeps).toEqual([10_000, 15_000, 20_000]);
  });

  it('caps the interval at 60 s and stops at the deadline with what it saw', async () => {
    const h = harness(async () => [buildInfo({ processingState: 'PROCESSING' })]);
    const message = await failure(waitForBuild(h.api, h.query({ waitMinutes: 5 }), h.deps));
    expect(h.sleeps.slice(0, 11)).toEqual([
      10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 30_000,
    ]);
    expect(h.elapsed()).toBe(300_000);
    expect(message).toBe(
      'Build 42 (1.2.0) is still PROCESSING after waiting 5 minutes: raise `wait-for-processing`, or re-run the job once App Store Connect has finished processing it.',
    );
    const long = harness(async () => [buildInfo({ processingState: 'PROCESSING' })]);
    await failure(waitForBuild(long.api, long.query({ waitMinutes: 30 }), long.deps));
    expect(Math.max(...long.sleeps)).toBe(60_000);
  });

  it('looks once without waiting when wait-for-processing is 0, then lists the builds that exist', async () => {
    const h = harness(async (q) =>
      q.buildNumber
        ? []
        : [buildInfo({ number: '41' }), buildInfo({ number: '40', marketingVersion: '1.1.0' })],
    );
    const message = await failure(waitForBuild(h.api, h.query({ waitMinutes: 0 }), h.deps));
    expect(h.sleeps).toEqual([]);
    expect(h.queries).toEqual([
      { appId: 'app1', buildNumber: '42', platform: 'IOS' },
      // The first look that finds nothing asks where that build number is, on any version and platform.
      { appId: 'app1', buildNumber: '42' },
      { appId: 'app1', platform: 'IOS', limit: 10 },
    ]);
    expect(message).toBe(
      'Build 42 of Example (com.example.app) was not found on IOS after one look (`wait-for-processing` is 0), and the newest IOS builds are 41 (1.2.0), 40 (1.1.0): check `build-number`, `app-version` and `platform`, or raise `wait-for-processing` if the upload is still on its way.',
    );
  });

  it('falls back to every version when app-version matches no build', async () => {
    const h = harness(async () => []);
    const message = await failure(
      waitForBuild(h.api, h.query({ waitMinutes: 0, marketingVersion: '9.9' }), h.deps),
    );
    expect(h.queries.map((q) => q.marketingVersion)).toEqual(['9.9', undefined, '9.9', undefined]);
    expect(message).toContain(
      'Build 42 (9.9) of Example (com.example.app) was not found on IOS after one look (`wait-for-processing` is 0), and the app has no IOS builds in App Store Connect:',
    );
  });

  it.each([
    [
      buildInfo({ processingState: 'FAILED' }),
      "Build 42 (1.2.0) of Example (com.example.app) finished processing as FAILED, so TestFlight cannot offer it: see the build's details in App Store Connect (or the email Apple sent) for the reason, then upload a fixed build.",
    ],
    [
      buildInfo({ processingState: 'INVALID' }),
      "Build 42 (1.2.0) of Example (com.example.app) finished processing as INVALID, so TestFlight cannot offer it: see the build's details in App Store Connect (or the email Apple sent) for the reason, then upload a fixed build.",
    ],
    [
      buildInfo({ expired: true }),
      'Build 42 (1.2.0) of Example (com.example.app) has expired, so TestFlight no longer offers it: upload a new build and set `build-number` to it.',
    ],
  ])('fails at once on an unusable build', async (found, expected) => {
    const h = harness(async () => [found]);
    expect(await failure(waitForBuild(h.api, h.query(), h.deps))).toBe(expected);
    expect(h.sleeps).toEqual([]);
  });

  it('asks for app-version when the build number exists under several versions', async () => {
    const h = harness(async () => [
      buildInfo(),
      buildInfo({ id: 'b2', marketingVersion: '1.3.0' }),
    ]);
    expect(await failure(waitForBuild(h.api, h.query(), h.deps))).toBe(
      'Build number 42 of Example (com.example.app) exists under several versions (1.2.0, 1.3.0) on IOS: set `app-version` to the marketing version of the build to distribute.',
    );
  });
  it('names in the log the build number, version and platform it looks for', async () => {
    const h = harness(async () => [buildInfo()]);
    await waitForBuild(h.api, h.query({ marketingVersion: '1.2.0' }), h.deps);
    expect(h.logs[0]).toBe(
      'Looking for build 42 (version 1.2.0) on IOS of Example (com.example.app); waiting up to 5 minutes for it to appear and finish processing.',
    );
    const once = harness(async () => [buildInfo()]);
    await waitForBuild(once.api, once.query({ waitMinutes: 0 }), once.deps);
    expect(once.logs[0]).toBe(
      'Looking for build 42 (any version) on IOS of Example (com.example.app); looking once (`wait-for-processing` is 0).',
    );
  });
});

describe('waitForBuild: the build number under another version or platform', () => {
  const minutesAgo = (minutes: number) => new Date(TEST_START - minutes * 60_000).toISOString();
  /** Nothing matches the asked-for build; the number alone finds `elsewhere`. */
  const only = (...elsewhere: BuildInfo[]) =>
    harness(async (q) => (q.buildNumber && !q.platform ? elsewhere : []));

  it("fails at once when this run's upload is there under another version", async () => {
    const h = only(
      buildInfo({ number: '3', marketingVersion: '1.1.0', uploadedDate: minutesAgo(5) }),
    );
    const message = await failure(
      waitForBuild(
        h.api,
        h.query({ buildNumber: '3', marketingVersion: '1.0.0', waitMinutes: 30 }),
        h.deps,
      ),
    );
    expect(message).toBe(
      'Build 3 of Example (com.example.app) exists as 1.1.0 on IOS; you asked for 1.0.0 (`app-version`), and an uploaded build never changes its version: set `app-version` to 1.1.0, or `build-number` to the build of 1.0.0.',
    );
    // At once: one look, no wait.
    expect(h.sleeps).toEqual([]);
    expect(h.queries).toHaveLength(2);
  });

  it('warns at once and waits on when the other version is an older build, as when build numbers restart', async () => {
    const h = only(
      buildInfo({ number: '3', marketingVersion: '1.1.0', uploadedDate: minutesAgo(3 * 24 * 60) }),
    );
    const message = await failure(
      waitForBuild(h.api, h.query({ buildNumber: '3', marketingVersion: '1.0.0' }), h.deps),
    );
    expect(h.warnings).toEqual([
      'Build 3 of Example (com.example.app) exists as 1.1.0 on IOS; you asked for 3 (version 1.0.0) on IOS: waiting for that one, which may be an upload of its own still on its way.',
    ]);
    expect(h.elapsed()).toBe(300_000);
    // The number is looked up elsewhere once, not at every poll.
    expect(h.queries.filter((q) => !q.platform)).toHaveLength(1);
    expect(message).toBe(
      'Build 3 (1.0.0) of Example (com.example.app) was not found on IOS after waiting 5 minutes, and build 3 exists as 1.1.0 on IOS: check `build-number`, `app-version` and `platform`, or raise `wait-for-processing` if the upload is still on its way.',
    );
  });

  it('warns and waits for the asked-for platform, which is an upload of its own, and takes it when it comes', async () => {
    let looks = 0;
    const mac = buildInfo({
      id: 'mac',
      number: '3',
      platform: 'MAC_OS',
      uploadedDate: minutesAgo(1),
    });
    const ios = buildInfo({ id: 'ios', number: '3' });
    const h = harness(async (q) => {
      if (!q.platform) return [mac];
      return ++looks < 3 ? [] : [ios];
    });
    const found = await waitForBuild(h.api, h.query({ buildNumber: '3' }), h.deps);
    expect(found.id).toBe('ios');
    expect(h.warnings).toEqual([
      'Build 3 of Example (com.example.app) exists as 1.2.0 on MAC_OS; you asked for 3 (any version) on IOS: waiting for that one, which may be an upload of its own still on its way.',
    ]);
    expect(h.sleeps).toEqual([10_000, 15_000]);
  });

  it('says where the number is when it looks only once', async () => {
    const h = only(buildInfo({ number: '3', marketingVersion: '1.0.0', platform: 'TV_OS' }));
    const message = await failure(
      waitForBuild(h.api, h.query({ buildNumber: '3', waitMinutes: 0 }), h.deps),
    );
    expect(message).toBe(
      'Build 3 of Example (com.example.app) was not found on IOS after one look (`wait-for-processing` is 0), and build 3 exists as 1.0.0 on TV_OS: check `build-number`, `app-version` and `platform`, or raise `wait-for-processing` if the upload is still on its way.',
    );
  });
});
