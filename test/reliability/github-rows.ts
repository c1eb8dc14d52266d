// The fault matrix's GitHub rows: every GitHub call of src/github (the release by tag, the tag's ref and object,
// the pull request's comments listed, created, updated), each on its request in a world where it occurs.
// Nothing GitHub answers fails the run: a fault a retry gets past leaves no trace but a log line; otherwise
// release notes fall back to the tag's message or are left out with one warning, and a comment that cannot be
// posted is one warning (README, "The plan on the pull request").
import type { GitHubRun } from '../../src/github/run-context.js';
import type { FakeGitHub } from '../fake-github/index.js';
import type { RequestMatch } from './fault-checks.js';
import { FAULTS, type Attempt, type MatrixFault } from './fault-matrix.js';

export type GitHubWorldName = 'release' | 'tag-message' | 'new-comment' | 'comment-to-update';

export interface GitHubRow {
  name: string;
  world: GitHubWorldName;
  request: RequestMatch;
}

const repo = '^/repos/octo/app';

export const GITHUB_ROWS: readonly GitHubRow[] = [
  {
    name: 'the release by tag',
    world: 'release',
    request: { method: 'GET', path: new RegExp(`${repo}/releases/tags/`) },
  },
  {
    name: 'the tag’s ref',
    world: 'tag-message',
    request: { method: 'GET', path: new RegExp(`${repo}/git/ref/tags`) },
  },
  {
    name: 'the tag object',
    world: 'tag-message',
    request: { method: 'GET', path: new RegExp(`${repo}/git/tags/[0-9a-f]{40}$`) },
  },
  {
    name: 'the comments listed',
    world: 'new-comment',
    request: { method: 'GET', path: new RegExp(`${repo}/issues/\\d+/comments$`) },
  },
  {
    name: 'the comment created',
    world: 'new-comment',
    request: { method: 'POST', path: new RegExp(`${repo}/issues/\\d+/comments$`) },
  },
  {
    name: 'the comment updated',
    world: 'comment-to-update',
    request: { method: 'PATCH', path: new RegExp(`${repo}/issues/comments/\\d+$`) },
  },
];

/** The faults put on a GitHub call: every one of FAULTS (a hang ends at the client's request timeout). */
export const GITHUB_FAULTS: readonly MatrixFault[] = FAULTS;

/** The client's request timeout in the hang rows: short, but long past a loopback answer on a loaded machine. */
export const GITHUB_HANG_TIMEOUT_MS = 400;

/** Faults the client does not try again: its own timeout (a hang) and an answer (401). */
const NOT_RETRIED = new Set(['hang', 'unauthorized']);
/** Faults after the change took effect: a create found again after them is not sent twice. */
const AFTER_THE_CHANGE = new Set(['reset-after', 'status-after']);

/**
 * What the client makes of a row (src/github/client.ts): how many times it sends the faulted request, and whether
 * the run ends with a warning. A fault a retry gets past (on the first attempt) leaves no warning; one on every
 * attempt is met three times, then warned about; a timeout or a 401 is met once. A create whose answer was lost
 * after it took effect is found on the pull request and sent once, without a warning.
 */
export function expectedOf(
  row: GitHubRow,
  fault: MatrixFault,
  attempt: Attempt,
): { sent: number; warns: boolean } {
  const kind = fault.fault.kind;
  if (NOT_RETRIED.has(kind)) return { sent: 1, warns: true };
  if (row.request.method === 'POST' && AFTER_THE_CHANGE.has(kind)) return { sent: 1, warns: false };
  return attempt === 'first' ? { sent: 2, warns: false } : { sent: 3, warns: true };
}

/** What a warning about a fault says: GitHub's status, or the network error's text. */
export function githubSays(fault: MatrixFault): RegExp {
  const f = fault.fault;
  if (f.kind === 'status' || f.kind === 'status-after')
    return new RegExp(`GitHub answered ${f.status}\\b`);
  if (f.kind === 'rate-limit') return /GitHub answered 429\b/;
  if (f.kind === 'unauthorized') return /GitHub answered 401\b/;
  if (f.kind === 'hang') return /GitHub did not answer (GET|POST|PATCH) \S+ within 0\.4 s/;
  // A lost connection: the network's error, not an answer GitHub never gave (Octokit calls it a 500).
  return /\((?:the (?:release|tag): )?(?!GitHub answered)\w[^()]*\)/;
}

const PULL_REQUEST = 7;
export const PLAN = '### TestFlight plan\n\nNo changes.';
export const RELEASE_TEXT = 'Release notes';
export const TAG_TEXT = 'Tag message';

/** Seeds the world; returns the run it is for. */
export function seedGitHubWorld(
  github: FakeGitHub,
  name: GitHubWorldName,
  run: (overrides?: Partial<GitHubRun>) => GitHubRun,
): GitHubRun {
  const tag = { tag: 'v1.2.0', commitSha: 'c'.repeat(40), message: TAG_TEXT };
  switch (name) {
    case 'release':
      github.state.addRelease({ tag: 'v1.2.0', name: 'v1.2.0', body: RELEASE_TEXT });
      github.state.addTag(tag);
      return run();
    case 'tag-message':
      github.state.addTag(tag);
      return run();
    case 'comment-to-update':
      github.state.addComment({
        issue: PULL_REQUEST,
        body: '<!-- testflight-beta-groups:plan -->\nan older plan',
        user: 'github-actions[bot]',
      });
      return pullRequestRun(run);
    case 'new-comment':
      github.state.addComment({ issue: PULL_REQUEST, body: 'Looks good', user: 'octocat' });
      return pullRequestRun(run);
  }
}

const pullRequestRun = (run: (overrides?: Partial<GitHubRun>) => GitHubRun) =>
  run({
    eventName: 'pull_request',
    ref: `refs/pull/${PULL_REQUEST}/merge`,
    payload: { pull_request: { number: PULL_REQUEST } },
  });
