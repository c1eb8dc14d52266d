// The plan comment through a real Octokit and the fake GitHub: created once, found again by its marker and
// updated in place (past a first page of other comments), left alone when it already says the same, a warning
// for a token that may not write pull requests, and nothing on a run that is not for a pull request.
import { describe, expect } from 'vitest';
import { PLAN_MARKER, publishPlanComment } from '../../src/github/plan-comment.js';
import { githubTest as it, READ_TOKEN, runOf } from './github-fixtures.js';

const prRun = (number = 7) =>
  runOf({
    eventName: 'pull_request',
    ref: `refs/pull/${number}/merge`,
    payload: { pull_request: { number } },
  });

describe('publishPlanComment', () => {
  it('creates one comment, then updates that one, then leaves it when nothing changed', async ({
    github,
    client,
  }) => {
    const log = { info: (_: string) => {}, warn: (line: string) => expect.fail(line) };
    // Another bot's comments fill the first page: the marker is looked for on every page.
    for (let i = 0; i < 120; i++)
      github.state.addComment({ issue: 7, body: `ci ${i}`, user: 'ci[bot]' });
    github.state.addComment({
      issue: 8,
      body: `${PLAN_MARKER}\nanother PR`,
      user: 'github-actions[bot]',
    });

    expect(await publishPlanComment(client(), prRun(), '## Plan one\n', log)).toBe('created');
    const mine = () =>
      github.state.comments.filter((c) => c.issue === 7 && c.body.includes(PLAN_MARKER));
    expect(mine().map((c) => c.body)).toEqual([`${PLAN_MARKER}\n## Plan one\n`]);
    const id = mine()[0]!.id;

    expect(await publishPlanComment(client(), prRun(), '## Plan two\n', log)).toBe('updated');
    expect(mine().map((c) => [c.id, c.body])).toEqual([[id, `${PLAN_MARKER}\n## Plan two\n`]]);
    const patch = github.requests.filter((r) => r.method === 'PATCH');
    expect(patch.map((r) => [r.path, r.body])).toEqual([
      [`/repos/octo/app/issues/comments/${id}`, { body: `${PLAN_MARKER}\n## Plan two\n` }],
    ]);
    // The list was read a page of 100 at a time.
    expect(github.requests.filter((r) => r.method === 'GET').map((r) => r.query)).toContainEqual({
      per_page: '100',
      page: '2',
    });

    const before = github.requests.length;
    expect(await publishPlanComment(client(), prRun(), '## Plan two\n', log)).toBe('unchanged');
    expect(github.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
    expect(github.state.comments.filter((c) => c.issue === 8)).toHaveLength(1);
  });

  it('warns when the token may not write pull requests, and posts nothing', async ({
    github,
    client,
  }) => {
    const warnings: string[] = [];
    const outcome = await publishPlanComment(client(READ_TOKEN), prRun(), '## Plan\n', {
      info: () => {},
      warn: (line) => warnings.push(line),
    });
    expect(outcome).toBe('not-posted');
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Could not post the plan on pull request #7 \(GitHub answered 403: Resource not accessible by integration.*\): give the job `permissions: pull-requests: write` \(a pull request from a fork gets a read-only token, so its plan stays in the job summary\)\. The run itself is not affected\.$/,
      ),
    ]);
    expect(warnings[0]).not.toContain(READ_TOKEN);
    expect(github.state.comments).toEqual([]);
    expect(github.requests.find((r) => r.method === 'POST')?.status).toBe(403);
  });

  it('does nothing on a run that is not for a pull request', async ({ github, client }) => {
    const log = { info: () => {}, warn: (line: string) => expect.fail(line) };
    expect(await publishPlanComment(client(), runOf(), '## Plan\n', log)).toBe('not-posted');
    expect(github.requests).toEqual([]);
  });
});
