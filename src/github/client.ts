// The client the features talk to GitHub with: @actions/github's Octokit, which honours GITHUB_API_URL (GitHub
// Enterprise) and the runner's proxy variables. Loaded only by a run that talks to GitHub (loadGitHubClient in
// index.ts), so the rest of the action starts without it.
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** An Octokit for `token`, at `baseUrl` when given (the tests' loopback fake), else at GITHUB_API_URL. */
export function githubClient(token: string, baseUrl?: string): GitHubClient {
  return getOctokit(token, baseUrl === undefined ? {} : { baseUrl });
}
