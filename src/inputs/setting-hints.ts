// The words the reconcile's sentences use for the settings a user can change, for each place they are declared:
// the action's inputs, or the config file. The reconcile never learns an input's name or a file's key; it puts
// these phrases in its sentences as they are (SettingHints in src/reconcile/desired.ts).
import type { InputSetting, SettingHints } from '../reconcile/index.js';

const INPUT_NAMES: Record<InputSetting, string> = {
  buildNumber: 'build-number',
  appVersion: 'app-version',
  platform: 'platform',
  waitForProcessing: 'wait-for-processing',
  usesNonExemptEncryption: 'uses-non-exempt-encryption',
  encryptionDeclaration: 'encryption-declaration',
  submitForReview: 'submit-for-review',
  waitForReview: 'wait-for-review',
  expiryWarningDays: 'expiry-warning-days',
  demoAccount: 'demo-account',
};

/** "`build-number`", or with a value "`encryption-declaration: auto`". */
function inputSetting(setting: InputSetting, value?: string): string {
  const name = INPUT_NAMES[setting];
  return value === undefined ? `\`${name}\`` : `\`${name}: ${value}\``;
}

/** The inputs as the drift sentence names them when no config file declares the state. */
export const INPUTS_DECLARATION = "this step's inputs";

/** The settings as inputs of the step. */
export const INPUT_HINTS: SettingHints = {
  groupNames: 'in `groups`',
  createGroups: 'set `create-missing-groups: true`',
  leavePublicLink: 'leave `public-link` empty',
  externalSettings: 'public-link, public-link-limit and feedback-enabled',
  testers: 'in `testers`',
  externalTesters:
    'for external groups (`testers` goes to every listed group, so give the internal groups a step of their own)',
  removeUnlisted: '`remove-unlisted-testers`',
  app: '`bundle-id`',
  betaDescription: '`beta-description`',
  feedbackEmail: '`feedback-email`',
  reviewContact: '`review-contact` (`First Last <email> +phone`)',
  input: inputSetting,
};

/** What names the app when the inputs name it by its ID. */
export const APP_ID_HINT = '`app-id` (the numeric Apple ID under App Information)';

/** The settings as keys of the config file at `file` (as the `config` input names it). */
export function fileHints(file: string): SettingHints {
  return {
    groupNames: `in ${file}`,
    createGroups: `set \`create: true\` for them (or in \`defaults\`) in ${file}`,
    leavePublicLink: `leave \`public-link.enabled\` out for the group in ${file}`,
    externalSettings: `\`public-link\`, \`feedback\` and \`recruitment\` in ${file}`,
    testers: `under the groups' \`testers\` in ${file}`,
    externalTesters: `under the external groups' \`testers\` in ${file}`,
    removeUnlisted: `\`remove-unlisted-testers: true\` in ${file}`,
    app: `\`app\` in ${file} (the bundle ID, or the numeric Apple ID under App Information)`,
    betaDescription: `the primary locale's \`description\` under \`test-information.locales\` in ${file}`,
    feedbackEmail: `the primary locale's \`feedback-email\` under \`test-information.locales\` in ${file}`,
    reviewContact: `\`test-information.review.contact\` (\`First Last <email> +phone\`) in ${file}`,
    // The build, its waits, export compliance and the demo account are inputs even beside a config file.
    input: inputSetting,
  };
}
