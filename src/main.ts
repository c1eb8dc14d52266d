// run(): inputs → reconcile → outputs + summary (on failure: the sentence, with what the run had read and done).
// The only place that marks the step failed, and the only one that knows every layer: it builds the client
// from the connection and tells the project's failures from bugs.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import {
  AscError,
  PagingError,
  PrivateKeyError,
  createAscApi,
  type AscClient,
} from './asc/index.js';
import { InputError, inputSecrets, readSettings } from './inputs/index.js';
import {
  ReconcileError,
  reconcile,
  type ReconcileProgress,
  type ReconcileResult,
} from './reconcile/index.js';
import { driftFailure } from './report/drift.js';
import { debugTrace, failureMessage } from './report/failure.js';
import { writeFailureSummary } from './report/failure-summary.js';
import { resultOutputs } from './report/outputs.js';
import { writeSummary } from './report/summary.js';

/** The project's own failures: each already is a sentence the user can act on. Anything else is a bug. */
const FAILURES_TO_ACT_ON = [InputError, PrivateKeyError, ReconcileError, AscError, PagingError];

/** Outside a runner (a local run) there is no summary file; the log says it all. */
async function flushSummary(): Promise<void> {
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.write();
  else core.summary.emptyBuffer();
}

async function publish(result: ReconcileResult): Promise<void> {
  for (const [name, value] of Object.entries(resultOutputs(result))) core.setOutput(name, value);
  writeSummary(result, core.summary);
  await flushSummary();
}

async function fail(
  error: unknown,
  apiBaseUrl: string | null,
  api: AscClient | null,
  progress: ReconcileProgress | null,
): Promise<void> {
  // Every stack goes to the debug log, shown when a run is re-run with debug logging on.
  core.debug(debugTrace(error));
  const bug = !FAILURES_TO_ACT_ON.some((kind) => error instanceof kind);
  const message = failureMessage(error, apiBaseUrl, bug);
  core.setFailed(message);
  // A run can stop halfway; say how many changes it made so the re-run's plan is no surprise.
  const changes = api?.changingCalls ?? 0;
  core.setOutput('changes', String(changes));
  // The summary keeps what the run had read and changed, so it still says what state TestFlight is in.
  writeFailureSummary({ message, changes, progress }, core.summary);
  await flushSummary().catch(() => {});
}

export async function run(): Promise<void> {
  let apiBaseUrl: string | null = null;
  let api: AscClient | null = null;
  let stopped: ReconcileProgress | null = null;
  try {
    // Masked before anything reads them further, so not even a failure sentence could show them.
    for (const secret of inputSecrets((name) => core.getInput(name))) core.setSecret(secret);
    const settings = readSettings(
      (name) => core.getInput(name),
      (path) => readFileSync(path, 'utf8'),
      process.env.GITHUB_WORKSPACE ?? process.cwd(),
    );
    apiBaseUrl = settings.connection.baseUrl;
    api = createAscApi({
      ...settings.connection,
      mask: (secret) => core.setSecret(secret),
      // Retries and read-backs explain a slow run, so they belong in the normal log.
      log: (line) => core.info(line),
    });
    const result = await reconcile(
      settings.target,
      settings.desired,
      api,
      {
        now: () => Date.now(),
        sleep: (ms) => sleep(ms),
        log: (line) => core.info(line),
        warn: (line) => core.warning(line),
        phase: (name, phase) => core.group(name, phase),
        onStop: (progress) => (stopped = progress),
      },
      { dryRun: settings.dryRun },
    );
    await publish(result);
    // A drift check fails after the summary is written, so the summary shows what differs.
    const drift = settings.failOnDrift ? driftFailure(result, settings.declaredIn) : null;
    if (drift) core.setFailed(drift);
  } catch (error) {
    await fail(error, apiBaseUrl, api, stopped);
  } finally {
    await api?.close();
  }
}
