// What the features need to know about the workflow run (its event, ref, repository and payload) and the client
// they talk to GitHub with. Both are what @actions/github gives (test/github/run-context.test.ts compares them),
// built from its parts: its Octokit carries the REST endpoint plugin, 70 KB of the bundle for the four routes
// used here, and importing any of @actions/github (its `context` too) brings that plugin along.
import { existsSync, readFileSync } from 'node:fs';
import { HttpClient } from '@actions/http-client';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { fetch } from 'undici';

const GitHubOctokit = Octokit.plugin(paginateRest);

export type GitHubClient = InstanceType<typeof GitHubOctokit>;

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
 * An Octokit as @actions/github's `getOctokit` makes it: the API at GITHUB_API_URL (GitHub Enterprise), the
 * runner's proxy variables as @actions/http-client reads them, the orchestration ID in the user agent.
 */
export function githubClient(
  token: string,
  baseUrl = process.env.GITHUB_API_URL || 'https://api.github.com',
): GitHubClient {
  const dispatcher = new HttpClient().getAgentDispatcher(baseUrl);
  return new GitHubOctokit({
    auth: token,
    baseUrl,
    userAgent: orchestrationUserAgent(process.env.ACTIONS_ORCHESTRATION_ID),
    request: {
      fetch: (url: string, init: Parameters<typeof fetch>[1]) =>
        fetch(url, { ...init, dispatcher }),
    },
  });
}

/** The user agent part naming the run's orchestration, as @actions/github adds it. */
function orchestrationUserAgent(id: string | undefined): string | undefined {
  const trimmed = id?.trim();
  return trimmed ? `actions_orchestration_id/${trimmed.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined;
}

/** The HTTP status of a failed Octokit request; null for a failure without one (a network error). */
export function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/** One clause for a warning: what GitHub answered, without the request's headers (they hold the token). */
export function reasonOf(error: unknown): string {
  const status = statusOf(error);
  const message =
    error instanceof Error ? error.message.split('\n')[0]!.replace(/[.\s]+$/, '') : String(error);
  return status === null ? message : `GitHub answered ${status}: ${message}`;
}
