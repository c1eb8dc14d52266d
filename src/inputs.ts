// The only reader of the action's inputs: turns them into typed Settings, or throws one sentence.
import { isAbsolute, resolve } from 'node:path';
import type { Platform, TesterSpec } from './reconcile/model.js';
import {
  TesterListError,
  mergeTesters,
  parseTesterLines,
  parseTestersCsv,
  parseTestersJson,
} from './reconcile/tester-list.js';

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

/** A bad input value; the message is one sentence naming the input, the problem and the fix. */
export class InputError extends Error {
  override name = 'InputError';
}

const PLATFORMS: readonly Platform[] = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'];
const WHAT_TO_TEST_MAX = 4000;
const DEFAULT_API_BASE_URL = 'https://api.appstoreconnect.apple.com';

export function readSettings(
  getInput: (name: string) => string,
  readFile: (path: string) => string,
  workspace: string,
): Settings {
  // core.getInput already trims, but callers in tests may not; multi-line values keep their inner lines.
  const input = (name: string): string => getInput(name).trim();

  // The YAML config has its own issue; until it lands, ignoring it silently would reconcile the wrong groups.
  if (input('config') !== '') {
    throw new InputError(
      'Input `config` is not supported by this version yet: declare the groups in `groups` and the testers in `testers` or `testers-file`, and leave `config` empty.',
    );
  }
  const keyId = required(input('key-id'), 'key-id', 'the ID of your App Store Connect API key');
  const privateKey = required(
    input('private-key'),
    'private-key',
    'the contents of the .p8 key file, ideally from a secret',
  );
  const issuerId = input('issuer-id') || null;
  const app = readApp(input('app-id'), input('bundle-id'));
  const buildNumber = input('build-number') || null;
  const appVersion = readAppVersion(input('app-version'));

  const testers = mergeTesters([
    ...readTesterLines(getInput('testers')),
    ...readTestersFile(input('testers-file'), readFile, workspace),
  ]);
  const removeUnlistedTesters = readBoolean(input, 'remove-unlisted-testers', false);
  if (removeUnlistedTesters && testers.length === 0) {
    throw new InputError(
      'Input `remove-unlisted-testers` is true but no testers are listed, which would empty the groups: list the testers to keep in `testers` or `testers-file`, or set it to false.',
    );
  }

  return {
    keyId,
    issuerId,
    privateKey,
    app,
    buildNumber,
    appVersion,
    platform: readPlatform(input('platform')),
    waitForProcessingMinutes: readWaitMinutes(input('wait-for-processing')),
    usesNonExemptEncryption: readOptionalBoolean(input, 'uses-non-exempt-encryption'),
    groups: readGroups(input('groups')),
    createMissingGroups: readBoolean(input, 'create-missing-groups', false),
    groupType: readChoice(input, 'group-type', ['external', 'internal'], 'external'),
    publicLink: readPublicLink(input('public-link')),
    publicLinkLimit: readPublicLinkLimit(input('public-link-limit')),
    feedbackEnabled: readOptionalBoolean(input, 'feedback-enabled'),
    testers,
    removeUnlistedTesters,
    whatToTest: readWhatToTest(input('what-to-test')),
    whatToTestLocale: readLocale(input('what-to-test-locale')),
    submitForReview: readChoice(input, 'submit-for-review', ['auto', 'true', 'false'], 'auto'),
    notifyTesters: readBoolean(input, 'notify-testers', false),
    dryRun: readBoolean(input, 'dry-run', false),
    apiBaseUrl: readApiBaseUrl(input('api-base-url')),
  };
}

function required(value: string, name: string, what: string): string {
  if (value === '') {
    throw new InputError(`Input \`${name}\` is required but empty: set it to ${what}.`);
  }
  return value;
}

function readApp(appId: string, bundleId: string): Settings['app'] {
  if (appId !== '' && bundleId !== '') {
    throw new InputError(
      'Inputs `app-id` and `bundle-id` are both set: set only one of them to name the app.',
    );
  }
  if (appId !== '') {
    if (!/^\d+$/.test(appId)) {
      throw new InputError(
        `Input \`app-id\` is \`${appId}\`, which is not an App Store Connect app ID: use the numeric Apple ID shown under App Information, or set \`bundle-id\` instead.`,
      );
    }
    return { appId };
  }
  if (bundleId !== '') return { bundleId };
  throw new InputError(
    'Neither `app-id` nor `bundle-id` is set: set one of them to name the app (for example `bundle-id: com.example.app`).',
  );
}

/**
 * A release tag is usually `v1.2.0` while the marketing version is `1.2.0` (Apple allows only digits and
 * dots), so `app-version: ${{ github.ref_name }}` works: a `v` before a digit is dropped.
 */
function readAppVersion(value: string): string | null {
  if (value === '') return null;
  return value.replace(/^v(?=\d)/i, '');
}

/** `IOS`, `MAC_OS`, … in any letter case, and as people write them: `macOS`, `tvOS`, `visionOS`. */
function readPlatform(value: string): Platform {
  if (value === '') return 'IOS';
  const squashed = value.toUpperCase().replace(/[\s_-]/g, '');
  const platform = PLATFORMS.find((p) => p.replace('_', '') === squashed);
  if (platform) return platform;
  throw new InputError(
    `Input \`platform\` is \`${value}\`, which is not a platform App Store Connect knows: use one of ${PLATFORMS.join(', ')}.`,
  );
}

function readWaitMinutes(value: string): number {
  if (value === '') return 30;
  const minutes = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(minutes)) {
    throw new InputError(
      `Input \`wait-for-processing\` is \`${value}\`, which is not a number of minutes: use a non-negative number such as 30, or 0 not to wait.`,
    );
  }
  return minutes;
}

/** true/false in any letter case; empty gives the default. */
function readBoolean(input: (name: string) => string, name: string, fallback: boolean): boolean {
  return readOptionalBoolean(input, name) ?? fallback;
}

function readOptionalBoolean(input: (name: string) => string, name: string): boolean | null {
  const value = input(name);
  if (value === '') return null;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new InputError(
    `Input \`${name}\` is \`${value}\`, which is not a boolean: use \`true\` or \`false\`.`,
  );
}

function readChoice<T extends string>(
  input: (name: string) => string,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = input(name);
  if (value === '') return fallback;
  const lower = value.toLowerCase() as T;
  if (choices.includes(lower)) return lower;
  const listed = choices.map((c) => `\`${c}\``).join(' or ');
  throw new InputError(`Input \`${name}\` is \`${value}\`, which is not allowed: use ${listed}.`);
}

function readPublicLink(value: string): Settings['publicLink'] {
  if (value === '') return null;
  const lower = value.toLowerCase();
  if (lower === 'enabled' || lower === 'disabled') return lower;
  throw new InputError(
    `Input \`public-link\` is \`${value}\`, which is not allowed: use \`enabled\` or \`disabled\`, or leave it empty to keep the groups' links as they are.`,
  );
}

function readPublicLinkLimit(value: string): number | null {
  if (value === '') return null;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 10000) {
    throw new InputError(
      `Input \`public-link-limit\` is \`${value}\`, which is not a whole number from 1 to 10000: set the most testers the public link may admit, or leave it empty.`,
    );
  }
  return limit;
}

/** One group name per line or comma separated; duplicates merged, order kept. */
function readGroups(value: string): string[] {
  const names = value
    .split(/[\n,]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new InputError(
      'Input `groups` is empty: list the beta group names, one per line or comma separated.',
    );
  }
  return [...new Set(names)];
}

function readTestersFile(
  path: string,
  readFile: (path: string) => string,
  workspace: string,
): TesterSpec[] {
  if (path === '') return [];
  const fullPath = isAbsolute(path) ? path : resolve(workspace, path);
  let text: string;
  try {
    text = readFile(fullPath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(
      `Input \`testers-file\` names \`${path}\`, which could not be read (${reason}): give a path relative to the workspace of a CSV or JSON file that the job checked out or created.`,
    );
  }
  // Editors on Windows (and Excel's "CSV UTF-8") start the file with a byte order mark.
  text = text.replace(/^\uFEFF/, '');
  const json = path.toLowerCase().endsWith('.json') || text.trimStart().startsWith('[');
  try {
    return json ? parseTestersJson(text) : parseTestersCsv(text);
  } catch (error) {
    if (!(error instanceof TesterListError)) throw error;
    const form = json
      ? 'a JSON array of `{"email": ..., "firstName": ..., "lastName": ...}`'
      : 'CSV rows of `email,firstName,lastName`, with an optional header row';
    throw new InputError(
      `Input \`testers-file\` \`${path}\` ${error.message}: write it as ${form}.`,
    );
  }
}

function readTesterLines(value: string): TesterSpec[] {
  try {
    return parseTesterLines(value);
  } catch (error) {
    if (!(error instanceof TesterListError)) throw error;
    throw new InputError(
      `Input \`testers\` ${error.message}: write one tester per line as \`email\`, \`First Last <email>\` or \`email,First,Last\`.`,
    );
  }
}

function readWhatToTest(value: string): string | null {
  if (value === '') return null;
  // Apple counts characters, not UTF-16 units: an emoji is one.
  const length = [...value].length;
  if (length > WHAT_TO_TEST_MAX) {
    throw new InputError(
      `Input \`what-to-test\` is ${length} characters long, over App Store Connect's limit of ${WHAT_TO_TEST_MAX}: shorten it.`,
    );
  }
  return value;
}

function readLocale(value: string): string {
  if (value === '') return 'en-US';
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value)) {
    throw new InputError(
      `Input \`what-to-test-locale\` is \`${value}\`, which is not a locale: use a code such as \`en-US\` or \`fr-FR\`.`,
    );
  }
  return value;
}

function readApiBaseUrl(value: string): string {
  if (value === '') return DEFAULT_API_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `Input \`api-base-url\` is \`${value}\`, which is not an http(s) URL: use a URL such as ${DEFAULT_API_BASE_URL}, or leave it empty.`,
    );
  }
  return value.replace(/\/+$/, '');
}
