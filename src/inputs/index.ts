// The only reader of the action's inputs: turns them into what the client and the reconcile take (the
// connection, the target, the desired state, whether to dry-run), or throws one sentence. The inputs' own
// spellings (`true`/`false`/`auto`, one setting for every group) end here.
import { isAbsolute, resolve } from 'node:path';
import type { AscConnection } from '../asc/index.js';
import type {
  DesiredGroup,
  DesiredState,
  ReconcileTarget,
  ReviewPolicy,
  TesterSpec,
  WhatToTest,
} from '../reconcile/index.js';
import {
  TesterListError,
  mergeTesters,
  parseTesterLines,
  parseTestersCsv,
  parseTestersJson,
} from './testers.js';
import { demoAccountSecrets, readTestInformation } from './test-information.js';
import { APP_ID_HINT, INPUT_HINTS, INPUTS_DECLARATION } from './setting-hints.js';
import {
  InputError,
  type Input,
  readApiBaseUrl,
  readApp,
  readAppVersion,
  readBoolean,
  readChoice,
  readEncryptionDeclaration,
  readExpiryWarningDays,
  readGroups,
  readKeepBuilds,
  readLocale,
  readOptionalBoolean,
  readPlatform,
  readPublicLink,
  readPublicLinkLimit,
  readWaitMinutes,
  readWhatToTest,
  required,
} from './values.js';

export { InputError } from './values.js';

export interface Settings {
  connection: AscConnection;
  target: ReconcileTarget;
  desired: DesiredState;
  dryRun: boolean;
  /** A dry run whose plan is not empty fails the step (`fail-on-drift`: scheduled drift checks). */
  failOnDrift: boolean;
  /**
   * What declared the desired state, as the drift sentence names it: "this step's inputs", or the config
   * file's path as the `config` input gives it (".github/testflight.yml").
   */
  declaredIn: string;
}

const REVIEW_POLICIES: Record<'auto' | 'true' | 'false', ReviewPolicy> = {
  auto: 'auto',
  true: 'always',
  false: 'never',
};

/**
 * The input values that are secrets beyond the key (which the client masks itself): main masks them before
 * anything else runs, so no later message can show them.
 */
export function inputSecrets(getInput: (name: string) => string): string[] {
  return demoAccountSecrets(getInput('demo-account'));
}

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
  // Read in this order, so that of several bad inputs the first one named is always the same.
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
  const platform = readPlatform(input('platform'));
  const processingMinutes = readWaitMinutes(input('wait-for-processing'));
  const usesNonExemptEncryption = readOptionalBoolean(input, 'uses-non-exempt-encryption');
  const groupNames = readGroups(input('groups'));
  const createMissingGroups = readBoolean(input, 'create-missing-groups', false);
  const groupType = readChoice(input, 'group-type', ['external', 'internal'], 'external');
  // Each group setting of the inputs applies to every listed group alike.
  const shared: Omit<DesiredGroup, 'name'> = {
    createAs: createMissingGroups ? groupType : null,
    type: null,
    accessToAllBuilds: null,
    publicLink: readPublicLink(input('public-link')),
    publicLinkLimit: readPublicLinkLimit(input('public-link-limit')),
    feedbackEnabled: readOptionalBoolean(input, 'feedback-enabled'),
    testers,
    removeUnlistedTesters,
    receivesBuild: true,
    recruitment: null,
    absent: false,
    declaredAt: '`groups`',
  };
  const whatToTest = readInputWhatToTest(input);
  const submitForReview = readChoice(input, 'submit-for-review', ['auto', 'true', 'false'], 'auto');
  const notifyTesters = readBoolean(input, 'notify-testers', false);
  const testInformation = readTestInformation(input);
  const encryptionDeclaration = readEncryptionDeclaration(input('encryption-declaration'));
  const reviewMinutes = readWaitMinutes(input('wait-for-review'), 'wait-for-review', 0);
  const keepBuilds = readKeepBuilds(input('keep-builds'));
  const warningDays = readExpiryWarningDays(input('expiry-warning-days'));
  const dryRun = readBoolean(input, 'dry-run', false);
  const failOnDrift = readBoolean(input, 'fail-on-drift', false);
  // A run that applies its plan leaves no drift behind: failing it would fail every release.
  if (failOnDrift && !dryRun) {
    throw new InputError(
      'Input `fail-on-drift` is true but `dry-run` is false: a drift check reads and plans only, so set `dry-run: true` as well (or leave `fail-on-drift` false to apply the plan).',
    );
  }
  const baseUrl = readApiBaseUrl(input('api-base-url'));

  return {
    connection: { baseUrl, keyId, issuerId, privateKey },
    target: {
      app,
      platform,
      build: buildNumber ? { number: buildNumber, marketingVersion: appVersion } : null,
      waits: { processingMinutes, reviewMinutes },
    },
    desired: {
      groups: groupNames.map((name) => ({ name, ...shared })),
      usesNonExemptEncryption,
      whatToTest,
      submitForReview: REVIEW_POLICIES[submitForReview],
      notifyTesters,
      testInformation,
      encryptionDeclaration,
      expiry: { keepBuilds, warningDays },
      // The app's sentence names the input that named it.
      hints: 'appId' in app ? { ...INPUT_HINTS, app: APP_ID_HINT } : INPUT_HINTS,
    },
    dryRun,
    failOnDrift,
    declaredIn: INPUTS_DECLARATION,
  };
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

function readInputWhatToTest(input: Input): WhatToTest[] {
  const text = readWhatToTest(input('what-to-test'));
  const locale = readLocale(input('what-to-test-locale'));
  return text === null ? [] : [{ locale, text }];
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
