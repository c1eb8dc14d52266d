// The client the features talk to GitHub with: an Octokit built as @actions/github's `getOctokit` builds it,
// from its parts (@octokit/core with the paginate plugin, without the REST endpoint plugin's 70 KB; requests
// name their routes). Loaded only by a run that talks to GitHub (loadGitHubClient in index.ts).
import { HttpClient } from '@actions/http-client';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { fetch } from 'undici';

const GitHubOctokit = Octokit.plugin(paginateRest);

export type GitHubClient = InstanceType<typeof GitHubOctokit>;

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
