// The plan on the pull request: one comment, found again on later runs by a hidden marker and updated in place,
// never a second one; a failed run puts its failure in that comment, so it never shows a plan that no longer
// applies. Commenting is a courtesy to the reviewer: whatever GitHub answers, the run goes on as it would have
// (a failed one still fails with its own sentence), and a token that may not write pull requests (a fork's, or
// a job without the permission) gets a warning.
import type { FindCreated } from './client.js';
import { reasonOf, statusOf, type GitHubClient, type GitHubRun } from './run-context.js';

/** The hidden line that marks this action's comment (DESIGN §1). */
export const PLAN_MARKER = '<!-- testflight-beta-groups:plan -->';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The pull request a run is for; null on any other event. */
export function pullRequestOf(run: GitHubRun): number | null {
  if (!PULL_REQUEST_EVENTS.has(run.eventName)) return null;
  const number = (run.payload.pull_request as { number?: unknown } | undefined)?.number;
  return typeof number === 'number' && run.repository ? number : null;
}

export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'not-posted';

/** What the comment shows: the run's plan, or why the run could make none. */
export type CommentSubject = 'plan' | 'failure';

const SAID: Record<
  CommentSubject,
  { posted: string; updated: string; unchanged: string; what: string; after: string }
> = {
  plan: {
    posted: 'Posted the plan as a comment',
    updated: 'Updated the plan comment',
    unchanged: 'already shows this plan',
    what: 'the plan',
    after: 'The run itself is not affected.',
  },
  failure: {
    posted: "Posted this run's failure as the plan comment",
    updated: "Updated the plan comment to this run's failure",
    unchanged: 'already shows this failure',
    what: "this run's failure",
    after: 'The step fails with its own sentence all the same.',
  },
};

export async function publishPlanComment(
  client: GitHubClient,
  run: GitHubRun,
  markdown: string,
  log: { info: (line: string) => void; warn: (line: string) => void },
  subject: CommentSubject = 'plan',
): Promise<CommentOutcome> {
  const said = SAID[subject];
  const number = pullRequestOf(run);
  if (number === null || run.repository === null) return 'not-posted';
  const body = `${PLAN_MARKER}\n${markdown}`;
  const issue = { ...run.repository, issue_number: number };
  try {
    const existing = await findPlanComment(client, issue);
    if (existing?.body === body) {
      log.info(`The plan comment on pull request #${number} ${said.unchanged}.`);
      return 'unchanged';
    }
    if (existing) {
      await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...run.repository,
        comment_id: existing.id,
        body,
      });
      log.info(`${said.updated} on pull request #${number}.`);
      return 'updated';
    }
    // A create whose answer was lost may have made the comment: it is looked for again before another POST.
    const findCreated: FindCreated = { findCreated: () => findPlanComment(client, issue) };
    await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...issue,
      body,
      request: findCreated,
    });
    log.info(`${said.posted} on pull request #${number}.`);
    return 'created';
  } catch (error) {
    const hint =
      statusOf(error) === 403
        ? `: give the job \`permissions: pull-requests: write\` (a pull request from a fork gets a read-only token, so its ${subject} stays in the job summary)`
        : `; ${said.what} is in the job summary`;
    log.warn(
      `Could not post ${said.what} on pull request #${number} (${reasonOf(error)})${hint}. ${said.after}`,
    );
    return 'not-posted';
  }
}

/** This action's comment on the pull request (the first with the marker, on any page), or null. */
async function findPlanComment(
  client: GitHubClient,
  issue: { owner: string; repo: string; issue_number: number },
): Promise<{ id: number; body?: string } | null> {
  for await (const page of client.paginate.iterator(
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { ...issue, per_page: 100 },
  )) {
    const found = page.data.find((c) => c.body?.includes(PLAN_MARKER));
    if (found) return found;
  }
  return null;
}
