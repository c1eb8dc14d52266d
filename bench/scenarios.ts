// The scenarios: each starts its own fake with the injected latency, seeds its world, runs the bundled
// action once or more, and checks the figures against the bound and the targets.
import { startFakeAsc } from '../test/fake-asc/index.js';
import type { FakeAsc } from '../test/fake-asc/types.js';
import type { TestKey } from '../test/helpers/keys.js';
import { bundleOf, DIST_LIMIT_BYTES } from './bundle-size.js';
import { S1, S1B, S2, S3_FIRST, S3_REMOVE, S3_RERUN, S5, S5_RERUN, type Bound } from './bounds.js';
import { measureRun, median, type RunFigures } from './measure.js';
import {
  everyRun,
  firstDistributionTargets,
  largeRerunTargets,
  target,
  unchangedRerunTargets,
  type Target,
} from './targets.js';
import {
  BUNDLE_ID,
  connectionInputs,
  firstDistributionCall,
  LARGE_GROUP,
  seedFirstDistribution,
  seedConfigExample,
  seedLargeGroup,
  seedStartUp,
  type ActionCall,
} from './worlds.js';

export interface BenchSettings {
  key: TestKey;
  latencyMs: number;
  /** The bundle under test. */
  entry: string;
  startUpRuns: number;
  /** Requests a second the fake allows in the storm scenario; 0 leaves the storm out. */
  burst: number;
  validate: boolean;
  timeoutMs: number;
  /** Scenario names to run (S1, S2, S1b, S3, S3c, S5, storm); null runs them all. S4 always runs. */
  only: ReadonlySet<string> | null;
}

export interface MeasuredRun {
  scenario: string;
  label: string;
  bound: Bound | null;
  figures: RunFigures;
  targets: Target[];
}

interface StartUp {
  /** Spawn to the first request reaching the fake, each run. */
  runsMs: number[];
  medianMs: number;
  /** The fastest run: what the start-up costs on a machine nothing else is using. */
  minMs: number;
  /** The process's own view: ms from its start, and CPU ms spent, to creating its first request (medians). */
  selfMedianMs: number | null;
  cpuMedianMs: number | null;
  distBytes: number;
  undiciCopies: number;
  targets: Target[];
}

export interface BenchResults {
  startUp: StartUp;
  runs: MeasuredRun[];
  skipped: { scenario: string; reason: string }[];
}

const START_UP_LIMIT_MS = 250;

export async function runScenarios(
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<BenchResults> {
  const runs: MeasuredRun[] = [];
  const record = (run: MeasuredRun) => {
    runs.push(run);
    progress(
      `${run.scenario} ${run.label}: ${run.figures.requests} requests, ${run.figures.roundTrips} round trips, ${run.figures.wallMs.toFixed(0)} ms`,
    );
  };
  const startUp = await measureStartUp(settings);
  progress(
    `S4 start-up: median ${startUp.medianMs.toFixed(0)} ms of ${startUp.runsMs.length} runs`,
  );

  // S2 is S1's re-run on the same fake: asking for either runs both.
  const wanted = (...names: string[]) => !settings.only || names.some((n) => settings.only!.has(n));

  if (wanted('S1', 'S2'))
    await withFake(settings, {}, async (fake) => {
      const { appId, emails } = seedFirstDistribution(fake.state);
      const call = firstDistributionCall({ 'app-id': appId }, emails);
      const first = await measure(settings, fake, call);
      record({
        scenario: 'S1',
        label: 'first distribution, app-id',
        bound: S1,
        figures: first,
        targets: [
          ...everyRun(first),
          ...firstDistributionTargets(first, S1, settings.latencyMs, startUp.medianMs),
        ],
      });
      const again = await measure(settings, fake, call);
      record({
        scenario: 'S2',
        label: "S1's inputs again",
        bound: S2,
        figures: again,
        targets: [...everyRun(again), ...unchangedRerunTargets(again, S2)],
      });
    });

  if (wanted('S1b'))
    await withFake(settings, {}, async (fake) => {
      const { emails } = seedFirstDistribution(fake.state);
      const figures = await measure(
        settings,
        fake,
        firstDistributionCall({ 'bundle-id': BUNDLE_ID }, emails),
      );
      record({
        scenario: 'S1b',
        label: 'first distribution, bundle-id',
        bound: S1B,
        figures,
        targets: everyRun(figures),
      });
    });

  if (wanted('S3'))
    await withFake(settings, {}, async (fake) => {
      const { call } = seedLargeGroup(fake.state, 0);
      const first = await measure(settings, fake, call);
      record({
        scenario: 'S3',
        label: `${LARGE_GROUP.listed} testers, first run`,
        bound: S3_FIRST,
        figures: first,
        targets: everyRun(first),
      });
      const again = await measure(settings, fake, call);
      record({
        scenario: 'S3',
        label: `${LARGE_GROUP.listed} testers, re-run`,
        bound: S3_RERUN,
        figures: again,
        targets: [...everyRun(again), ...largeRerunTargets(again, S3_RERUN, settings.latencyMs)],
      });
    });

  if (wanted('S3c'))
    await withFake(settings, {}, async (fake) => {
      const { call } = seedLargeGroup(fake.state, LARGE_GROUP.unlistedMembers);
      const figures = await measure(settings, fake, call);
      record({
        scenario: 'S3c',
        label: `remove-unlisted-testers, ${LARGE_GROUP.unlistedMembers} unlisted members`,
        bound: S3_REMOVE,
        figures,
        targets: everyRun(figures),
      });
    });

  if (wanted('S5'))
    await withFake(settings, {}, async (fake) => {
      const call = seedConfigExample(fake.state);
      const first = await measure(settings, fake, call);
      record({
        scenario: 'S5',
        label: "the README's config file example, first run",
        bound: S5,
        figures: first,
        targets: everyRun(first),
      });
      const again = await measure(settings, fake, call);
      record({
        scenario: 'S5',
        label: "the README's config file example, re-run",
        bound: S5_RERUN,
        figures: again,
        targets: [...everyRun(again), target('changing requests', again.changing, 'at most', 0)],
      });
    });

  if (settings.burst > 0 && wanted('storm')) {
    const burstLimit = { requests: settings.burst, windowMs: 1000 };
    await withFake(settings, { burstLimit }, async (fake) => {
      const { appId, emails } = seedFirstDistribution(fake.state);
      const figures = await measure(
        settings,
        fake,
        firstDistributionCall({ 'app-id': appId }, emails),
      );
      record({
        scenario: 'storm',
        label: `S1 under a ${settings.burst}-a-second burst limit`,
        bound: null,
        figures,
        targets: everyRun(figures),
      });
    });
  }
  return { startUp, runs, skipped: [] };
}

async function measure(
  settings: BenchSettings,
  fake: FakeAsc,
  call: ActionCall,
): Promise<RunFigures> {
  const inputs = { ...connectionInputs(settings.key, fake.url), ...call.inputs };
  return measureRun(
    fake,
    { ...call, inputs },
    { entry: settings.entry, timeoutMs: settings.timeoutMs },
  );
}

async function withFake(
  settings: BenchSettings,
  options: { burstLimit?: { requests: number; windowMs: number } },
  use: (fake: FakeAsc) => Promise<void>,
): Promise<void> {
  const fake = await startFakeAsc({
    keys: [
      { kid: settings.key.kid, issuerId: settings.key.issuerId, publicKey: settings.key.publicKey },
    ],
    validate: settings.validate,
    ...options,
  });
  fake.faults.add({ kind: 'latency', ms: settings.latencyMs, times: Infinity });
  try {
    await use(fake);
    if (fake.violations.length > 0) {
      throw new Error(
        `the fake saw ${fake.violations.length} spec violations: ${JSON.stringify(fake.violations[0])}`,
      );
    }
  } finally {
    await fake.close();
  }
}

/** S4: process start to the first request, over several runs of the smallest world; and the bundle's size. */
async function measureStartUp(settings: BenchSettings): Promise<StartUp> {
  const runsMs: number[] = [];
  const selfMs: number[] = [];
  const cpuMs: number[] = [];
  await withFake(settings, {}, async (fake) => {
    const call = seedStartUp(fake.state);
    for (let i = 0; i < settings.startUpRuns; i++) {
      const figures = await measure(settings, fake, call);
      if (figures.startUpMs !== null) runsMs.push(figures.startUpMs);
      if (figures.firstRequest) {
        selfMs.push(figures.firstRequest.sinceStartMs);
        cpuMs.push(figures.firstRequest.cpuMs);
      }
    }
  });
  const medianMs = median(runsMs);
  const bundle = bundleOf(settings.entry);
  return {
    runsMs,
    medianMs,
    minMs: Math.min(...runsMs),
    selfMedianMs: selfMs.length > 0 ? median(selfMs) : null,
    cpuMedianMs: cpuMs.length > 0 ? median(cpuMs) : null,
    ...bundle,
    targets: [
      target('start-up (median)', medianMs, 'under', START_UP_LIMIT_MS, 'ms'),
      target('dist/ size', bundle.distBytes, 'under', DIST_LIMIT_BYTES, 'bytes'),
      target('copies of undici', bundle.undiciCopies, 'at most', 1),
    ],
  };
}
