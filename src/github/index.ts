// What the action asks of GitHub itself: What to Test from the release, and the plan on the pull request.
// Reached from main.ts only; it knows the reconcile's result types and nothing else of src/.
import type { GitHubClient } from './client.js';

export { publishPlanComment, pullRequestOf } from './plan-comment.js';
export { readReleaseNotes } from './release-notes.js';
export { currentRun, type GitHubRun } from './run-context.js';
export type { GitHubClient };

/**
 * The Octokit for `token`, loaded only when a run talks to GitHub (a few ms of start-up otherwise); its retries
 * are logged through `info`.
 */
export async function loadGitHubClient(
  token: string,
  info: (line: string) => void,
): Promise<GitHubClient> {
  // Eager: the bundler keeps the module in the one bundle file, evaluated only when it is imported here.
  const { githubClient } = await import(/* webpackMode: "eager" */ './client.js');
  return githubClient(token, undefined, undefined, { info });
}
