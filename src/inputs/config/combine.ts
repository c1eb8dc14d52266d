// How the inputs and a config file combine (the README's table "Inputs and the config file"): the file declares
// the groups, their settings and testers; What to Test and each Test Information field may come from either,
// never both; the app may be named by both when they agree; everything else is an input. A contradiction is
// one sentence naming the input and the file's line.
import type { AppRef, DesiredTestInformation } from '../../reconcile/index.js';
import type { Input } from '../values.js';
import { ConfigError } from './config-error.js';
import type { ConfigDeclaration } from './to-desired.js';

/** The inputs that declare groups, with the value that means "not given" and what the file says instead. */
const GROUP_INPUTS: readonly { name: string; unset: string; instead: string }[] = [
  { name: 'groups', unset: '', instead: 'each group under `groups:`' },
  {
    name: 'create-missing-groups',
    unset: 'false',
    instead: '`create: true` per group or in `defaults`',
  },
  { name: 'group-type', unset: 'external', instead: '`type` per group or in `defaults`' },
  { name: 'public-link', unset: '', instead: '`public-link.enabled` per group or in `defaults`' },
  {
    name: 'public-link-limit',
    unset: '',
    instead: '`public-link.limit` per group or in `defaults`',
  },
  { name: 'feedback-enabled', unset: '', instead: '`feedback` per group or in `defaults`' },
  { name: 'testers', unset: '', instead: "each group's `testers`" },
  { name: 'testers-file', unset: '', instead: "each group's `testers-file`" },
  {
    name: 'remove-unlisted-testers',
    unset: 'false',
    instead: '`remove-unlisted-testers` per group or in `defaults`',
  },
];

/** Fails when an input declares what the file declares (the groups), or says something else than the file. */
export function checkInputsAgainstFile(input: Input, config: ConfigDeclaration): void {
  for (const { name, unset, instead } of GROUP_INPUTS) {
    const value = input(name);
    if (value === '' || value.toLowerCase() === unset) continue;
    throw new ConfigError(
      `Input \`${name}\` is set, but with \`config\` the groups and their settings come from ${config.file} alone: remove \`${name}\` from the step and write ${instead} in ${config.file}.`,
    );
  }
  const both = (inputName: string, fileKey: string, what: string): void => {
    const at = config.declaredAt.get(fileKey);
    if (at === undefined || input(inputName) === '') return;
    throw new ConfigError(
      `Input \`${inputName}\` and \`${fileKey}\` at ${at} both set ${what}: set it in one place (remove the input, or the key from ${config.file}).`,
    );
  };
  both('what-to-test', 'what-to-test', 'What to Test');
  if (
    config.whatToTest.length > 0 &&
    input('what-to-test-locale') !== 'en-US' &&
    input('what-to-test-locale') !== ''
  ) {
    throw new ConfigError(
      `Input \`what-to-test-locale\` is set, but What to Test comes from \`what-to-test\` at ${config.declaredAt.get('what-to-test')}, which names its own locales: remove \`what-to-test-locale\` from the step.`,
    );
  }
  for (const key of config.declaredAt.keys()) {
    if (key.endsWith('.description')) both('beta-description', key, 'the beta app description');
    if (key.endsWith('.feedback-email')) both('feedback-email', key, 'the feedback email');
  }
  both('review-contact', 'test-information.review.contact', 'the Beta App Review contact');
  both('review-notes', 'test-information.review.notes', 'the Beta App Review notes');
}

/** The app from the inputs, the file, or both when they name it alike. */
export function combineApp(config: ConfigDeclaration, fromInputs: AppRef | null): AppRef {
  const fromFile = config.app;
  const at = config.declaredAt.get('app');
  if (fromInputs === null) {
    if (fromFile) return fromFile;
    throw new ConfigError(
      `Neither \`app-id\` nor \`bundle-id\` is set, and ${config.file} has no \`app\`: name the app in one of them (for example \`app: com.example.app\` in ${config.file}).`,
    );
  }
  if (fromFile === null) return fromInputs;
  const input = fromInputs.appId !== undefined ? 'app-id' : 'bundle-id';
  const given = fromInputs.appId ?? fromInputs.bundleId;
  const declared = fromFile.appId ?? fromFile.bundleId;
  if (given === declared) return fromInputs;
  const sameKind = (fromFile.appId === undefined) === (fromInputs.appId === undefined);
  const unlike =
    ' (one a bundle ID, the other an app ID, which cannot be compared before asking App Store Connect)';
  throw new ConfigError(
    `Input \`${input}\` is \`${given}\`, but \`app\` at ${at} is \`${declared}\`${sameKind ? '' : unlike}: name the app once, or the same way in both.`,
  );
}

/** Test Information: each field from the input or the file (checkInputsAgainstFile made sure not both). */
export function combineTestInformation(
  fromInputs: DesiredTestInformation,
  config: ConfigDeclaration,
): DesiredTestInformation {
  return {
    locales: [...fromInputs.locales, ...config.locales],
    review: {
      contact: fromInputs.review.contact ?? config.reviewContact,
      notes: fromInputs.review.notes ?? config.reviewNotes,
      demoAccount: fromInputs.review.demoAccount,
    },
    licenseAgreement: config.licenseAgreement,
  };
}
