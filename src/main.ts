// run(): inputs → reconcile → outputs + summary (on failure: the sentence, with what the run had read and done).
// The only place that marks the step failed, and the only one that knows every layer: it builds the client
// from the connection and tells the project's failures from bugs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import {
  AscError,
  PagingError,
  PrivateKeyError,
  createAscApi,
  type AscApi,
  type AscClient,
} from './asc/index.js';
import {
  currentRun,
  loadGitHubClient,
  publishPlanComment,
  pullRequestOf,
  readReleaseNotes,
  type GitHubRun,
} from './github/index.js';
import {
  InputError,
  inputSecrets,
  loadConfigFiles,
  readSettings,
  type ConfigFiles,
  type Settings,
} from './inputs/index.js';
import {
  ReconcileError,
  readSnapshot,
  reconcile,
  type ReconcileProgress,
  type ReconcileResult,
} from './reconcile/index.js';
import { driftFailure } from './report/drift.js';
import { debugTrace, failureMessage } from './report/failure.js';
import { failureComment, type FailedPlan } from './report/failure-comment.js';
import { writeFailureSummary } from './report/failure-summary.js';
import { writeExportSummary } from './report/export-summary.js';
import { resultOutputs, snapshotOutputs } from './report/outputs.js';
import { planComment } from './report/plan-comment.js';
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

/** How the GitHub features log: their retries and comments in the log, what they gave up as warnings. */
const githubLog = {
  info: (line: string) => core.info(line),
  warn: (line: string) => core.warning(line),
};

/** `release-notes`: What to Test from the run's release or tag, when the declaration gives none. */
async function withReleaseNotes(
  settings: Settings,
  run: GitHubRun,
  warnings: string[],
): Promise<Settings['desired']> {
  const wanted = settings.github.releaseNotes;
  const desired = settings.desired;
  if (!wanted || desired.whatToTest.length > 0) return desired;
  const notes = await readReleaseNotes(
    await loadGitHubClient(settings.github.token, githubLog.info),
    run,
    (line) => warnings.push(line),
  );
  if (!notes) return desired;
  core.info(`What to Test comes from ${notes.source} (${[...notes.text].length} characters).`);
  return { ...desired, whatToTest: [{ locale: wanted.locale, ...notes }] };
}

/** Where `comment-plan` posts: the pull request of this run, with the token the settings gave. */
interface CommentTarget {
  token: string;
  run: GitHubRun;
}

/** The step's failure sentence, and what the run had done: for the plan comment of a failed pull request run. */
async function fail(
  error: unknown,
  apiBaseUrl: string | null,
  api: AscClient | null,
  progress: ReconcileProgress | null,
): Promise<FailedPlan> {
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
  return { message, changes, progress };
}

/**
 * `comment-plan` on a failed run: the comment says no plan could be made, in the step's sentence, so it no longer
 * shows an earlier push's plan. Called after the step is failed; whatever goes wrong here is a warning only.
 */
async function commentFailure(
  on: CommentTarget,
  failed: FailedPlan,
  secrets: readonly string[],
): Promise<void> {
  try {
    // The runner masks the log, not what is sent to GitHub: anything masked is taken out of the sentence here
    // too, before Markdown escapes could hide a secret from the replacing (`ghs_…` becomes `ghs\_…`).
    let message = failed.message;
    for (const secret of secrets) if (secret) message = message.replaceAll(secret, '***');
    const markdown = failureComment({ ...failed, message }, on.run.runUrl);
    const client = await loadGitHubClient(on.token, githubLog.info);
    await publishPlanComment(client, on.run, markdown, githubLog, 'failure');
  } catch (error) {
    core.debug(debugTrace(error));
    const reason = error instanceof Error ? error.message : String(error);
    core.warning(
      `Could not post this run's failure on the pull request (${reason}). The step fails with its own sentence all the same.`,
    );
  }
}

/** `export-config`: read the app's TestFlight state and write it as a config file; nothing is changed. */
async function exportConfig(
  settings: Settings,
  api: AscApi,
  workspace: string,
  configFiles: ConfigFiles,
): Promise<void> {
  const exportTo = settings.exportTo!;
  const snapshot = await core.group('Reading App Store Connect', () =>
    readSnapshot(settings.target.app, api, settings.desired.hints),
  );
  const written = configFiles.renderConfigExport(snapshot, exportTo.file);
  for (const file of written.files) {
    const path = isAbsolute(file.path) ? file.path : resolve(workspace, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
    core.info(`Wrote ${file.path}.`);
  }
  for (const [name, value] of Object.entries(snapshotOutputs(snapshot)))
    core.setOutput(name, value);
  writeExportSummary(
    { snapshot, ...written, files: written.files.map((f) => f.path) },
    core.summary,
  );
  await flushSummary();
}

export async function run(): Promise<void> {
  let apiBaseUrl: string | null = null;
  let api: AscClient | null = null;
  let stopped: ReconcileProgress | null = null;
  // Known once the settings are read: before that there is no token nor `comment-plan` to trust.
  let commentTarget: CommentTarget | null = null;
  const masked: string[] = [];
  const mask = (secret: string): void => {
    masked.push(secret);
    core.setSecret(secret);
  };
  try {
    // Masked before anything reads them further, so not even a failure sentence could show them.
    for (const secret of inputSecrets((name) => core.getInput(name))) mask(secret);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const configFiles = await loadConfigFiles((name) => core.getInput(name));
    const settings = readSettings(
      (name) => core.getInput(name),
      (path) => readFileSync(path, 'utf8'),
      workspace,
      configFiles,
    );
    apiBaseUrl = settings.connection.baseUrl;
    const workflowRun = currentRun();
    // The plan of a pull request is for review: with comment-plan, nothing changes before the merge.
    const commentOn = settings.github.commentPlan ? pullRequestOf(workflowRun) : null;
    if (commentOn !== null) commentTarget = { token: settings.github.token, run: workflowRun };
    // Warnings of the GitHub side go to the log now and to the summary with the reconcile's.
    const githubWarnings: string[] = [];
    const desired = await withReleaseNotes(settings, workflowRun, githubWarnings);
    if (commentOn !== null && !settings.dryRun) {
      core.info(`comment-plan on pull request #${commentOn}: this run is a dry run.`);
    }
    for (const line of githubWarnings) core.warning(line);
    api = createAscApi({
      ...settings.connection,
      mask,
      // Retries and read-backs explain a slow run, so they belong in the normal log.
      log: (line) => core.info(line),
    });
    if (settings.exportTo) {
      // Loaded whenever `export-config` is set.
      await exportConfig(settings, api, workspace, configFiles!);
      return;
    }
    const reconciled = await reconcile(
      settings.target,
      desired,
      api,
      {
        now: () => Date.now(),
        sleep: (ms) => sleep(ms),
        log: (line) => core.info(line),
        warn: (line) => core.warning(line),
        phase: (name, phase) => core.group(name, phase),
        onStop: (progress) => (stopped = progress),
      },
      {
        dryRun: settings.dryRun || commentOn !== null,
        // The metrics are only for the summary: read (beside the reads after the run) only when one is written.
        metrics: Boolean(process.env.GITHUB_STEP_SUMMARY),
      },
    );
    const result = { ...reconciled, warnings: [...githubWarnings, ...reconciled.warnings] };
    await publish(result);
    if (commentTarget !== null) {
      await publishPlanComment(
        await loadGitHubClient(commentTarget.token, githubLog.info),
        workflowRun,
        planComment(result, workflowRun.runUrl),
        githubLog,
      );
    }
    // A drift check fails after the summary is written, so the summary shows what differs.
    const drift = settings.failOnDrift ? driftFailure(result, settings.declaredIn) : null;
    if (drift) core.setFailed(drift);
  } catch (error) {
    const failed = await fail(error, apiBaseUrl, api, stopped);
    if (commentTarget !== null) await commentFailure(commentTarget, failed, masked);
  } finally {
    await api?.close();
  }
}
