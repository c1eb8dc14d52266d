// What the features need to know about the workflow run (its event, ref, repository and payload) and the client
// they talk to GitHub with. The client is @actions/github's Octokit: GITHUB_API_URL (GitHub Enterprise) and the
// runner's proxy variables are honoured by it.
import { context, getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

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
export function currentRun(): GitHubRun {
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    eventName: context.eventName ?? '',
    ref: context.ref ?? '',
    repository: owner && repo ? { owner, repo } : null,
    payload: context.payload,
    runUrl:
      owner && repo && process.env.GITHUB_RUN_ID
        ? `${context.serverUrl}/${owner}/${repo}/actions/runs/${process.env.GITHUB_RUN_ID}`
        : null,
  };
}

export function githubClient(token: string): GitHubClient {
  return getOctokit(token);
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
