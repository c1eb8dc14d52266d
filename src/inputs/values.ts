// Readers of single input values: each returns a typed value or throws an InputError that names the input,
// what was found and what to write instead. Only src/inputs/ reads inputs.
import type { Platform } from '../asc/index.js';
import type { AppRef, EncryptionDeclarationChoice } from '../reconcile/index.js';

/** A bad input value; the message is one sentence naming the input, the problem and the fix. */
export class InputError extends Error {
  override name = 'InputError';
}

/** An input by name, already trimmed. */
export type Input = (name: string) => string;

const PLATFORMS: readonly Platform[] = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'];
const WHAT_TO_TEST_MAX = 4000;
const DEFAULT_API_BASE_URL = 'https://api.appstoreconnect.apple.com';

export function required(value: string, name: string, what: string): string {
  if (value === '') {
    throw new InputError(`Input \`${name}\` is required but empty: set it to ${what}.`);
  }
  return value;
}

export function readApp(appId: string, bundleId: string): AppRef {
  const app = readOptionalApp(appId, bundleId);
  if (app) return app;
  throw new InputError(
    'Neither `app-id` nor `bundle-id` is set: set one of them to name the app (for example `bundle-id: com.example.app`).',
  );
}

/** The app as the inputs name it; null when neither input is set (a config file may name it). */
export function readOptionalApp(appId: string, bundleId: string): AppRef | null {
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
  return null;
}

/**
 * A release tag is usually `v1.2.0` while the marketing version is `1.2.0` (Apple allows only digits and
 * dots), so `app-version: ${{ github.ref_name }}` works: a `v` before a digit is dropped.
 */
export function readAppVersion(value: string): string | null {
  if (value === '') return null;
  return value.replace(/^v(?=\d)/i, '');
}

/** `IOS`, `MAC_OS`, … in any letter case, and as people write them: `macOS`, `tvOS`, `visionOS`. */
export function readPlatform(value: string): Platform {
  if (value === '') return 'IOS';
  const squashed = value.toUpperCase().replace(/[\s_-]/g, '');
  const platform = PLATFORMS.find((p) => p.replace('_', '') === squashed);
  if (platform) return platform;
  throw new InputError(
    `Input \`platform\` is \`${value}\`, which is not a platform App Store Connect knows: use one of ${PLATFORMS.join(', ')}.`,
  );
}

/** Minutes to wait for `name`: a non-negative number. */
export function readWaitMinutes(
  value: string,
  name = 'wait-for-processing',
  fallback = 30,
): number {
  if (value === '') return fallback;
  const minutes = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(minutes)) {
    throw new InputError(
      `Input \`${name}\` is \`${value}\`, which is not a number of minutes: use a non-negative number such as ${name === 'wait-for-review' ? 60 : 30}, or 0 not to wait.`,
    );
  }
  return minutes;
}

/** `keep-builds`: how many builds to keep, this run's among them; empty expires none. */
export function readKeepBuilds(value: string): number | null {
  if (value === '') return null;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InputError(
      `Input \`keep-builds\` is \`${value}\`, which is not a whole number of at least 1: set how many of the newest builds to keep (this run's build is one of them), or leave it empty to expire none.`,
    );
  }
  return Number(value);
}

export function readExpiryWarningDays(value: string): number {
  if (value === '') return 14;
  if (!/^\d+$/.test(value) || Number(value) > 90) {
    throw new InputError(
      `Input \`expiry-warning-days\` is \`${value}\`, which is not a whole number of days from 0 to 90 (a build's TestFlight lifetime): use for example 14, or 0 to warn only when a group has no build.`,
    );
  }
  return Number(value);
}

/** `auto`, or the ID of an App Encryption Declaration; empty uses none. */
export function readEncryptionDeclaration(value: string): EncryptionDeclarationChoice | null {
  if (value === '') return null;
  if (value.toLowerCase() === 'auto') return 'auto';
  if (!/^[\w.-]+$/.test(value)) {
    throw new InputError(
      `Input \`encryption-declaration\` is \`${value}\`, which is neither \`auto\` nor a declaration ID: use \`auto\` for the app's approved App Encryption Declaration, or the ID of one.`,
    );
  }
  return { id: value };
}

/** true/false in any letter case; empty gives the default. */
export function readBoolean(input: Input, name: string, fallback: boolean): boolean {
  return readOptionalBoolean(input, name) ?? fallback;
}

export function readOptionalBoolean(input: Input, name: string): boolean | null {
  const value = input(name);
  if (value === '') return null;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new InputError(
    `Input \`${name}\` is \`${value}\`, which is not a boolean: use \`true\` or \`false\`.`,
  );
}

export function readChoice<T extends string>(
  input: Input,
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

export function readPublicLink(value: string): 'enabled' | 'disabled' | null {
  if (value === '') return null;
  const lower = value.toLowerCase();
  if (lower === 'enabled' || lower === 'disabled') return lower;
  throw new InputError(
    `Input \`public-link\` is \`${value}\`, which is not allowed: use \`enabled\` or \`disabled\`, or leave it empty to keep the groups' links as they are.`,
  );
}

export function readPublicLinkLimit(value: string): number | null {
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
export function readGroups(value: string): string[] {
  const names = value
    .split(/[\n,]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new InputError(
      'Input `groups` is empty: list the beta group names, one per line or comma separated, or declare them in a config file named by `config`.',
    );
  }
  return [...new Set(names)];
}

export function readWhatToTest(value: string): string | null {
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

export function readLocale(value: string): string {
  if (value === '') return 'en-US';
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value)) {
    throw new InputError(
      `Input \`what-to-test-locale\` is \`${value}\`, which is not a locale: use a code such as \`en-US\` or \`fr-FR\`.`,
    );
  }
  return value;
}

export function readApiBaseUrl(value: string): string {
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
