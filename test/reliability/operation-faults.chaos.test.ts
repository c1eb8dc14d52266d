// The fault matrix over every operation kind (OPERATION_KINDS) and every read the reconcile makes: each fault of
// FAULTS on the request that carries the kind, on the first attempt and on every attempt, through reconcile(),
// the real client and the fake over loopback on one TestClock (backoffs and Retry-After cost no real time).
// Each run reaches the desired state or fails with one sentence naming the status; a clean run then converges;
// nothing is created twice, and nothing outside the plan is removed, unlinked or expired.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect } from 'vitest';
import { OPERATION_KINDS } from '../../src/reconcile/operations.js';
import { reconcile, type ReconcileResult } from '../../src/reconcile/index.js';
import type { FakeAsc, RequestLogEntry } from '../fake-asc/types.js';
import { reconcileTarget } from '../helpers/factories.js';
import {
  integrationTest,
  reconcileDeps,
  type ClientAndFake,
  type StartClientAndFake,
} from '../helpers/integration.js';
import {
  ATTEMPTS,
  clientFor,
  FAULTS,
  isOneSentence,
  timesFor,
  type Attempt,
  type MatrixFault,
  type MatrixTally,
} from './fault-matrix.js';
import {
  DEMO_PASSWORD,
  RECONCILE_READS,
  seedWorld,
  WORLD_OF,
  type FaultWorld,
  type WorldName,
} from './fault-world.js';

const it = integrationTest;

interface Trial {
  world: FaultWorld;
  s: ClientAndFake;
  run: () => Promise<ReconcileResult>;
}

async function trial(
  start: StartClientAndFake,
  worldName: WorldName,
  fault: MatrixFault,
): Promise<Trial> {
  const s = await start({}, clientFor(fault));
  const world = seedWorld(s.fake, worldName);
  const run = () =>
    reconcile(reconcileTarget(), world.desired, s.api, reconcileDeps(s.clock), { dryRun: false });
  return { world, s, run };
}

const pathMatches = (entry: RequestLogEntry, path: string | RegExp) =>
  typeof path === 'string' ? entry.path === path : path.test(entry.path);

/** Nothing created twice: groups by name, testers by email, What to Test and Test Information by locale, reviews. */
function expectNoDuplicates(fake: FakeAsc): void {
  const st = fake.state;
  const unique = (keys: string[]) => expect(keys).toEqual([...new Set(keys)]);
  unique([...st.groups.values()].map((g) => `${g.appId} ${g.name}`));
  unique([...st.testers.values()].map((t) => t.email.toLowerCase()));
  unique([...st.localizations.values()].map((l) => `${l.buildId} ${l.locale}`));
  unique([...st.betaAppLocalizations.values()].map((l) => `${l.appId} ${l.locale}`));
  unique([...st.reviewSubmissions.values()].map((r) => r.buildId));
  unique([...st.recruitmentCriteria.values()].map((c) => c.groupId));
  const notifications = fake.requests.filter(
    (r) => r.method === 'POST' && r.path === '/v1/buildBetaNotifications' && r.status === 201,
  );
  expect(notifications.length).toBeLessThanOrEqual(1);
}

interface Before {
  groups: Set<string>;
  links: Set<string>;
  live: Set<string>;
}

function before(fake: FakeAsc): Before {
  const st = fake.state;
  return {
    groups: new Set(st.groups.keys()),
    links: new Set(
      [...st.groups.values()].flatMap((g) => [...g.testerIds].map((t) => `${g.id} ${t}`)),
    ),
    live: new Set([...st.builds.values()].filter((b) => !b.expired).map((b) => b.id)),
  };
}

/** Only what the plan names went: groups deleted, testers unlinked, builds expired. */
function expectNothingElseRemoved(fake: FakeAsc, was: Before, world: FaultWorld): void {
  const now = before(fake);
  const lost = (from: Set<string>, to: Set<string>) => [...from].filter((x) => !to.has(x));
  for (const id of lost(was.groups, now.groups)) expect(world.mayDelete).toContain(id);
  for (const link of lost(was.links, now.links)) {
    const [groupId] = link.split(' ');
    if (now.groups.has(groupId!)) expect(world.mayUnlink).toContain(link);
  }
  for (const id of lost(was.live, now.live)) expect(world.mayExpire).toContain(id);
}

/** The run under the fault, a clean run after it, and a third that finds nothing to do. */
async function expectSurvivesOrFailsCleanly(
  t: Trial,
  hit: (entry: RequestLogEntry) => boolean,
  says: RegExp,
  attempt: Attempt,
): Promise<void> {
  const was = before(t.s.fake);
  const outcome = await t.run().then(
    () => 'survived' as const,
    (error: unknown) => error,
  );
  expect(t.s.fake.requests.some(hit), 'the fault met its request').toBe(true);
  if (attempt === 'first') expect(t.s.fake.faults.pending, 'the fault was spent').toBe(0);
  tally.rows++;
  if (outcome !== 'survived') {
    const message = (outcome as Error).message;
    expect(isOneSentence(message), message).toBe(true);
    expect(message).toMatch(says);
    expect(message).not.toContain(DEMO_PASSWORD);
    tally.failedCleanly++;
  } else {
    tally.survived++;
  }
  t.s.fake.faults.clear();
  expectNoDuplicates(t.s.fake);
  expectNothingElseRemoved(t.s.fake, was, t.world);
  await t.run();
  const mark = t.s.fake.requests.length;
  const converged = await t.run();
  expect(converged.plan).toEqual([]);
  expect(t.s.fake.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
  expectNoDuplicates(t.s.fake);
  expectNothingElseRemoved(t.s.fake, was, t.world);
  tally.converged++;
}

const tally: MatrixTally = { rows: 0, survived: 0, failedCleanly: 0, converged: 0 };
afterAll(() => {
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/fault-matrix-tally.json', JSON.stringify(tally));
});

describe.each(OPERATION_KINDS)('%s', (kind) => {
  describe.each(ATTEMPTS)('on the %s attempt', (attempt) => {
    it.for(FAULTS.map((f) => [f.name, f] as const))('%s', async ([, f], { startClientAndFake }) => {
      const t = await trial(startClientAndFake, WORLD_OF[kind], f);
      const request = t.world.requestOf[kind]!;
      t.s.fake.faults.add({ ...f.fault, ...request, times: timesFor(attempt) });
      await expectSurvivesOrFailsCleanly(
        t,
        (r) => r.method === request.method && pathMatches(r, request.path),
        f.says,
        attempt,
      );
    });
  });
});

describe.each(RECONCILE_READS)('$name', ({ path }) => {
  describe.each(ATTEMPTS)('on the %s attempt', (attempt) => {
    it.for(FAULTS.map((f) => [f.name, f] as const))('%s', async ([, f], { startClientAndFake }) => {
      const t = await trial(startClientAndFake, 'first-distribution', f);
      t.s.fake.faults.add({ ...f.fault, method: 'GET', path, times: timesFor(attempt) });
      await expectSurvivesOrFailsCleanly(
        t,
        (r) => r.method === 'GET' && path.test(r.path),
        f.says,
        attempt,
      );
    });
  });
});
