// The CI workflow's test-action job: its shape, and its steps run here as the runner would run them.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalJobRunner } from './local-job-runner.js';
import { actionMetadata } from './action-yml.js';
import { findWorkflows, type WorkflowStep } from './workflows.js';

const ci = findWorkflows().find((found) => found.source === '.github/workflows/ci.yml');
const job = ci?.workflow.jobs['test-action'];
const steps: WorkflowStep[] = job?.steps ?? [];
const actionInputs = Object.keys(actionMetadata().inputs);

/** What a developer's machine has already done: the checkout, Node and the installed packages. */
const alreadyDone = (step: WorkflowStep): boolean =>
  step.uses === 'actions/checkout@v5' ||
  step.uses === 'actions/setup-node@v5' ||
  /^npm ci\b/.test(step.run ?? '');

describe('CI test-action job', () => {
  it('starts the fake, runs the action with uses: ./ as a dry run and for real, then checks outputs through env:', () => {
    expect(job?.['runs-on']).toBe('ubuntu-latest');
    const actionSteps = steps.filter((step) => step.uses === './');
    expect(actionSteps.length).toBeGreaterThanOrEqual(2);
    expect(actionSteps.filter((step) => String(step.with?.['dry-run']) === 'true')).toHaveLength(1);
    expect(actionSteps.some((step) => step.with?.['dry-run'] === undefined)).toBe(true);
    for (const step of actionSteps) {
      expect(actionInputs).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})));
      // Every run talks to the fake the job started, never to Apple.
      expect(step.with?.['api-base-url']).toBe('${{ steps.fake.outputs.api-base-url }}');
      expect(step.id).toBeDefined();
    }
    const fake = steps.find((step) => step.id === 'fake');
    expect(fake?.run).toContain('npm run fake-asc -- --write-env');
    expect(steps.indexOf(fake!)).toBeLessThan(steps.indexOf(actionSteps[0]!));
    const check = steps.at(-1)!;
    expect(Object.keys(check.env ?? {}).length).toBeGreaterThan(0);
    expect(check.run).not.toContain('${{');
  });

  describe('run here', () => {
    let runner: LocalJobRunner | undefined;
    afterEach(async () => {
      await runner?.close();
      runner = undefined;
    });

    it('passes: the dry run plans, the real run makes those changes, the re-run makes none', async () => {
      runner = new LocalJobRunner();
      expect(steps.filter(alreadyDone)).toHaveLength(3);
      const logs: string[] = [];
      for (const step of steps.filter((step) => !alreadyDone(step))) {
        logs.push((await runner.runStep(step)).stdout);
      }
      const { fake, 'dry-run': dryRun, apply, rerun } = runner.steps;
      // The key is masked before any step could print it; the runner shows `with:` values in its log.
      expect(logs[0]).toContain(`::add-mask::${fake?.['private-key']}`);
      expect(Number(dryRun?.changes)).toBeGreaterThan(0);
      expect(apply?.changes).toBe(dryRun?.changes);
      expect(rerun?.changes).toBe('0');
      expect(logs.at(-1)).toContain('the re-run changed nothing');
    }, 120_000);

    it('fails its check step when the re-run changed something', async () => {
      runner = new LocalJobRunner();
      runner.steps['dry-run'] = { changes: '4', 'created-groups': '["Release Candidates"]' };
      runner.steps.apply = {
        changes: '4',
        'created-groups': '["Release Candidates"]',
        'testers-added': '2',
      };
      runner.steps.rerun = { changes: '1' };
      await expect(runner.runStep(steps.at(-1)!)).rejects.toThrow(
        'The re-run made 1 changes instead of none.',
      );
    });
  });
});
