// The client the features talk to GitHub with: @actions/github's Octokit, which honours GITHUB_API_URL (GitHub
// Enterprise) and the runner's proxy variables. Loaded only by a run that talks to GitHub (loadGitHubClient in
// index.ts), so the rest of the action starts without it.
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * How long one GitHub request may take. Octokit has no timeout of its own, so a GitHub that never answers would
 * hold the step until the job's; past this the feature goes on with its warning, as after any failed request.
 */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/**
 * An Octokit for `token`, at `baseUrl` when given (the tests' loopback fake), else at GITHUB_API_URL; each request
 * is given up after `timeoutMs` with an error that says so (and has no HTTP status).
 */
export function githubClient(
  token: string,
  baseUrl?: string,
  timeoutMs = GITHUB_REQUEST_TIMEOUT_MS,
): GitHubClient {
  const octokit = getOctokit(token, baseUrl === undefined ? {} : { baseUrl });
  octokit.hook.wrap('request', async (request, options) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    // Set on the options object itself: Octokit's inner hooks (the token's) are bound to it, not to a copy.
    options.request = { ...options.request, signal: timeout };
    try {
      return await request(options);
    } catch (error) {
      if (!timeout.aborted) throw error;
      throw new Error(
        `GitHub did not answer ${options.method} ${options.url} within ${timeoutMs / 1000} s`,
        { cause: error },
      );
    }
  });
  return octokit;
}
