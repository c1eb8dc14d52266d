// The plan comment through a real Octokit and the fake GitHub: created once, found again by its marker and
// updated in place (past a first page of other comments), left alone when it already says the same, a warning
// for a token that may not write pull requests, and nothing on a run that is not for a pull request; an update
// retried after a 502, and a create that is never doubled: after a lost answer the comment is looked for first.
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
    // A refusal is an answer: not tried again.
    expect(github.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403]);
  });

  it('updates the comment after a 502 on its PATCH', async ({ github, client, retries }) => {
    const log = { info: () => {}, warn: (line: string) => expect.fail(line) };
    const old = github.state.addComment({
      issue: 7,
      body: `${PLAN_MARKER}\n## Old plan\n`,
      user: 'github-actions[bot]',
    });
    github.faults.add({ kind: 'status', status: 502, body: 'html', method: 'PATCH' });
    expect(await publishPlanComment(client(), prRun(), '## New plan\n', log)).toBe('updated');
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([
      502, 200,
    ]);
    expect(github.state.comments.map((c) => [c.id, c.body])).toEqual([
      [old.id, `${PLAN_MARKER}\n## New plan\n`],
    ]);
    expect(retries.lines).toEqual([
      `GitHub answered 502 to PATCH /repos/octo/app/issues/comments/${old.id}; retrying in 1 s (attempt 2 of 3).`,
    ]);
  });

  // Before handling, nothing was made and the POST is sent again; after it, the comment is found and kept.
  it.for([
    {
      name: 'a 502 before the create',
      fault: { kind: 'status', status: 502, body: 'html' },
      posts: [502, 201],
    },
    { name: 'a reset before the create', fault: { kind: 'reset' }, posts: [0, 201] },
    { name: 'a reset after the create', fault: { kind: 'reset-after' }, posts: [0] },
    {
      name: 'a 504 page after the create',
      fault: { kind: 'status-after', status: 504 },
      posts: [504],
    },
  ] as const)(
    'posts one comment after $name',
    async ({ fault, posts }, { github, client, retries }) => {
      const log = { info: () => {}, warn: (line: string) => expect.fail(line) };
      github.state.addComment({ issue: 7, body: 'Looks good', user: 'octocat' });
      github.faults.add({ ...fault, method: 'POST' });
      expect(await publishPlanComment(client(), prRun(), '## Plan\n', log)).toBe('created');
      expect(github.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual(
        posts,
      );
      expect(github.state.comments.map((c) => c.body)).toEqual([
        'Looks good',
        `${PLAN_MARKER}\n## Plan\n`,
      ]);
      // The comments were listed again before anything else was sent.
      expect(github.requests.map((r) => r.method).slice(0, 3)).toEqual(['GET', 'POST', 'GET']);
      expect(retries.lines).toEqual([
        posts.length === 2
          ? expect.stringMatching(
              /^GitHub .+ to POST \/repos\/octo\/app\/issues\/7\/comments; retrying in 1 s \(attempt 2 of 3\)\.$/,
            )
          : expect.stringMatching(
              /^GitHub .+ to POST \/repos\/octo\/app\/issues\/7\/comments, but had made it: it is not sent again\.$/,
            ),
      ]);
    },
  );

  it('warns after three creates GitHub answered 503, with no comment made', async ({
    github,
    client,
    retries,
  }) => {
    const warnings: string[] = [];
    github.faults.add({
      kind: 'status',
      status: 503,
      body: 'json',
      method: 'POST',
      times: Infinity,
    });
    const log = { info: () => {}, warn: (line: string) => warnings.push(line) };
    expect(await publishPlanComment(client(), prRun(), '## Plan\n', log)).toBe('not-posted');
    expect(github.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 503',
      'GET 200',
      'POST 503',
      'GET 200',
      'POST 503',
      'GET 200',
    ]);
    expect(retries.waits).toEqual([1000, 2000]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Could not post the plan on pull request #7 \(GitHub answered 503: Service Unavailable.*\); the plan is in the job summary\. The run itself is not affected\.$/,
      ),
    ]);
    expect(github.state.comments).toEqual([]);
  });

  it('does nothing on a run that is not for a pull request', async ({ github, client }) => {
    const log = { info: () => {}, warn: (line: string) => expect.fail(line) };
    expect(await publishPlanComment(client(), runOf(), '## Plan\n', log)).toBe('not-posted');
    expect(github.requests).toEqual([]);
  });
});
