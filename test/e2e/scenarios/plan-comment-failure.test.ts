// `comment-plan: true` on a run that fails, through dist/index.js with a fake GitHub: the one plan comment is
// updated to say that no plan could be made, in the step's own failure sentence with a link to the run, so an
// earlier push's plan no longer stands there; the next run with a fixed declaration puts the plan back in the
// same comment. App Store Connect refusing the key is shown the same way, and no secret ever. A token that may
// not comment gets a warning and the step fails with its sentence all the same; on a push, or when the inputs
// themselves are bad (no token nor comment-plan to trust), nothing is posted.
import { describe, expect } from 'vitest';
import { PLAN_MARKER } from '../../../src/github/plan-comment.js';
import { runAction, type ActionRun } from '../run-action.js';
import {
  expectNoSecretsSentTo,
  expectTokensHidden,
  githubScenarioTest as it,
  PULL_REQUEST,
  READ_TOKEN,
  WRITE_TOKEN,
} from './github-scenario.js';
import { expectOk } from './scenario-test.js';

const UNKNOWN_GROUP =
  /^::error::Beta group "Nightly" does not exist in Scenario App \(com\.example\.scenarios\)[^\n]*\.$/;

/** The step's one failure sentence, as the runner shows it (the `::error::` line, unescaped). */
const failureOf = (run: ActionRun): string => {
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
  expect(errors).toHaveLength(1);
  return errors[0]!.replace(/^::error::/, '').replaceAll('%25', '%');
};

describe('the plan comment of a failed run', () => {
  it('shows the failure in the same comment, then the plan again once the declaration is fixed', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup, expectFailure, mutationsSince } = scenario;
    addGroup('Beta');
    const env = runnerEnv(PULL_REQUEST);
    const given = (groups: string) =>
      inputs({
        groups,
        testers: 'ann@example.com',
        'comment-plan': 'true',
        'github-token': WRITE_TOKEN,
      });
    const mine = () => github.state.comments.filter((c) => c.body.includes(PLAN_MARKER));

    expectOk(await runAction(given('Beta'), { env }));
    expect(mine()).toHaveLength(1);
    const { id } = mine()[0]!;
    expect(mine()[0]!.body).toContain('**3 changes planned**');

    // The next push names a group that does not exist: the preflight refuses it.
    const failed = await runAction(given('Beta\nNightly'), { env });
    expectFailure(failed, UNKNOWN_GROUP);
    expect(failed.stdout).toContain(
      "Updated the plan comment to this run's failure on pull request #7.",
    );
    expect(mine().map((c) => c.id)).toEqual([id]);
    const sentence = failureOf(failed);
    expect(mine()[0]!.body).toBe(
      [
        PLAN_MARKER,
        // The group names are matched before the build is read: the title names what the run had read.
        '## ❌ TestFlight: Scenario App — plan failed',
        '',
        '**The plan could not be made**: this run failed, and changed nothing in TestFlight.',
        '',
        // The sentence as the step fails with it, its `input` names as code spans.
        sentence,
        '',
        "[This run's job summary](<https://github.com/octo/app/actions/runs/4242>) shows what it read. Fix the cause, then push again or re-run the job: this comment then shows the plan.",
        '',
      ].join('\n'),
    );
    expect(failed.outputs.changes).toBe('0');

    // Fixed: the same comment shows the plan again.
    expectOk(await runAction(given('Beta'), { env }));
    expect(mine().map((c) => c.id)).toEqual([id]);
    expect(mine()[0]!.body).toContain('**3 changes planned**');
    expect(mine()[0]!.body).toContain('| Invite tester | ann@example.com | to Beta |');
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
    expect(mutationsSince(0)).toEqual([]);
    expectNoSecretsSentTo(github);
    expectTokensHidden(failed);
  });

  it('shows App Store Connect refusing the key, and no secret, in the comment', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta');
    const run = await runAction(
      inputs({
        groups: 'Beta',
        'issuer-id': '00000000-0000-0000-0000-000000000000',
        'comment-plan': 'true',
        'github-token': WRITE_TOKEN,
      }),
      { env: runnerEnv(PULL_REQUEST) },
    );
    expectFailure(run, /^::error::App Store Connect did not accept the API key \(GET /);
    const [comment, ...others] = github.state.comments;
    expect(others).toEqual([]);
    expect(comment!.body).toContain('**The plan could not be made**');
    // The paragraph reads as the sentence once Markdown's backslash escapes (`NOT\_AUTHORIZED`) are undone.
    const paragraphs = comment!.body
      .split('\n\n')
      .map((p) => p.replace(/\\([\\`*_[\]|~#])/g, '$1'));
    expect(paragraphs).toContain(failureOf(run));
    expectNoSecretsSentTo(github);
  });

  it('warns when the token may not write pull requests, and fails with its own sentence', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta');
    const run = await runAction(
      inputs({ groups: 'Beta\nNightly', 'comment-plan': 'true', 'github-token': READ_TOKEN }),
      { env: runnerEnv(PULL_REQUEST) },
    );
    expectFailure(run, UNKNOWN_GROUP);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning::Could not post this run's failure on pull request #7 \(GitHub answered 403: Resource not accessible by integration.*\): give the job `permissions: pull-requests: write` \(a pull request from a fork gets a read-only token, so its failure stays in the job summary\)\. The step fails with its own sentence all the same\.$/,
      ),
    ]);
    // The step's sentence is the last thing said about the failure: the warning comes after it, not in its place.
    expect(run.stdout.indexOf('::error::')).toBeLessThan(run.stdout.indexOf('::warning::'));
    expect(github.state.comments).toEqual([]);
    expectTokensHidden(run);
  });

  it('posts nothing when a failed run is not for a pull request', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta');
    const run = await runAction(
      inputs({ groups: 'Beta\nNightly', 'comment-plan': 'true', 'github-token': WRITE_TOKEN }),
      { env: runnerEnv({ name: 'push', ref: 'refs/heads/main' }) },
    );
    expectFailure(run, UNKNOWN_GROUP);
    expect(github.requests).toEqual([]);
  });

  it('posts nothing when the inputs are bad: there is no comment-plan to trust', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup, expectFailure } = scenario;
    addGroup('Beta');
    github.state.addComment({ issue: 7, body: `${PLAN_MARKER}\nan earlier plan`, user: 'bot' });
    const run = await runAction(
      inputs({
        groups: 'Beta',
        'group-type': 'public',
        'comment-plan': 'true',
        'github-token': WRITE_TOKEN,
      }),
      { env: runnerEnv(PULL_REQUEST) },
    );
    expectFailure(run, /^::error::Input `group-type` is `public`/);
    expect(github.requests).toEqual([]);
    expect(github.state.comments.map((c) => c.body)).toEqual([`${PLAN_MARKER}\nan earlier plan`]);
  });
});
