// The only reader of the action's inputs: turns them into what the client and the reconcile take (the
// connection, the target, the desired state, whether to dry-run), or throws one sentence. The inputs' own
// spellings (`true`/`false`/`auto`, one setting for every group) end here.
import type { AscConnection } from '../asc/index.js';
import type {
  AppRef,
  DesiredGroup,
  DesiredState,
  ReconcileTarget,
  ReviewPolicy,
  SettingHints,
  TesterSpec,
  WhatToTest,
} from '../reconcile/index.js';
import { checkInputsAgainstFile, combineApp, combineTestInformation } from './config/combine.js';
import type * as ConfigFilesModule from './config/files.js';
import { TesterListError, mergeTesters, parseTesterLines } from './testers.js';
import { readTestersFile } from './testers-file.js';
import { demoAccountSecrets, readTestInformation } from './test-information.js';
import { APP_ID_HINT, INPUTS_DECLARATION, INPUT_HINTS, fileHints } from './setting-hints.js';
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
  readOptionalApp,
  readOptionalBoolean,
  readPlatform,
  readPublicLink,
  readPublicLinkLimit,
  readWaitMinutes,
  readWhatToTest,
  required,
} from './values.js';

export { InputError } from './values.js';

/** The config file's reader and writer (src/inputs/config/files.ts). */
export type ConfigFiles = typeof ConfigFilesModule;

/** The config file's reader and writer, loaded (with yaml and zod) only when `config` or `export-config` is set. */
export async function loadConfigFiles(
  getInput: (name: string) => string,
): Promise<ConfigFiles | null> {
  if (getInput('config').trim() === '' && getInput('export-config').trim() === '') return null;
  // Eager: the bundler keeps the module in the one bundle file, evaluated only when it is imported here.
  return import(/* webpackMode: "eager" */ './config/files.js');
}

export interface Settings {
  connection: AscConnection;
  target: ReconcileTarget;
  desired: DesiredState;
  dryRun: boolean;
  /** `export-config`: write what App Store Connect holds there instead of reconciling; null: reconcile. */
  exportTo: ExportTarget | null;
  /** A dry run whose plan is not empty fails the step (`fail-on-drift`: scheduled drift checks). */
  failOnDrift: boolean;
  /**
   * What declared the desired state, as the drift sentence names it: "this step's inputs", or the config
   * file's path as the `config` input gives it (".github/testflight.yml").
   */
  declaredIn: string;
  github: GitHubSettings;
}

/** What the run asks of GitHub itself: main hands these to src/github/. */
interface GitHubSettings {
  /** `release-notes`: the locale What to Test from the release goes to; null: off. */
  releaseNotes: { locale: string } | null;
  /** `comment-plan`: on a pull request, a dry run with the plan as a comment. */
  commentPlan: boolean;
  /** `github-token`; checked non-empty when a feature above is on. */
  token: string;
}

interface ExportTarget {
  /** The path as the input gives it (relative to the workspace, or absolute); files beside it likewise. */
  file: string;
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
  const token = getInput('github-token').trim();
  return [...new Set([...demoAccountSecrets(getInput('demo-account')), ...(token ? [token] : [])])];
}

export function readSettings(
  getInput: (name: string) => string,
  readFile: (path: string) => string,
  workspace: string,
  configFiles: ConfigFiles | null,
): Settings {
  // core.getInput already trims, but callers in tests may not; multi-line values keep their inner lines.
  const input = (name: string): string => getInput(name).trim();

  // Read in this order, so that of several bad inputs the first one named is always the same.
  const keyId = required(input('key-id'), 'key-id', 'the ID of your App Store Connect API key');
  const privateKey = required(
    input('private-key'),
    'private-key',
    'the contents of the .p8 key file, ideally from a secret',
  );
  const issuerId = input('issuer-id') || null;
  const exportTo = readExportTarget(input);
  const configPath = input('config');
  const config =
    configPath === ''
      ? null
      : loaded(configFiles).readConfigFile(configPath, { readFile, workspace });
  if (config) checkInputsAgainstFile(input, config);
  const appFromInputs = readOptionalApp(input('app-id'), input('bundle-id'));
  const app = config
    ? combineApp(config, appFromInputs)
    : readApp(input('app-id'), input('bundle-id'));
  const buildNumber = input('build-number') || null;
  const appVersion = readAppVersion(input('app-version'));
  const platform = readPlatform(input('platform'));
  const processingMinutes = readWaitMinutes(input('wait-for-processing'));
  const usesNonExemptEncryption = readOptionalBoolean(input, 'uses-non-exempt-encryption');
  const groups =
    config?.groups ?? (exportTo ? [] : readInputGroups(input, getInput, readFile, workspace));
  const whatToTest = config?.whatToTest.length ? config.whatToTest : readInputWhatToTest(input);
  const submitForReview = readChoice(input, 'submit-for-review', ['auto', 'true', 'false'], 'auto');
  const notifyTesters = readBoolean(input, 'notify-testers', false);
  const inputTestInformation = readTestInformation(input);
  const testInformation = config
    ? combineTestInformation(inputTestInformation, config)
    : inputTestInformation;
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
      groups,
      usesNonExemptEncryption,
      whatToTest,
      submitForReview: REVIEW_POLICIES[submitForReview],
      notifyTesters,
      testInformation,
      encryptionDeclaration,
      expiry: { keepBuilds, warningDays },
      hints: config ? configHints(config.file, appFromInputs) : inputHints(app),
    },
    dryRun,
    exportTo,
    failOnDrift,
    declaredIn: config ? config.file : INPUTS_DECLARATION,
    github: readGitHubSettings(input, readLocale(input('what-to-test-locale'))),
  };
}

function readGitHubSettings(input: (name: string) => string, locale: string): GitHubSettings {
  const releaseNotes = readBoolean(input, 'release-notes', false);
  const commentPlan = readBoolean(input, 'comment-plan', false);
  const token = input('github-token');
  if ((releaseNotes || commentPlan) && token === '') {
    const feature = releaseNotes ? 'release-notes' : 'comment-plan';
    throw new InputError(
      `Input \`${feature}\` is true but \`github-token\` is empty: leave \`github-token\` at its default (\`\${{ github.token }}\`) or pass a token, or set \`${feature}\` to false.`,
    );
  }
  return { releaseNotes: releaseNotes ? { locale } : null, commentPlan, token };
}

/** The inputs' words; the app's sentence names the input that named it. */
function inputHints(app: AppRef): SettingHints {
  return app.appId !== undefined ? { ...INPUT_HINTS, app: APP_ID_HINT } : INPUT_HINTS;
}

/** The file's words for every setting, except the app when the inputs name it. */
function configHints(file: string, appFromInputs: AppRef | null): SettingHints {
  const hints = fileHints(file);
  if (appFromInputs?.appId !== undefined) return { ...hints, app: APP_ID_HINT };
  if (appFromInputs) return { ...hints, app: INPUT_HINTS.app };
  return hints;
}

function loaded(configFiles: ConfigFiles | null): ConfigFiles {
  if (!configFiles)
    throw new Error('readSettings was given no config file reader for a config file.');
  return configFiles;
}

/** `export-config`: where to write what exists; it changes nothing, so it runs without groups or a config. */
function readExportTarget(input: Input): ExportTarget | null {
  const file = input('export-config');
  if (file === '') return null;
  for (const name of ['config', 'groups']) {
    if (input(name) === '') continue;
    throw new InputError(
      `Inputs \`export-config\` and \`${name}\` are both set, but \`export-config\` only writes what App Store Connect holds and changes nothing: export in a step of its own, without \`${name}\`.`,
    );
  }
  return { file };
}

/** The groups of the inputs: each group setting applies to every listed group alike. */
function readInputGroups(
  input: Input,
  getInput: (name: string) => string,
  readFile: (path: string) => string,
  workspace: string,
): DesiredGroup[] {
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
  const groupNames = readGroups(input('groups'));
  const createMissingGroups = readBoolean(input, 'create-missing-groups', false);
  const groupType = readChoice(input, 'group-type', ['external', 'internal'], 'external');
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
  return groupNames.map((name) => ({ name, ...shared }));
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
