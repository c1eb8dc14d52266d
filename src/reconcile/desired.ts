// What the reconcile is asked to do, as data: the target (which app and build, how long to wait) and the
// desired state. src/inputs/ makes both from the action's inputs and the config file; the reconcile never sees
// an input, a file or the key. Every group setting lives on its group, so sources can differ per group, and the
// words for where a setting is declared (an input's name, a file's line) come with the data (SettingHints).
import type { AppLookup, DeviceFamilyOsFilter, Platform } from '../asc/index.js';

/** The app, by App Store Connect ID or by bundle ID. */
export type AppRef = AppLookup;

export interface ReconcileTarget {
  app: AppRef;
  platform: Platform;
  /** The build to distribute; null: this run manages groups and testers only. */
  build: { number: string; marketingVersion: string | null } | null;
  waits: {
    /** How long to wait for the build to appear and finish processing; 0 looks once. */
    processingMinutes: number;
    /** How long to wait for the Beta App Review outcome once the build is in review; 0 does not wait. */
    reviewMinutes: number;
  };
}

/** One listed tester (emails are lower-cased for comparison). */
export interface TesterSpec {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface DesiredGroup {
  name: string;
  /** The type to create the group with when it is missing; null: a missing group fails the run. */
  createAs: 'external' | 'internal' | null;
  /** The type the group is declared as; null: whichever it is. An existing group of the other type fails the run. */
  type: 'external' | 'internal' | null;
  /**
   * Internal groups: whether the group gets every build, applied when it is created (null: it does not);
   * App Store Connect cannot change it later, so an existing group that differs is only warned about.
   */
  accessToAllBuilds: boolean | null;
  /** External groups only; null leaves the setting as it is. */
  publicLink: 'enabled' | 'disabled' | null;
  publicLinkLimit: number | null;
  feedbackEnabled: boolean | null;
  testers: TesterSpec[];
  /** Also remove the members not in `testers` (never deletes a tester). */
  removeUnlistedTesters: boolean;
  /** Whether this run's build goes to the group. */
  receivesBuild: boolean;
  /** External groups' recruitment criteria: null leaves them as they are, [] removes them. */
  recruitment: DeviceFamilyOsFilter[] | null;
  /** Delete the group when it exists (said only by a config file's `absent: true`); nothing else applies. */
  absent: boolean;
  /** Where the group is declared, as sentences name it: "`groups`", ".github/testflight.yml:12". */
  declaredAt: string;
}

export interface WhatToTest {
  /** null: the app's primary locale, whichever it is (a config file's `what-to-test` string). */
  locale: string | null;
  text: string;
  /** Where it is declared, as sentences name it: "`what-to-test`", ".github/testflight.yml:20". */
  declaredAt?: string;
}

/** auto: when an external group has or gets the build and it was never submitted; always; never. */
export type ReviewPolicy = 'auto' | 'always' | 'never';

export interface DesiredState {
  groups: DesiredGroup[];
  /** Export compliance to set on a build that has none; null leaves it. */
  usesNonExemptEncryption: boolean | null;
  /** What to Test, one text per locale; empty leaves every localization as it is. */
  whatToTest: WhatToTest[];
  submitForReview: ReviewPolicy;
  /** Send the build notification when auto-notify is off, on the run that adds the build to a group. */
  notifyTesters: boolean;
  testInformation: DesiredTestInformation;
  /** Export compliance through an encryption declaration, for a build that has none; null: not used. */
  encryptionDeclaration: EncryptionDeclarationChoice | null;
  expiry: DesiredExpiry;
  hints: SettingHints;
}

/** The settings only the action's inputs hold, whatever declares the groups (the config file has none of them). */
export type InputSetting =
  | 'buildNumber'
  | 'appVersion'
  | 'platform'
  | 'waitForProcessing'
  | 'usesNonExemptEncryption'
  | 'encryptionDeclaration'
  | 'submitForReview'
  | 'waitForReview'
  | 'expiryWarningDays'
  | 'demoAccount';

/**
 * How the fixes that sentences suggest name the settings a user can write, worded by src/inputs/ for where
 * they are declared (the action's inputs, or the config file). Each is a phrase to put in a sentence as is.
 */
export interface SettingHints {
  /** Where the group names are written: "in `groups`". */
  groupNames: string;
  /** What makes missing groups be created: "set `create-missing-groups: true`". */
  createGroups: string;
  /** How a group's public link is left alone: "leave `public-link` empty". */
  leavePublicLink: string;
  /** The settings only external groups have: "`public-link`, `public-link-limit` and `feedback-enabled`". */
  externalSettings: string;
  /** Where testers are listed: "in `testers`". */
  testers: string;
  /** Where testers of external groups only are listed, after "list them only": "for external groups (…)". */
  externalTesters: string;
  /** What removes unlisted members: "`remove-unlisted-testers`". */
  removeUnlisted: string;
  /** What names the app: "`bundle-id`". */
  app: string;
  /** What sets the primary locale's beta app description: "`beta-description`". */
  betaDescription: string;
  /** What sets the primary locale's feedback email: "`feedback-email`". */
  feedbackEmail: string;
  /** What sets the review contact: "`review-contact` (`First Last <email> +phone`)". */
  reviewContact: string;
  /** An input-only setting, with a value when one is given: "`build-number`", "`encryption-declaration: auto`". */
  input: (setting: InputSetting, value?: string) => string;
}

/** Test Information of one locale (a beta app localization); null fields are left as they are. */
export interface DesiredAppLocalization {
  /** null: the app's primary locale, whichever it is (what the inputs fill). */
  locale: string | null;
  /** Where it is declared, as sentences name it: "`beta-description`", ".github/testflight.yml:5". */
  declaredAt?: string;
  description: string | null;
  feedbackEmail: string | null;
  marketingUrl: string | null;
  privacyPolicyUrl: string | null;
}

/** The Beta App Review contact; null fields are left as they are (the phone is kept as typed). */
export interface ReviewContact {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

/** A secret: never planned, logged or reported; the plan and the summary say "demo account (hidden)". */
export interface DemoAccount {
  name: string;
  password: string;
}

interface DesiredReviewDetails {
  contact: ReviewContact | null;
  notes: string | null;
  /** Set: the account, with `demoAccountRequired` on. null leaves the demo account as it is. */
  demoAccount: DemoAccount | null;
}

/** The app's TestFlight Test Information; every null or empty part is left as it is. */
export interface DesiredTestInformation {
  locales: DesiredAppLocalization[];
  review: DesiredReviewDetails;
  licenseAgreement: string | null;
}

/** `auto`: the app's one approved App Encryption Declaration for the platform; or a declaration's ID. */
export type EncryptionDeclarationChoice = 'auto' | { id: string };

export interface DesiredExpiry {
  /** Expire all but the newest N builds of the app and platform (this run's build among them); null: none. */
  keepBuilds: number | null;
  /** Warn when a declared group's newest build expires within this many days. */
  warningDays: number;
}
