// Interruptions: dist/index.js killed (SIGKILL, as a cancelled job or a lost runner) after each changing request
// of a first distribution, either right after the fake wrote the answer (it may or may not have reached the
// action) or before it did (the change is made, the action never hears of it). The next run must exit 0 and
// leave the fake exactly as an uninterrupted run does (no duplicate group, tester or localization, one review
// submission, the same builds expired), and a third run must change nothing. The points come from the changing
// requests of an uninterrupted run, so a request kind added to a first distribution is interrupted too.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../fake-asc/types.js';
import { runAction } from '../e2e/run-action.js';
import {
  expectSucceeded,
  interruptionFiles,
  interruptionInputs,
  startInterruptionWorld,
  stateByName,
  uninterruptedRun,
} from './interruption-world.js';

const reference = await uninterruptedRun();
const points = reference.requests.map((request, i) => ({ k: i + 1, request }));
const tally = { points: points.length, trials: 0, killed: 0, converged: 0 };

type Moment = 'after the answer was written' | 'before the answer was written';

/** Kills the action once the k-th changing request is answered, at `moment`; runs again, then a third time. */
async function interruptAt(k: number, moment: Moment): Promise<void> {
  let child: ChildProcess | undefined;
  let seen = 0;
  const killAtK = (entry: RequestLogEntry) => {
    if (entry.method !== 'GET' && ++seen === k) child?.kill('SIGKILL');
  };
  const fake = await startInterruptionWorld(
    moment === 'after the answer was written' ? { onAnswered: killAtK } : { onAnswer: killAtK },
  );
  try {
    const inputs = interruptionInputs(fake.url);
    tally.trials++;
    const killed = await runAction(inputs, {
      files: interruptionFiles,
      onSpawn: (spawned) => (child = spawned),
    });
    expect(seen, 'changing requests before the kill').toBeGreaterThanOrEqual(k);
    // Only the last answer can let the run finish first: before it, the run still had requests to make.
    if (k < points.length || moment === 'before the answer was written') {
      expect(killed.code, 'killed').toBeNull();
    }
    if (killed.code === null) tally.killed++;
    const resumed = await runAction(inputs, { files: interruptionFiles });
    expectSucceeded(resumed, 'the run after the kill');
    expect(stateByName(fake)).toEqual(reference.state);
    const mark = fake.requests.length;
    const third = await runAction(inputs, { files: interruptionFiles });
    expectSucceeded(third, 'the third run');
    expect(third.outputs.changes).toBe('0');
    expect(fake.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(fake.violations.filter((v) => v.direction === 'request')).toEqual([]);
    tally.converged++;
  } finally {
    await fake.close();
  }
}

describe('interruptions of a first distribution', () => {
  it('the uninterrupted run reaches the whole declaration', () => {
    // The declaration's parts are all in the reference the trials compare with.
    expect(reference.state.groups.map((g) => g.name)).toEqual(['Friends', 'Public Beta', 'QA']);
    expect(reference.state.testInformation.map((l) => l.locale)).toEqual(['en-US']);
    expect(reference.state.whatToTest.map((l) => l.locale)).toEqual(['de-DE', 'en-US']);
    expect(reference.state.reviewSubmissions).toEqual([
      { build: '100', state: 'WAITING_FOR_REVIEW' },
    ]);
    expect(reference.state.builds.filter((b) => b.expired).map((b) => b.build)).toEqual([
      '97',
      '98',
    ]);
    expect(reference.state.recruitment.map((c) => c.group)).toEqual(['Public Beta']);
    expect(reference.state.builds.find((b) => b.build === '100')).toMatchObject({
      encryptionDeclared: true,
      usesNonExemptEncryption: false,
    });
    expect(reference.requests).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^POST \/v1\/appEncryptionDeclarations\/\{id\}\/relationships\/builds /,
        ),
        expect.stringMatching(/^POST \/v1\/betaTesters /),
        expect.stringMatching(/^POST \/v1\/betaAppReviewSubmissions /),
        expect.stringMatching(/^PATCH \/v1\/builds\/\{id\} /),
      ]),
    );
  });

  for (const moment of ['after the answer was written', 'before the answer was written'] as const) {
    it.for(points)(
      `killed ${moment} of changing request $k ($request): the next run converges`,
      async ({ k }) => {
        await interruptAt(k, moment);
      },
    );
  }

  afterAll(() => {
    // .ci/run prints these counts beside the fault matrix's.
    mkdirSync('.tmp', { recursive: true });
    writeFileSync(
      '.tmp/interruption-tally.json',
      JSON.stringify({ ...tally, requests: reference.requests }),
    );
  });
});
