// What the features need to know about the workflow run (its event, ref, repository and payload), read from the
// runner's environment as @actions/github's `context` reads it (test/bundle/github-client.test.ts compares them):
// importing any of @actions/github loads its REST endpoint plugin, so only a run that talks to GitHub imports it.
import { existsSync, readFileSync } from 'node:fs';
import { answeredStatus } from './retry.js';

export type { GitHubClient } from './client.js';

export interface GitHubRun {
  /** GITHUB_EVENT_NAME: `release`, `push`, `pull_request`, ... */
  eventName: string;
  /** GITHUB_REF: `refs/tags/v1.2.0`, `refs/pull/7/merge`, ... */
  ref: string;
  /** From GITHUB_REPOSITORY; null outside a runner. */
  repository: { owner: string; repo: string } | null;
  /** The event payload (GITHUB_EVENT_PATH), as GitHub sent it. */
  payload: Record<string, unknown>;
  /** The run's page, where its job summary is; null outside a runner. */
  runUrl: string | null;
}

/** The run as the runner describes it in its environment. */
export function currentRun(env: NodeJS.ProcessEnv = process.env): GitHubRun {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ref: env.GITHUB_REF ?? '',
    repository: owner && repo ? { owner, repo } : null,
    payload: eventPayload(env.GITHUB_EVENT_PATH),
    runUrl:
      owner && repo && env.GITHUB_RUN_ID
        ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`
        : null,
  };
}

function eventPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  if (!existsSync(path)) {
    // The line @actions/github's context prints; the run goes on without a payload.
    process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist\n`);
    return {};
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/**
 * The HTTP status GitHub answered to a failed Octokit request; null for a failure without an answer (a network
 * error, which Octokit gives the status 500 although nothing answered it, or the client's timeout).
 */
export const statusOf = answeredStatus;

/** One clause for a warning: what GitHub answered, without the request's headers (they hold the token). */
export function reasonOf(error: unknown): string {
  const status = statusOf(error);
  const message =
    error instanceof Error ? error.message.split('\n')[0]!.replace(/[.\s]+$/, '') : String(error);
  return status === null ? message : `GitHub answered ${status}: ${message}`;
}
