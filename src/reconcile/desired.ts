// What the reconcile is asked to do, as data: the target (which app and build, how long to wait) and the
// desired state. src/inputs/ makes both from the action's inputs (and, later, a config file); the reconcile
// never sees an input, a file or the key. Every group setting lives on its group, so sources can differ per group.
import type { AppLookup, Platform } from '../asc/index.js';

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
  /** External groups only; null leaves the setting as it is. */
  publicLink: 'enabled' | 'disabled' | null;
  publicLinkLimit: number | null;
  feedbackEnabled: boolean | null;
  testers: TesterSpec[];
  /** Also remove the members not in `testers` (never deletes a tester). */
  removeUnlistedTesters: boolean;
}

export interface WhatToTest {
  locale: string;
  text: string;
  /** Where the text came from when not from the workflow itself, for the plan: "the GitHub release v1.2.0". */
  source?: string;
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
}

/** Test Information of one locale (a beta app localization); null fields are left as they are. */
export interface DesiredAppLocalization {
  /** null: the app's primary locale, whichever it is (what the inputs fill). */
  locale: string | null;
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
