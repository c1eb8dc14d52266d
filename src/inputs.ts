// The only reader of the action's inputs: turns them into typed Settings, or throws one sentence.
import type { Platform, TesterSpec } from './reconcile/model.js';

export interface Settings {
  keyId: string;
  /** null means an individual key (`sub: "user"`). */
  issuerId: string | null;
  /** As given: PEM, PEM with literal \n, or base64 of the PEM; the client parses it. */
  privateKey: string;
  app: { appId: string; bundleId?: undefined } | { bundleId: string; appId?: undefined };
  buildNumber: string | null;
  appVersion: string | null;
  platform: Platform;
  waitForProcessingMinutes: number;
  usesNonExemptEncryption: boolean | null;
  groups: string[];
  createMissingGroups: boolean;
  groupType: 'external' | 'internal';
  publicLink: 'enabled' | 'disabled' | null;
  publicLinkLimit: number | null;
  feedbackEnabled: boolean | null;
  testers: TesterSpec[];
  removeUnlistedTesters: boolean;
  whatToTest: string | null;
  whatToTestLocale: string;
  submitForReview: 'auto' | 'true' | 'false';
  notifyTesters: boolean;
  dryRun: boolean;
  apiBaseUrl: string;
}
