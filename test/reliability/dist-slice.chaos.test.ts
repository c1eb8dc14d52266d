// A slice of the fault matrix through the bundled action (dist/index.js as a child process, runAction), on the
// fake App Store Connect over loopback with a real clock: each fault once on its most telling kind, and 503 on
// every attempt of each operation kind and of the first distribution's reads. Each run succeeds, or fails with
// exit 1 and one error sentence naming the status, showing no secret; the next run converges and the one after
// changes nothing; nothing is created twice and nothing outside the plan removed.
import { afterAll, describe, expect } from 'vitest';
import { OPERATION_KINDS } from '../../src/reconcile/operations.js';
import { e2eTest, expectNoSecrets } from '../e2e/fixtures.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import { makeTestKey } from '../helpers/keys.js';
import type { FakeAsc, Fault } from '../fake-asc/types.js';
import {
  before,
  expectNoDuplicates,
  expectNothingElseRemoved,
  faultOn,
  isRequest,
  newTally,
  type RequestMatch,
} from './fault-checks.js';
import { isOneSentence, type MatrixFault } from './fault-matrix.js';
import {
  DEMO_PASSWORD,
  seedWorld,
  WORLD_OF,
  type FaultWorld,
  type WorldName,
} from './fault-world.js';
import { READS } from './read-rows.js';
import {
  CONFIG_FILE,
  EACH_FAULT_ONCE,
  EVERY_ATTEMPT_503,
  WORLD_DECLARATION,
} from './dist-slice.js';

const key = makeTestKey('FAULTKEY01');
const it = e2eTest.extend({
  keys: async ({}, use) => {
    await use([key]);
  },
});

const tally = newTally('dist');
afterAll(() => tally.write());

/** A hang waits out the client's 30 s request timeout on the real clock, then a retry. */
const RUN_TIMEOUT_MS = 120_000;

function runWorld(fake: FakeAsc, world: WorldName): Promise<ActionRun> {
  const { config, inputs } = WORLD_DECLARATION[world];
  return runAction(
    {
      'key-id': key.kid,
      'issuer-id': key.issuerId!,
      'private-key': key.pem,
      config: CONFIG_FILE,
      'wait-for-processing': '0',
      'api-base-url': fake.url,
      ...inputs,
    },
    { files: { [CONFIG_FILE]: config }, timeoutMs: RUN_TIMEOUT_MS },
  );
}

const errorsOf = (run: ActionRun) => run.stdout.split('\n').filter((l) => l.startsWith('::error'));

function expectNothingShown(run: ActionRun): void {
  expectNoSecrets(run, [key]);
  // `::add-mask::` lines are the runner's instructions, consumed and never shown.
  const shown = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  for (const text of [shown, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
    expect(text).not.toContain(DEMO_PASSWORD);
  }
}

async function sliceRow(
  fake: FakeAsc,
  world: WorldName,
  requestIn: (seeded: FaultWorld) => RequestMatch,
  f: MatrixFault,
  times: number,
): Promise<void> {
  const seeded = seedWorld(fake, world);
  const request = requestIn(seeded);
  const was = before(fake);
  const armed: Fault = faultOn(f.fault, request, times);
  fake.faults.add(armed);
  const faulted = await runWorld(fake, world);
  expect(
    fake.requests.some((r) => isRequest(r, request)),
    'the fault met its request',
  ).toBe(true);
  fake.faults.clear();
  tally.rows++;
  expectNothingShown(faulted);
  if (faulted.code === 0) {
    tally.survived++;
  } else {
    expect(faulted.code, faulted.stdout).toBe(1);
    const errors = errorsOf(faulted);
    expect(errors, faulted.stdout).toHaveLength(1);
    const sentence = errors[0]!.replace(/^::error[^:]*::/, '');
    expect(isOneSentence(sentence), sentence).toBe(true);
    expect(sentence).toMatch(f.says);
    tally.failedCleanly++;
  }
  expectNoDuplicates(fake);
  expectNothingElseRemoved(fake, was, seeded);
  if (faulted.code !== 0) {
    const clean = await runWorld(fake, world);
    expect(clean.code, clean.stdout).toBe(0);
  }
  const mark = fake.requests.length;
  const again = await runWorld(fake, world);
  expect(again.code, again.stdout).toBe(0);
  expect(again.outputs.changes).toBe('0');
  expect(fake.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
  expectNoDuplicates(fake);
  expectNothingElseRemoved(fake, was, seeded);
  tally.converged++;
}

describe.concurrent('through dist/index.js', () => {
  describe('each fault once', () => {
    it.for(EACH_FAULT_ONCE.map((row) => [`${row.fault.name} on ${row.kind}`, row] as const))(
      '%s',
      { timeout: 3 * RUN_TIMEOUT_MS },
      async ([, row], { fake }) => {
        await sliceRow(fake, WORLD_OF[row.kind], (w) => w.requestOf[row.kind]!, row.fault, 1);
      },
    );
  });

  describe('503 on every attempt', () => {
    it.for(OPERATION_KINDS)('of %s', { timeout: 3 * RUN_TIMEOUT_MS }, async (kind, { fake }) => {
      await sliceRow(fake, WORLD_OF[kind], (w) => w.requestOf[kind]!, EVERY_ATTEMPT_503, Infinity);
    });
    // The first round trip's reads: the app, its builds, its testers.
    const firstReads = READS.filter(
      (r) =>
        ['readApp', 'listAppBuilds', 'appTesterPages'].includes(r.method) &&
        r.world === 'first-distribution' &&
        !r.prelude,
    );
    it.for(firstReads.map((r) => [r.name, r] as const))(
      'of %s',
      { timeout: 3 * RUN_TIMEOUT_MS },
      async ([, read], { fake }) => {
        await sliceRow(fake, 'first-distribution', () => read.request, EVERY_ATTEMPT_503, Infinity);
      },
    );
  });
});
