// fail-on-drift: a scheduled dry run fails the step when TestFlight differs from what the step declares (a hand
// edit in App Store Connect), with one sentence and the summary still written; no drift passes.
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { scenarioTest as it, expectOk, planOf } from './scenario-test.js';

// Review is left out, so the plans hold only what the tests change by hand.
const DRIFT_CHECK = { 'dry-run': 'true', 'fail-on-drift': 'true', 'submit-for-review': 'false' };

describe('fail-on-drift', () => {
  it('fails a dry run whose plan is not empty, naming the count, and changes nothing', async ({
    scenario,
  }) => {
    const { build, inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta', { buildIds: [build.id], feedbackEnabled: true });
    // Someone turned feedback on by hand and added nobody: the declaration says off, with one tester.
    const run = await runAction(
      inputs({
        groups: 'Beta',
        'feedback-enabled': 'false',
        testers: 'new@example.com',
        ...DRIFT_CHECK,
      }),
    );
    expectFailure(
      run,
      /^::error::TestFlight differs from this step's inputs: 2 changes would be made; see the summary\.$/,
    );
    // The outputs and the summary still say what differs.
    expect(planOf(run).map((o) => o.op)).toEqual(['update-group', 'create-tester']);
    expect(run.outputs.changes).toBe('2');
    expect(run.summary).toContain('Dry run: 2 changes planned, none made.');
    expect(run.summary).toContain('feedback on → off');
  });

  it('passes when TestFlight matches, and one change is counted in the singular', async ({
    scenario,
  }) => {
    const { build, inputs, addGroup, expectFailure, groupNamed } = scenario;
    addGroup('Beta', { buildIds: [build.id], feedbackEnabled: false });
    const given = inputs({ groups: 'Beta', 'feedback-enabled': 'false', ...DRIFT_CHECK });
    const clean = await runAction(given);
    expectOk(clean);
    expect(clean.outputs.plan).toBe('[]');
    expect(clean.summary).toContain('Nothing to change');

    groupNamed('Beta').feedbackEnabled = true;
    const drifted = await runAction(given);
    expectFailure(
      drifted,
      /^::error::TestFlight differs from this step's inputs: 1 change would be made; see the summary\.$/,
    );
  });

  it('without a dry run is refused before anything is read', async ({ scenario }) => {
    const { fake, inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta');
    const run = await runAction(inputs({ groups: 'Beta', 'fail-on-drift': 'true' }));
    expectFailure(run, /^::error::Input `fail-on-drift` is true but `dry-run` is false: /);
    expect(fake.requests).toEqual([]);
  });
});
