// Test Information: the beta app localizations (per locale), the Beta App Review details and the license
// agreement, planned field by field against what the app holds; and what the app will hold once the plan is
// applied, which the review preflight checks. The demo account's password is never put in a detail or a row.
import type {
  BetaAppLocalizationFields,
  BetaAppLocalizationInfo,
  ReviewDetailFields,
  ReviewDetailInfo,
} from '../asc/index.js';
import type { CurrentTestInformation } from './current.js';
import type { DesiredAppLocalization, DesiredTestInformation, ReviewContact } from './desired.js';
import type { Operation } from './operations.js';
import { ReconcileError } from './reconcile-error.js';
import type { TestInformationField } from './result.js';

const HIDDEN_DEMO_ACCOUNT = 'demo account (hidden)';
/** Every app has a primary locale; this stands in only when Apple did not send it. */
export const FALLBACK_LOCALE = 'en-US';

type LocalizationKey = keyof BetaAppLocalizationFields;
const LOCALIZATION_FIELDS: readonly { key: LocalizationKey; label: string }[] = [
  { key: 'description', label: 'beta app description' },
  { key: 'feedbackEmail', label: 'feedback email' },
  { key: 'marketingUrl', label: 'marketing URL' },
  { key: 'privacyPolicyUrl', label: 'privacy policy URL' },
];
const CONTACT_FIELDS: readonly {
  key: keyof ReviewContact;
  field: 'contactFirstName' | 'contactLastName' | 'contactEmail' | 'contactPhone';
}[] = [
  { key: 'firstName', field: 'contactFirstName' },
  { key: 'lastName', field: 'contactLastName' },
  { key: 'email', field: 'contactEmail' },
  { key: 'phone', field: 'contactPhone' },
];

type ReviewDetailValues = Omit<ReviewDetailInfo, 'id'>;

/** The app's Test Information once the plan is applied: what Beta App Review will find. */
export interface TestInformationAfter {
  primaryLocale: string;
  /** The primary locale's localization; null when the app will have none for it. */
  primary: Pick<BetaAppLocalizationInfo, 'description' | 'feedbackEmail'> | null;
  review: ReviewDetailValues;
}

export interface TestInformationPlan {
  operations: Operation[];
  /** The summary's rows: what the run declares, and what Beta App Review needs when it is in play. */
  fields: TestInformationField[];
  after: TestInformationAfter;
}

interface LocaleWanted {
  locale: string;
  fields: BetaAppLocalizationFields;
  /** Where each field was declared, when known (for the sentence when two places disagree). */
  declaredAt: Partial<Record<LocalizationKey, string>>;
}

const EMPTY_REVIEW: ReviewDetailValues = {
  contactFirstName: null,
  contactLastName: null,
  contactEmail: null,
  contactPhone: null,
  demoAccountName: null,
  demoAccountPassword: null,
  demoAccountRequired: null,
  notes: null,
};

export function planTestInformation(
  desired: DesiredTestInformation,
  current: CurrentTestInformation,
  reviewInPlay: boolean,
): TestInformationPlan {
  const primaryLocale = current.primaryLocale ?? FALLBACK_LOCALE;
  const operations: Operation[] = [];
  const fields: TestInformationField[] = [];
  let primary: TestInformationAfter['primary'] = findLocale(current.localizations, primaryLocale);

  const wanted = wantedLocales(desired.locales, primaryLocale);
  if (reviewInPlay && !wanted.some((w) => sameLocale(w.locale, primaryLocale))) {
    // Beta App Review reads the primary locale: show what it holds even when the run leaves it alone.
    wanted.unshift({ locale: primaryLocale, fields: {}, declaredAt: {} });
  }
  for (const want of wanted) {
    const existing = findLocale(current.localizations, want.locale);
    const locale = existing?.locale ?? want.locale;
    const changed = LOCALIZATION_FIELDS.filter(
      ({ key }) => want.fields[key] !== undefined && want.fields[key] !== existing?.[key],
    );
    const isPrimary = sameLocale(locale, primaryLocale);
    for (const { key, label } of LOCALIZATION_FIELDS) {
      const declared = want.fields[key] !== undefined;
      const needed =
        isPrimary && reviewInPlay && (key === 'description' || key === 'feedbackEmail');
      if (!declared && !needed) continue;
      fields.push({
        field: `${capitalize(label)} (${locale})`,
        value: want.fields[key] ?? existing?.[key] ?? null,
        changed: changed.some((c) => c.key === key),
      });
    }
    if (isPrimary && (existing || changed.length > 0)) {
      primary = {
        description: want.fields.description ?? existing?.description ?? null,
        feedbackEmail: want.fields.feedbackEmail ?? existing?.feedbackEmail ?? null,
      };
    }
    if (changed.length === 0) continue;
    const sent = Object.fromEntries(
      changed.map(({ key }) => [key, want.fields[key]]),
    ) as BetaAppLocalizationFields;
    operations.push({
      op: 'set-test-information',
      target: locale,
      detail: `${existing ? 'update' : 'create'} Test Information (${locale}): ${changed.map((c) => c.label).join(', ')}`,
      change: `${existing ? '' : 'new locale: '}${changed.map((c) => c.label).join(', ')}`,
      locale,
      localizationId: existing?.id ?? null,
      fields: sent,
    });
  }

  const review = planReviewDetails(desired, current.reviewDetail, reviewInPlay);
  operations.push(...review.operations);
  fields.push(...review.fields);

  const license = desired.licenseAgreement;
  if (license !== null) {
    const changed = license !== current.licenseAgreement?.agreementText;
    fields.push({
      field: 'License agreement',
      value: `${[...license].length} characters`,
      changed,
    });
    if (changed) {
      const agreement = current.licenseAgreement;
      if (!agreement) throw missingRecord('beta license agreement', 'the license agreement');
      operations.push({
        op: 'set-license-agreement',
        target: 'license agreement',
        detail: `update the beta license agreement (${[...license].length} characters)`,
        change: `${[...license].length} characters`,
        agreementId: agreement.id,
        text: license,
      });
    }
  }
  return { operations, fields, after: { primaryLocale, primary, review: review.after } };
}

/** Contact, notes and demo account: one PATCH for whatever differs. */
function planReviewDetails(
  desired: DesiredTestInformation,
  detail: ReviewDetailInfo | null,
  reviewInPlay: boolean,
): { operations: Operation[]; fields: TestInformationField[]; after: ReviewDetailValues } {
  const { contact, notes, demoAccount } = desired.review;
  const now: ReviewDetailValues = detail ?? EMPTY_REVIEW;
  const sent: ReviewDetailFields = {};
  const labels: string[] = [];
  const fields: TestInformationField[] = [];

  let contactChanged = false;
  for (const { key, field } of CONTACT_FIELDS) {
    const value = contact?.[key] ?? null;
    if (value === null || sameValue(value, now[field], key === 'email')) continue;
    sent[field] = value;
    contactChanged = true;
  }
  if (contactChanged) {
    const name = sent.contactFirstName !== undefined || sent.contactLastName !== undefined;
    labels.push(
      ...[
        name ? 'contact name' : null,
        sent.contactEmail !== undefined ? 'contact email' : null,
        sent.contactPhone !== undefined ? 'contact phone' : null,
      ].filter((l): l is string => l !== null),
    );
  }
  if (notes !== null && notes !== now.notes) {
    sent.notes = notes;
    labels.push('review notes');
  }
  let demoChanged = false;
  if (demoAccount) {
    // Apple may send the password empty although one is set: then only a new name is a change.
    const storedPassword = now.demoAccountPassword ?? '';
    const passwordDiffers = storedPassword !== '' && storedPassword !== demoAccount.password;
    if (now.demoAccountName !== demoAccount.name || passwordDiffers) {
      sent.demoAccountName = demoAccount.name;
      sent.demoAccountPassword = demoAccount.password;
      demoChanged = true;
    }
    if (now.demoAccountRequired !== true) {
      sent.demoAccountRequired = true;
      demoChanged = true;
    }
    if (demoChanged) labels.push(HIDDEN_DEMO_ACCOUNT);
  }
  const after: ReviewDetailValues = { ...now, ...sent };

  if (contact || reviewInPlay) {
    fields.push({
      field: 'Review contact',
      value: describeContact(after),
      changed: contactChanged,
    });
  }
  if (notes !== null)
    fields.push({ field: 'Review notes', value: notes, changed: 'notes' in sent });
  if (demoAccount || (reviewInPlay && after.demoAccountRequired === true)) {
    fields.push({
      field: 'Demo account',
      value: after.demoAccountName ? HIDDEN_DEMO_ACCOUNT : null,
      changed: demoChanged,
    });
  }
  if (labels.length === 0) return { operations: [], fields, after };
  if (!detail)
    throw missingRecord('Beta App Review details', 'the review contact, notes and demo account');
  return {
    operations: [
      {
        op: 'set-review-details',
        target: 'Beta App Review details',
        detail: `update the Beta App Review details: ${labels.join(', ')}`,
        change: labels.join(', '),
        reviewDetailId: detail.id,
        fields: sent,
      },
    ],
    fields,
    after,
  };
}

/** Declared locales, the primary one resolved; a locale declared twice must not contradict itself. */
function wantedLocales(locales: DesiredAppLocalization[], primaryLocale: string): LocaleWanted[] {
  const wanted: LocaleWanted[] = [];
  for (const entry of locales) {
    const locale = entry.locale ?? primaryLocale;
    let want = wanted.find((w) => sameLocale(w.locale, locale));
    if (!want) wanted.push((want = { locale, fields: {}, declaredAt: {} }));
    for (const { key, label } of LOCALIZATION_FIELDS) {
      const value = entry[key];
      if (value === null) continue;
      if (want.fields[key] !== undefined && want.fields[key] !== value) {
        const places = [want.declaredAt[key], entry.declaredAt].filter(Boolean);
        const by = places.length === 2 ? `, by ${places[0]} and by ${places[1]}` : '';
        throw new ReconcileError(
          `Test Information for ${locale} (the app's ${locale === primaryLocale ? 'primary ' : ''}locale) is declared twice with different values for its ${label}${by}: declare each locale's ${label} once.`,
        );
      }
      want.fields[key] = value;
      if (entry.declaredAt) want.declaredAt[key] = entry.declaredAt;
    }
  }
  return wanted.filter((w) => Object.keys(w.fields).length > 0);
}

function findLocale(
  localizations: BetaAppLocalizationInfo[],
  locale: string,
): BetaAppLocalizationInfo | null {
  return localizations.find((l) => sameLocale(l.locale, locale)) ?? null;
}

/** Locale codes are case-insensitive (`en-us` is Apple's `en-US`): the existing one is updated, never twinned. */
function sameLocale(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sameValue(wanted: string, current: string | null, ignoreCase: boolean): boolean {
  return ignoreCase ? wanted.toLowerCase() === current?.toLowerCase() : wanted === current;
}

/** `Jane Appleseed <jane@example.com> +1 555 0100`, as the input is written; null when nothing is set. */
function describeContact(review: ReviewDetailValues): string | null {
  const name = [review.contactFirstName, review.contactLastName].filter(Boolean).join(' ');
  const parts = [
    name || null,
    review.contactEmail ? `<${review.contactEmail}>` : null,
    review.contactPhone,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' ') : null;
}

function missingRecord(record: string, what: string): ReconcileError {
  return new ReconcileError(
    `App Store Connect sent no ${record} for the app, so ${what} cannot be set: check in App Store Connect under TestFlight → Test Information that the app's TestFlight pages open, then re-run.`,
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
