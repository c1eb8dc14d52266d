// The fault matrix over the GitHub calls (GITHUB_ROWS): each fault on its request, on the first attempt and on
// every attempt, through src/github's functions, the action's GitHub client and the fake GitHub over loopback.
// Nothing GitHub answers fails the run: a fault the client's retry gets past leaves no warning (expectedOf says
// which, and how many times the request is sent); otherwise release notes fall back to the tag's message or What
// to Test is left as it is, with one warning naming the status, and a comment is not posted, with one warning
// saying why; a clean run then converges to one plan comment, and nobody else's comment is touched.
import { afterAll, describe, expect } from 'vitest';
import { PLAN_MARKER, publishPlanComment } from '../../src/github/plan-comment.js';
import { readReleaseNotes } from '../../src/github/release-notes.js';
import type { GitHubClient, GitHubRun } from '../../src/github/run-context.js';
import { githubTest as it, runOf } from '../github/github-fixtures.js';
import type { FakeGitHub } from '../fake-github/index.js';
import { faultOn, isRequest, newTally } from './fault-checks.js';
import { ATTEMPTS, timesFor } from './fault-matrix.js';
import {
  expectedOf,
  GITHUB_FAULTS,
  GITHUB_HANG_TIMEOUT_MS,
  GITHUB_ROWS,
  githubSays,
  PLAN,
  RELEASE_TEXT,
  seedGitHubWorld,
  TAG_TEXT,
  type GitHubRow,
} from './github-rows.js';

const tally = newTally('github');
afterAll(() => tally.write());

const commentsOf = (github: FakeGitHub) => github.state.comments.map((c) => c.body);

/** How many times the faulted request was sent. */
const sentTo = (github: FakeGitHub, row: GitHubRow) =>
  github.requests.filter((r) => isRequest(r, row.request)).length;

async function releaseRow(
  github: FakeGitHub,
  row: GitHubRow,
  client: GitHubClient,
  run: GitHubRun,
  says: RegExp,
  expected: { sent: number; warns: boolean },
) {
  const warnings: string[] = [];
  const notes = await readReleaseNotes(client, run, (line) => warnings.push(line));
  expect(sentTo(github, row), 'the faulted request sent').toBe(expected.sent);
  const full = row.world === 'release' ? RELEASE_TEXT : TAG_TEXT;
  if (!expected.warns) {
    expect(warnings).toEqual([]);
    expect(notes?.text).toBe(full);
    tally.survived++;
  } else {
    expect(warnings, 'one warning').toHaveLength(1);
    expect(warnings[0]).toMatch(says);
    if (notes) {
      // The release could not be read: the tag's message stands in, and the warning says so.
      expect(notes.text).toBe(TAG_TEXT);
      expect(warnings[0]).toMatch(
        /could not read the GitHub release .*, so What to Test comes from the message of tag v1\.2\.0\.$/,
      );
    } else {
      expect(warnings[0]).toMatch(/; What to Test is left as it is\.$/);
    }
    tally.survived++;
    tally.warned++;
  }
  github.faults.clear();
  const clean = await readReleaseNotes(client, run, () => expect.unreachable('a clean run warns'));
  expect(clean?.text).toBe(full);
}

async function commentRow(
  github: FakeGitHub,
  row: GitHubRow,
  client: GitHubClient,
  run: GitHubRun,
  says: RegExp,
  expected: { sent: number; warns: boolean },
) {
  const others = github.state.comments
    .filter((c) => !c.body.includes(PLAN_MARKER))
    .map((c) => ({ ...c }));
  const warnings: string[] = [];
  const log = { info: () => {}, warn: (line: string) => warnings.push(line) };
  const outcome = await publishPlanComment(client, run, PLAN, log);
  expect(sentTo(github, row), 'the faulted request sent').toBe(expected.sent);
  expect(outcome === 'not-posted', 'a warning').toBe(expected.warns);
  if (outcome === 'not-posted') {
    expect(warnings, 'one warning').toHaveLength(1);
    expect(warnings[0]).toMatch(says);
    expect(warnings[0]).toMatch(/The run itself is not affected\.$/);
    tally.warned++;
  } else {
    expect(warnings).toEqual([]);
  }
  tally.survived++;
  expect(commentsOf(github).filter((b) => b.includes(PLAN_MARKER)).length).toBeLessThanOrEqual(1);
  github.faults.clear();
  const clean = await publishPlanComment(client, run, PLAN, log);
  expect(['created', 'updated', 'unchanged']).toContain(clean);
  expect(await publishPlanComment(client, run, PLAN, log)).toBe('unchanged');
  expect(commentsOf(github).filter((b) => b.includes(PLAN_MARKER))).toEqual([
    `${PLAN_MARKER}\n${PLAN}`,
  ]);
  expect(github.state.comments.filter((c) => !c.body.includes(PLAN_MARKER))).toEqual(others);
}

describe.each(GITHUB_ROWS)('$name', (row) => {
  describe.each(ATTEMPTS)('on the %s attempt', (attempt) => {
    it.for(GITHUB_FAULTS.map((f) => [f.name, f] as const))(
      '%s',
      async ([, f], { github, client }) => {
        const run = seedGitHubWorld(github, row.world, runOf);
        github.faults.add(faultOn(f.fault, row.request, timesFor(attempt)));
        tally.rows++;
        const octokit =
          f.fault.kind === 'hang' ? client(undefined, GITHUB_HANG_TIMEOUT_MS) : client();
        const expected = expectedOf(row, f, attempt);
        if (row.world === 'release' || row.world === 'tag-message') {
          await releaseRow(github, row, octokit, run, githubSays(f), expected);
        } else {
          await commentRow(github, row, octokit, run, githubSays(f), expected);
        }
        expect(
          github.requests.some((r) => isRequest(r, row.request)),
          'the fault met its request',
        ).toBe(true);
        tally.converged++;
      },
    );
  });
});
