// What the reconcile is asked to do, as data: the target (which app and build, how long to wait) and the
// desired state. src/inputs/ makes both from the action's inputs (and, later, a config file); the reconcile
// never sees an input, a file or the key. Every group setting lives on its group, so sources can differ per group.
import type { Platform } from '../asc/index.js';

/** The app, by App Store Connect ID or by bundle ID. */
export type AppRef =
  { appId: string; bundleId?: undefined } | { bundleId: string; appId?: undefined };

export interface ReconcileTarget {
  app: AppRef;
  platform: Platform;
  /** The build to distribute; null: this run manages groups and testers only. */
  build: { number: string; marketingVersion: string | null } | null;
  waits: {
    /** How long to wait for the build to appear and finish processing; 0 looks once. */
    processingMinutes: number;
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
}
