// Waits for the Beta App Review outcome of a build in review (`wait-for-review`), polling the build with its
// submission on the injected clock with growing pauses; the client re-mints its token as the wait goes on.
// Approved: the notification that waited for it goes out. Rejected: the step fails. Out of time: a warning.
import type { AscApi, BetaReviewState, BuildInfo } from '../asc/index.js';
import type { SettingHints } from './desired.js';
import type { Operation } from './operations.js';
import { describeBuild } from './plan-build.js';
import { ReconcileError } from './reconcile-error.js';
import type { WaitDeps } from './wait.js';

const FIRST_INTERVAL_MS = 30_000;
const INTERVAL_GROWTH = 1.5;
const MAX_INTERVAL_MS = 300_000;

export interface ReviewWait {
  build: BuildInfo;
  appLabel: string;
  /** The state the plan or the submission left it in. */
  state: BetaReviewState;
  minutes: number;
  /** The notification to send once approved (auto-notify off, `notify-testers: true`); null: none. */
  notify: Extract<Operation, { op: 'notify-testers' }> | null;
  hints: Pick<SettingHints, 'input'>;
}

export interface ReviewWaitOutcome {
  state: BetaReviewState;
  /** The build as last seen (its beta state moves with the review). */
  build: BuildInfo;
  notified: boolean;
  warnings: string[];
}

export function isOpen(state: string | null): boolean {
  return state === 'WAITING_FOR_REVIEW' || state === 'IN_REVIEW';
}

export async function waitForReview(
  api: AscApi,
  wait: ReviewWait,
  deps: WaitDeps,
): Promise<ReviewWaitOutcome> {
  const deadline = deps.now() + wait.minutes * 60_000;
  let { state, build } = wait;
  let interval = FIRST_INTERVAL_MS;
  while (isOpen(state)) {
    const left = deadline - deps.now();
    if (left <= 0) break;
    const pause = Math.min(interval, left);
    deps.log(
      `Beta App Review of build ${describeBuild(build)} is ${state}; looking again in ${Math.round(pause / 1000)} s (${Math.ceil(left / 60_000)} min left to wait).`,
    );
    await deps.sleep(pause);
    interval = Math.min(interval * INTERVAL_GROWTH, MAX_INTERVAL_MS);
    const seen = await api.getBuildReview(build.id);
    build = seen.build;
    state = seen.reviewState ?? state;
  }
  const label = `build ${describeBuild(build)} of ${wait.appLabel}`;
  if (state === 'REJECTED') {
    throw new ReconcileError(
      `Beta App Review rejected ${label}: read Apple's reasons in App Store Connect (TestFlight → the build, or the email Apple sent), fix what they name, then upload a new build or re-run with ${wait.hints.input('submitForReview', 'true')} to send this one again.`,
    );
  }
  if (state === 'APPROVED') {
    deps.log(`Beta App Review approved ${label}.`);
    if (!wait.notify) return { state, build, notified: false, warnings: [] };
    await api.sendBuildNotification(wait.notify.buildId);
    deps.log(`Done: ${wait.notify.detail}.`);
    return { state, build, notified: true, warnings: [] };
  }
  const notifyNote = wait.notify
    ? '; its testers were not notified yet, and a re-run that waits for the review notifies them once it is approved'
    : '';
  return {
    state,
    build,
    notified: false,
    warnings: [
      `Beta App Review of ${label} is still ${state} after waiting ${wait.minutes} minute${wait.minutes === 1 ? '' : 's'} (${wait.hints.input('waitForReview')}), so the step goes on without its outcome${notifyNote}.`,
    ],
  };
}
