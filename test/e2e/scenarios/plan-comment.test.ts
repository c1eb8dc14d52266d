// `comment-plan: true` through dist/index.js, with a fake GitHub: on a pull request the run is a dry run whatever
// `dry-run` says, and posts the plan as one comment; a later run updates that comment, never a second one; an
// empty plan says "No changes"; a token that may not write pull requests gets a warning and the run succeeds;
// on any other event nothing is posted. No comment ever holds a secret.
import { describe, expect } from 'vitest';
import { PLAN_MARKER } from '../../../src/github/plan-comment.js';
import { DEMO_ACCOUNT_INPUT } from '../fixtures.js';
import { runAction } from '../run-action.js';
import {
  expectNoSecretsSentTo,
  expectTokensHidden,
  githubScenarioTest as it,
  PULL_REQUEST,
  READ_TOKEN,
  WRITE_TOKEN,
} from './github-scenario.js';
import { expectOk, planOf } from './scenario-test.js';

describe('the plan on the pull request', () => {
  it('posts one comment, updates it on the next run, and never changes TestFlight', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup, mutationsSince } = scenario;
    addGroup('Beta');
    // A reviewer's comment stays as it is.
    github.state.addComment({ issue: 7, body: 'Looks good', user: 'octocat' });
    const env = runnerEnv(PULL_REQUEST);
    const given = (testers: string) =>
      inputs({
        groups: 'Beta',
        testers,
        'comment-plan': 'true',
        'github-token': WRITE_TOKEN,
        'demo-account': DEMO_ACCOUNT_INPUT,
        'review-contact': 'Jane Appleseed <jane@example.com> +1 555 0100',
      });

    const first = await runAction(given('ann@example.com'), { env });
    expectOk(first);
    // Forced to a dry run: nothing changed in App Store Connect, and the outputs say what a real run would do.
    expect(mutationsSince(0)).toEqual([]);
    expect(first.outputs['review-state']).toBe('would-submit');
    expect(first.stdout).toContain('comment-plan on pull request #7: this run is a dry run.');
    const mine = () => github.state.comments.filter((c) => c.body.includes(PLAN_MARKER));
    expect(mine()).toHaveLength(1);
    const comment = mine()[0]!;
    expect(comment.issue).toBe(7);
    expect(
      comment.body.startsWith(
        `${PLAN_MARKER}\n## 📝 TestFlight: Scenario App build 100 (3.1.0) — plan\n`,
      ),
    ).toBe(true);
    expect(comment.body).toContain(`**${first.outputs.changes} changes planned**`);
    expect(comment.body).toContain('| Invite tester | ann@example.com | to Beta |');
    expect(comment.body).toContain('| Beta | external | would be added |');
    for (const op of planOf(first)) expect(comment.body).toContain(`| ${op.target} |`);

    const second = await runAction(given('ann@example.com\nbob@example.com'), { env });
    expectOk(second);
    expect(mine().map((c) => c.id)).toEqual([comment.id]);
    expect(mine()[0]!.body).toContain('| Invite tester | bob@example.com | to Beta |');
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(github.state.comments.map((c) => c.body)).toContain('Looks good');
    expect(mutationsSince(0)).toEqual([]);
    expectNoSecretsSentTo(github);
    expectTokensHidden(second);
  });

  it('says "No changes" when TestFlight already matches', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Beta');
    const given = inputs({ groups: 'Beta', 'comment-plan': 'true', 'github-token': WRITE_TOKEN });
    // The release run applied the declaration; the pull request changes nothing in it.
    expectOk(await runAction(given, { env: runnerEnv({ name: 'push', ref: 'refs/tags/v3.1.0' }) }));
    expect(github.requests).toEqual([]);
    const run = await runAction(given, { env: runnerEnv(PULL_REQUEST) });
    expectOk(run);
    expect(run.outputs.changes).toBe('0');
    const [comment] = github.state.comments;
    expect(comment!.body).toContain('**No changes**: TestFlight already matches this declaration.');
    expect(comment!.body).not.toContain('Planned changes');
  });

  it('warns, and succeeds, when the token may not write pull requests', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Beta');
    const run = await runAction(
      inputs({ groups: 'Beta', 'comment-plan': 'true', 'github-token': READ_TOKEN }),
      { env: runnerEnv(PULL_REQUEST) },
    );
    expectOk(run);
    const warnings = run.stdout.split('\n').filter((l) => l.includes('Could not post the plan'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning::Could not post the plan on pull request #7 \(GitHub answered 403: Resource not accessible by integration.*\): give the job `permissions: pull-requests: write`/,
      ),
    ]);
    expect(github.state.comments).toEqual([]);
    expectTokensHidden(run);
    expect(run.stdout).toContain(`::add-mask::${READ_TOKEN}`);
  });

  it('posts nothing on a run that is not for a pull request', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Beta');
    const run = await runAction(
      inputs({
        groups: 'Beta',
        'comment-plan': 'true',
        'github-token': WRITE_TOKEN,
        'dry-run': 'true',
      }),
      { env: runnerEnv({ name: 'push', ref: 'refs/heads/main' }) },
    );
    expectOk(run);
    expect(github.requests).toEqual([]);
  });
});
