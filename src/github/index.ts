// What the action asks of GitHub itself: What to Test from the release, and the plan on the pull request.
// Reached from main.ts only; it knows the reconcile's result types and nothing else of src/.
export { publishPlanComment, pullRequestOf } from './plan-comment.js';
export { readReleaseNotes } from './release-notes.js';
export { currentRun, githubClient, type GitHubRun } from './run-context.js';
