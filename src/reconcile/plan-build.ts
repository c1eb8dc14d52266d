// Build-level operations: export compliance, What to Test, Beta App Review and the tester notification.
import type {
  AppBuildInfo,
  BuildInfo,
  EncryptionDeclarationInfo,
  LocalizationInfo,
  ReviewSubmissionInfo,
} from '../asc/index.js';
import type { DesiredState, WhatToTest } from './desired.js';
import type { MatchedGroup } from './match-groups.js';
import type { Operation } from './operations.js';
import { approvedDeclarations, planEncryptionDeclaration } from './plan-encryption-declaration.js';
import { ReconcileError } from './reconcile-error.js';
import type { ReviewOutcome } from './result.js';

export function describeBuild(build: BuildInfo): string {
  return build.marketingVersion ? `${build.number} (${build.marketingVersion})` : build.number;
}

/**
 * Apple refuses a build marked for internal testing only in an external group; say so before any change.
 * `matched`: the groups the build goes to.
 */
export function checkAudience(build: BuildInfo, matched: MatchedGroup[]): void {
  const external = matched.filter((m) => !m.internal).map((m) => m.desired.name);
  if (build.audience === 'INTERNAL_ONLY' && external.length > 0) {
    throw new ReconcileError(
      `Build ${describeBuild(build)} was uploaded for internal testing only, so it cannot go to the external group(s) ${external.join(', ')}: upload a build without "TestFlight Internal Only", or list only internal groups.`,
    );
  }
}

const MISSING_COMPLIANCE = 'MISSING_EXPORT_COMPLIANCE';

/**
 * Export compliance goes in before the build goes to groups (`matched`: the groups it goes to). A value the
 * build already has is never changed: Apple fixes it once answered, and fighting it would fail every run. An
 * encryption declaration, when one is asked for, answers it instead of the PATCH.
 */
export function planExportCompliance(
  desired: DesiredState,
  build: BuildInfo,
  matched: MatchedGroup[],
  declarations: EncryptionDeclarationInfo[],
  warnings: string[],
): Operation | null {
  const wanted = desired.usesNonExemptEncryption;
  const name = desired.hints.input;
  if (build.usesNonExemptEncryption !== null) {
    if (wanted !== null && wanted !== build.usesNonExemptEncryption) {
      warnings.push(
        `Build ${describeBuild(build)} already declares usesNonExemptEncryption: ${build.usesNonExemptEncryption}, which differs from ${name('usesNonExemptEncryption', String(wanted))}; App Store Connect keeps the build's answer.`,
      );
    }
    return null;
  }
  if (desired.encryptionDeclaration !== null) {
    return planEncryptionDeclaration(desired.encryptionDeclaration, wanted, {
      build,
      label: describeBuild(build),
      declarations,
      hints: desired.hints,
    });
  }
  if (wanted === null) {
    const detail = build.betaDetail;
    const stateSaysMissing =
      detail?.internalBuildState === MISSING_COMPLIANCE ||
      detail?.externalBuildState === MISSING_COMPLIANCE;
    // Apple refuses such a build in any group it is added to ("Build is not in an internally testable
    // state" for internal ones); only groups that get every build anyway need no request.
    const receivesBuild = matched.some(
      (m) => !(m.existing?.isInternal && m.existing.hasAccessToAllBuilds),
    );
    if (stateSaysMissing || receivesBuild) {
      const declaration =
        approvedDeclarations(declarations, build).length > 0
          ? `, or set ${name('encryptionDeclaration', 'auto')} to answer it with the app's approved App Encryption Declaration`
          : '';
      throw new ReconcileError(
        `Build ${describeBuild(build)} has no export compliance answer, and testers cannot install it until it has one: set ${name('usesNonExemptEncryption')} to \`true\` if the app uses encryption beyond Apple's exemptions, else \`false\`${declaration} (or add ITSAppUsesNonExemptEncryption to its Info.plist).`,
      );
    }
    return null;
  }
  return {
    op: 'set-export-compliance',
    target: `build ${build.number}`,
    detail: `set usesNonExemptEncryption to ${wanted} on build ${describeBuild(build)}`,
    change: `usesNonExemptEncryption: not set → ${wanted}`,
    buildId: build.id,
    value: wanted,
  };
}

/** A What to Test text with its locale known: the app's primary one stands in where none was named. */
export type LocaleWhatToTest = WhatToTest & { locale: string };

/**
 * What to Test per locale, the primary locale filled in; one locale given two texts (an input and the
 * config file, say) fails, naming both places.
 */
export function resolveWhatToTest(
  entries: readonly WhatToTest[],
  primaryLocale: string,
): LocaleWhatToTest[] {
  const resolved: LocaleWhatToTest[] = [];
  for (const entry of entries) {
    const locale = entry.locale ?? primaryLocale;
    const same = resolved.find((r) => r.locale.toLowerCase() === locale.toLowerCase());
    if (!same) resolved.push({ ...entry, locale });
    else if (same.text !== entry.text) {
      const places = [same.declaredAt, entry.declaredAt].filter(Boolean);
      throw new ReconcileError(
        `What to Test for ${locale}${locale === primaryLocale ? " (the app's primary locale)" : ''} is declared twice with different texts${places.length === 2 ? `, by ${places[0]} and by ${places[1]}` : ''}: give each locale's text once.`,
      );
    }
  }
  return resolved;
}

export function planWhatToTest(
  whatToTest: LocaleWhatToTest,
  build: BuildInfo,
  localizations: LocalizationInfo[],
): { operation: Operation | null; outcome: 'set' | 'already' } {
  // Locale codes are case-insensitive (`en-us` is Apple's `en-US`): update that one, never add a twin.
  const wanted = whatToTest.locale.toLowerCase();
  const existing = localizations.find((l) => l.locale.toLowerCase() === wanted) ?? null;
  if (existing && existing.whatsNew === whatToTest.text)
    return { operation: null, outcome: 'already' };
  const verb = existing ? 'update' : 'create';
  return {
    operation: {
      op: 'set-what-to-test',
      target: whatToTest.locale,
      detail: `${verb} What to Test (${whatToTest.locale}, ${[...whatToTest.text].length} characters) of build ${describeBuild(build)}`,
      change: `${[...whatToTest.text].length} characters${existing ? ', replacing the text it had' : ''}`,
      buildId: build.id,
      locale: whatToTest.locale,
      text: whatToTest.text,
      localizationId: existing?.id ?? null,
    },
    outcome: 'set',
  };
}

/**
 * Whether Beta App Review concerns this run: `auto` when an external group has or gets the build
 * (`matched`: the groups the build goes to), `always` (with a build), `never` not. Decides too whether the
 * submissions are read.
 */
export function reviewInPlay(
  desired: DesiredState,
  build: BuildInfo | null,
  matched: MatchedGroup[],
): boolean {
  if (!build || desired.submitForReview === 'never') return false;
  if (build.audience === 'INTERNAL_ONLY') return false;
  return desired.submitForReview === 'always' || matched.some((m) => !m.internal);
}

/**
 * A build is submitted once: a pending or approved submission is reported, not re-sent. A REJECTED one is
 * re-submitted only under `always` (someone fixed the cause and asks for it); `auto` reports it with a
 * warning, since sending the same build back unchanged would only be rejected again.
 */
export function planReview(
  desired: DesiredState,
  build: BuildInfo | null,
  matched: MatchedGroup[],
  submissions: ReviewSubmissionInfo[] | null,
  appBuilds: AppBuildInfo[],
  warnings: string[],
): { operation: Operation | null; outcome: ReviewOutcome } {
  // `never` is the user's word: the review was skipped, with or without a build in the run.
  if (desired.submitForReview === 'never') return { operation: null, outcome: 'skipped' };
  if (!build) return { operation: null, outcome: 'not-needed' };
  if (!reviewInPlay(desired, build, matched)) return { operation: null, outcome: 'not-needed' };
  const states = (submissions ?? []).map((s) => s.state);
  // A build has at most one live submission; a rejected one may sit beside a newer one.
  const live = states.find(
    (s) => s === 'WAITING_FOR_REVIEW' || s === 'IN_REVIEW' || s === 'APPROVED',
  );
  if (live) return { operation: null, outcome: live };
  const rejected = states.includes('REJECTED');
  if (rejected && desired.submitForReview === 'auto') {
    warnings.push(
      `Beta App Review rejected build ${describeBuild(build)}: read the reason in App Store Connect and fix it, then re-run with ${desired.hints.input('submitForReview', 'true')} to submit it again, or upload a new build.`,
    );
    return { operation: null, outcome: 'REJECTED' };
  }
  // Apple reviews one build per train (version and platform) at a time: a hotfix waits for the one in review.
  const inTrain = appBuilds.find(
    (b) =>
      b.id !== build.id &&
      b.marketingVersion === build.marketingVersion &&
      (b.reviewState === 'WAITING_FOR_REVIEW' || b.reviewState === 'IN_REVIEW'),
  );
  if (inTrain) {
    warnings.push(anotherBuildInReviewWarning(`Build ${describeBuild(build)}`, inTrain));
    return { operation: null, outcome: 'skipped' };
  }
  return {
    operation: {
      op: 'submit-for-review',
      target: `build ${build.number}`,
      detail: `submit build ${describeBuild(build)} for Beta App Review${rejected ? ' again (it was rejected)' : ''}`,
      change: `to Beta App Review${rejected ? ', again (it was rejected)' : ''}`,
      buildId: build.id,
    },
    // What Apple answers is known only once the real run submits (apply reports it).
    outcome: 'would-submit',
  };
}

/**
 * Why a submission is skipped while another build of the same train is in review: `subject` names the build
 * ("Build 42 (1.2.0)"), `other` the one in review when known.
 */
export function anotherBuildInReviewWarning(subject: string, other: AppBuildInfo | null): string {
  const which = other
    ? `build ${describeBuild(other)} of the same version is already ${other.reviewState === 'IN_REVIEW' ? 'in review' : 'waiting for review'}`
    : 'another build of the same version is already waiting for or in review';
  return `${subject} was not submitted for Beta App Review because ${which}, and Apple reviews one build per version at a time: re-run once that review is done, or remove that build from review in App Store Connect.`;
}

/**
 * Only when the build newly reaches a group, so a re-run sends nothing. When the run waits for a review that
 * is still open, the notification waits for the approval (Apple holds an approved build until it is sent).
 */
export function planNotification(
  desired: DesiredState,
  build: BuildInfo | null,
  buildAddedToSomeGroup: boolean,
  review: { outcome: ReviewOutcome; waits: boolean },
): Operation | null {
  if (!build || !desired.notifyTesters) return null;
  if (build.betaDetail?.autoNotifyEnabled !== false) return null;
  // Open: submitted by this run (`would-submit` until Apple answers), or waiting for or in review already.
  const open =
    review.outcome === 'would-submit' ||
    review.outcome === 'WAITING_FOR_REVIEW' ||
    review.outcome === 'IN_REVIEW';
  const afterApproval = review.waits && open;
  if (!buildAddedToSomeGroup && !afterApproval) return null;
  return {
    op: 'notify-testers',
    target: `build ${build.number}`,
    detail: afterApproval
      ? `notify the testers of build ${describeBuild(build)} once Beta App Review approves it (automatic notification is off)`
      : `notify the testers of build ${describeBuild(build)} (automatic notification is off)`,
    change: afterApproval
      ? 'once Beta App Review approves it (automatic notification is off)'
      : 'automatic notification is off',
    buildId: build.id,
    afterApproval,
  };
}
