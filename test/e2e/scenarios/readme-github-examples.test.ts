// The README's GitHub examples, run as written against the fake App Store Connect and the fake GitHub (the
// runner fills `github-token` with the job's token): What to Test from a published release, and the plan
// commented on a pull request that changes the declaration.
import { describe, expect } from 'vitest';
import { PLAN_MARKER } from '../../../src/github/plan-comment.js';
import { runAction } from '../run-action.js';
import { githubScenarioTest as it, WRITE_TOKEN } from './github-scenario.js';
import { asRun, readmeSteps } from './readme-steps.js';
import { planOf } from './scenario-test.js';

const steps = readmeSteps();
const RELEASE_NOTES = steps.find((step) => step['release-notes'] === 'true');
const PLAN = steps.find((step) => step['comment-plan'] === 'true');

describe("the README's GitHub examples", () => {
  it('take What to Test from the published release, and re-run unchanged', async ({
    scenario,
    runnerEnv,
  }) => {
    const { fake, build, addGroup, twice } = scenario;
    addGroup('Public Beta');
    const env = runnerEnv({
      name: 'release',
      ref: 'refs/tags/v3.1.0',
      payload: { action: 'published', release: { tag_name: 'v3.1.0', body: '- Faster sync' } },
    });
    const { first } = await twice(
      asRun(RELEASE_NOTES!, fake.url, { 'github-token': WRITE_TOKEN }),
      {
        env,
      },
    );
    expect(planOf(first).find((o) => o.op === 'set-what-to-test')?.detail).toMatch(
      / from the GitHub release v3\.1\.0$/,
    );
    const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(texts.map((l) => l.whatsNew)).toEqual(['• Faster sync']);
  });

  it('comment the plan on the pull request, changing nothing', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { addGroup, mutationsSince } = scenario;
    addGroup('QA', { isInternal: true });
    addGroup('Public Beta');
    scenario.fake.state.addTeamMember('jane@example.com');
    const env = runnerEnv({
      name: 'pull_request',
      ref: 'refs/pull/3/merge',
      payload: { number: 3, pull_request: { number: 3 } },
    });
    const run = await runAction(asRun(PLAN!, scenario.fake.url, { 'github-token': WRITE_TOKEN }), {
      env,
      files: {
        '.github/testflight-testers.csv':
          'email,firstName,lastName\njane@example.com,Jane,Appleseed\n',
      },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(mutationsSince(0)).toEqual([]);
    const [comment] = github.state.comments;
    expect(comment?.issue).toBe(3);
    expect(comment?.body.startsWith(PLAN_MARKER)).toBe(true);
    expect(comment?.body).toContain('| Invite tester | jane@example.com | to QA, Public Beta |');
  });
});
