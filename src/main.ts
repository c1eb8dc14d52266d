// run(): inputs → reconcile → outputs + summary. The only place that marks the step failed.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import { createAscApi } from './asc/index.js';
import { readSettings } from './inputs.js';
import { reconcile } from './reconcile/index.js';
import type { ReconcileResult } from './reconcile/model.js';
import { failureMessage } from './report/failure.js';
import { resultOutputs } from './report/outputs.js';
import { writeSummary } from './report/summary.js';

async function publish(result: ReconcileResult): Promise<void> {
  for (const [name, value] of Object.entries(resultOutputs(result))) core.setOutput(name, value);
  writeSummary(result, core.summary);
  // Outside a runner (a local run, the demo) there is no summary file; the log above says it all.
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.write();
  else core.summary.emptyBuffer();
}

export async function run(): Promise<void> {
  let apiBaseUrl: string | null = null;
  try {
    const settings = readSettings(
      (name) => core.getInput(name),
      (path) => readFileSync(path, 'utf8'),
      process.env.GITHUB_WORKSPACE ?? process.cwd(),
    );
    apiBaseUrl = settings.apiBaseUrl;
    const api = createAscApi({
      baseUrl: settings.apiBaseUrl,
      keyId: settings.keyId,
      issuerId: settings.issuerId,
      privateKey: settings.privateKey,
      mask: (secret) => core.setSecret(secret),
      log: (line) => core.debug(line),
    });
    try {
      const result = await reconcile(settings, api, {
        now: () => Date.now(),
        sleep: (ms) => sleep(ms),
        log: (line) => core.info(line),
        warn: (line) => core.warning(line),
      });
      await publish(result);
    } finally {
      await api.close();
    }
  } catch (error) {
    core.setFailed(failureMessage(error, apiBaseUrl));
  }
}
