// The client the features talk to GitHub with: @actions/github's Octokit, which honours GITHUB_API_URL (GitHub
// Enterprise) and the runner's proxy variables, with a timeout and retries wrapped around its one request.
// Loaded only by a run that talks to GitHub (loadGitHubClient in index.ts), so the rest of the action starts
// without it.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { getOctokit } from '@actions/github';
import { answeredStatus, GITHUB_ATTEMPTS, isTransient, retryWaitMs } from './retry.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * How long one GitHub request may take. Octokit has no timeout of its own, so a GitHub that never answers would
 * hold the step until the job's; past this the feature goes on with its warning, as after any failed request.
 */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/** What the retries need from the caller: tests pass a sleep that does not wait, and their own log. */
export interface RetryEnvironment {
  sleep: (ms: number) => Promise<unknown>;
  /** One line per retry, for the log. */
  info: (line: string) => void;
  now: () => number;
  /** In [0, 1): the backoff's jitter. */
  random: () => number;
}

const REAL_TIME: RetryEnvironment = {
  sleep: (ms) => sleepFor(ms),
  // The action passes its log (loadGitHubClient); this is for a client built without one.
  info: (line) => process.stdout.write(`${line}\n`),
  now: () => Date.now(),
  random: () => Math.random(),
};

/**
 * A request option for a create that may have taken effect although its answer was lost (a reset, a 502 from
 * GitHub's front end): finds what it made, or null. A POST is tried again only with it, and only when it finds
 * nothing; what it finds is answered instead.
 */
export interface FindCreated {
  findCreated: () => Promise<unknown>;
}

/** Only these are repeated blindly: a read, and an update that sets the same body again. */
const REPEATABLE = new Set(['GET', 'PATCH']);

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/**
 * An Octokit for `token`, at `baseUrl` when given (the tests' loopback fake), else at GITHUB_API_URL. Each
 * attempt is given up after `timeoutMs` with an error that says so (and has no HTTP status); a failure a retry
 * can fix is tried again (retry.ts), each retry logged in one line through `environment.info`.
 */
export function githubClient(
  token: string,
  baseUrl?: string,
  timeoutMs = GITHUB_REQUEST_TIMEOUT_MS,
  environment: Partial<RetryEnvironment> = {},
): GitHubClient {
  const { sleep, info, now, random } = { ...REAL_TIME, ...environment };
  const octokit = getOctokit(token, baseUrl === undefined ? {} : { baseUrl });
  octokit.hook.wrap('request', async (request, options) => {
    const findCreated = (options.request as Partial<FindCreated> | undefined)?.findCreated;
    const mayRepeat = REPEATABLE.has(options.method) || findCreated !== undefined;
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      // Set on the options object itself: Octokit's inner hooks (the token's) are bound to it, not to a copy.
      options.request = { ...options.request, signal: timeout };
      try {
        return await request(options);
      } catch (error) {
        // Never retried: a GitHub that gave no answer in 30 s would hold the step up to a minute more.
        if (timeout.aborted) {
          throw new Error(
            `GitHub did not answer ${options.method} ${options.url} within ${timeoutMs / 1000} s`,
            { cause: error },
          );
        }
        if (!mayRepeat || !isTransient(error)) throw error;
        const status = answeredStatus(error);
        const url = (error as { request?: { url?: string } }).request?.url ?? options.url;
        const what = `GitHub ${status === null ? `gave no answer (${(error as Error).message})` : `answered ${status}`} to ${options.method} ${new URL(url, 'http://github.invalid').pathname}`;
        // Looked for after every lost answer, the last one too: a create that took effect is not a failure.
        if (findCreated) {
          const made = await findCreated();
          if (made !== null && made !== undefined) {
            info(`${what}, but had made it: it is not sent again.`);
            return { status: 201, url, headers: {}, data: made } as Awaited<
              ReturnType<typeof request>
            >;
          }
        }
        const waitMs = retryWaitMs(error, attempt, now(), random);
        if (waitMs === null) throw error;
        info(
          `${what}; retrying in ${seconds(waitMs)} (attempt ${attempt + 1} of ${GITHUB_ATTEMPTS}).`,
        );
        await sleep(waitMs);
      }
    }
  });
  return octokit;
}
