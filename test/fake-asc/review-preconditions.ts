// What Beta App Review needs before it takes a build, beyond the spec: a build testers outside the team may
// get, and the app's Test Information. Apple's texts are verbatim where field reports give them (README "Evidence").
import { localizationsOfApp } from './app-information.js';
import { isExpired, NOT_EXTERNALLY_ASSIGNABLE } from './build-lifecycle.js';
import { AscError, TITLES, type ErrorSpec } from './errors.js';
import type { FakeStore } from './store.js';
import type { FakeBuild } from './types.js';

const UNPROCESSABLE = 'ENTITY_UNPROCESSABLE';

/** 422 in the "not in an externally assignable state" family: processing, expired, internal-only, no compliance. */
export function assertExternallyReviewable(store: FakeStore, build: FakeBuild): void {
  const usable =
    store.processingState(build.id) === 'VALID' &&
    !isExpired(store, build) &&
    build.audience !== 'INTERNAL_ONLY' &&
    build.usesNonExemptEncryption !== null;
  if (!usable) {
    throw new AscError(422, {
      code: UNPROCESSABLE,
      title: TITLES.buildNotAssignable,
      detail: NOT_EXTERNALLY_ASSIGNABLE,
    });
  }
}

export const NO_LOCALIZATION: ErrorSpec = {
  code: UNPROCESSABLE,
  title: 'betaAppLocalizations not found for this app.',
  detail: 'betaAppLocalization must exist for an app',
};
export const NO_DESCRIPTION: ErrorSpec = {
  code: UNPROCESSABLE,
  title: 'Beta App Description is missing.',
  detail: 'Beta App Description is required to submit a build for external testing.',
};
/** Apple's text, typo included: the answer for a missing feedback email or review contact. */
export const MISSING_REQUIRED_INFORMATION: ErrorSpec = {
  code: UNPROCESSABLE,
  title: 'Missing required information to submit for external testing',
  detail: 'Missing requied data.',
};
export const NO_DEMO_ACCOUNT_NAME: ErrorSpec = {
  code: UNPROCESSABLE,
  title: TITLES.unprocessable,
  detail: 'A demo account user name is required.',
};
export const NO_DEMO_ACCOUNT_PASSWORD: ErrorSpec = {
  code: UNPROCESSABLE,
  title: TITLES.unprocessable,
  detail: 'A demo account password is required.',
};

const CONTACT_FIELDS = [
  'contactFirstName',
  'contactLastName',
  'contactEmail',
  'contactPhone',
] as const;

const blank = (value: string | null | undefined) =>
  value === null || value === undefined || value.trim() === '';

/**
 * The app's Test Information, as Apple checks it on submission: a localization at all, then for the primary
 * locale a description and a feedback email, the review contact, and a demo account when one is required.
 */
export function assertTestInformation(store: FakeStore, appId: string): void {
  const app = store.apps.get(appId);
  const localizations = localizationsOfApp(store, appId);
  if (!app || localizations.length === 0) throw new AscError(422, NO_LOCALIZATION);
  const primary = localizations.find((l) => l.locale === app.primaryLocale);
  const detail = store.reviewDetailOf(appId);
  const errors: ErrorSpec[] = [];
  if (blank(primary?.description)) errors.push(NO_DESCRIPTION);
  if (blank(primary?.feedbackEmail) || CONTACT_FIELDS.some((f) => blank(detail[f]))) {
    errors.push(MISSING_REQUIRED_INFORMATION);
  }
  if (detail.demoAccountRequired) {
    if (blank(detail.demoAccountName)) errors.push(NO_DEMO_ACCOUNT_NAME);
    if (blank(detail.demoAccountPassword)) errors.push(NO_DEMO_ACCOUNT_PASSWORD);
  }
  if (errors.length > 0) throw new AscError(422, ...errors);
}
