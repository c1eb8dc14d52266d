// The config file's one schema (zod 4): the only reader of the file's shape, and the source of
// testflight.schema.json for editors (`npm run schema`). Keys are kebab-case like the inputs; unknown keys are
// errors. Every check says its problem as the end of a sentence that starts with the key ("must be …").
import { z } from 'zod';

/** Apple's limit on What to Test, the beta app description and the review notes, in characters. */
const TEXT_MAX = 4000;
const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
/** The device families of Apple's recruitment criteria (the same as DeviceFamily in src/asc; a test holds it). */
export const CONFIG_DEVICE_FAMILIES = [
  'IPHONE',
  'IPAD',
  'APPLE_TV',
  'APPLE_WATCH',
  'MAC',
  'VISION',
] as const;

const flag = () => z.boolean({ error: 'must be `true` or `false`' });
const text = (max = TEXT_MAX) =>
  z
    .string({ error: 'must be a text' })
    .refine((value) => [...value].length <= max, { error: `must be at most ${max} characters` });
const email = () =>
  z
    .string({ error: 'must be an email address' })
    .regex(/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+$/, {
      error: 'must be an email address, such as `beta@example.com`',
    });
const url = () =>
  z
    .string({ error: 'must be a URL' })
    .regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL' });
const localeKey = () =>
  z.string().regex(LOCALE, { error: 'must be a locale code such as `en-US` or `de-DE`' });
// YAML reads an unquoted 17.0 as the number 17, which would lose the ".0": versions are quoted strings.
const osVersion = () =>
  z
    .string({
      error:
        'must be a version in quotes, such as "17.0" (YAML reads 17.0 without quotes as a number)',
    })
    .regex(/^\d+(\.\d+){0,2}$/, { error: 'must be a version such as "17.0"' });

const groupType = z
  .enum(['internal', 'external'], { error: 'must be `internal` or `external`' })
  .describe('internal (team members, no review) or external (default)');
const publicLink = z
  .strictObject({
    enabled: flag()
      .optional()
      .describe('whether the public link is on; left out leaves it as it is'),
    limit: z
      .int({ error: 'must be a whole number between 1 and 10000' })
      .min(1, { error: 'must be between 1 and 10000' })
      .max(10000, { error: 'must be between 1 and 10000' })
      .optional()
      .describe('the most testers the link admits, 1–10000'),
  })
  .describe('external groups: the public link');
const recruitment = z
  .array(
    z.strictObject({
      'device-family': z.enum(CONFIG_DEVICE_FAMILIES, {
        error: `must be one of ${CONFIG_DEVICE_FAMILIES.join(', ')}`,
      }),
      'minimum-os': osVersion().optional(),
      'maximum-os': osVersion().optional(),
    }),
    { error: 'must be a list of `{ device-family, minimum-os, maximum-os }`' },
  )
  .describe(
    'external groups: who may join through the public link (an empty list removes the criteria)',
  );

/** The settings a group can inherit from `defaults` (the external-only ones reach external groups only). */
const groupSettings = {
  type: groupType.optional(),
  create: flag().optional().describe('create the group when it does not exist (default false)'),
  'access-to-all-builds': flag()
    .optional()
    .describe('internal groups: get every build; applied when the group is created'),
  'public-link': publicLink.optional(),
  feedback: flag().optional().describe('external groups: whether testers can send feedback'),
  'remove-unlisted-testers': flag()
    .optional()
    .describe('also remove the members not listed (never deletes a tester)'),
  build: flag().optional().describe("whether this run's build goes to the group (default true)"),
  recruitment: recruitment.optional(),
};

const testers = z
  .union([z.string(), z.array(z.string())], {
    error: 'must be a list of testers, each `email`, `First Last <email>` or `email,First,Last`',
  })
  .describe('each `email`, `First Last <email>` or `email,First,Last`');

const group = z.strictObject({
  name: z
    .string({ error: 'must be the group name, as a text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .describe('the beta group name'),
  ...groupSettings,
  testers: testers.optional(),
  'testers-file': z
    .string({ error: 'must be a path' })
    .min(1, { error: 'must not be empty' })
    .optional()
    .describe(
      'a CSV (email,firstName,lastName) or JSON file of testers, relative to the workspace',
    ),
  absent: flag().optional().describe('delete this group (only when the file says so)'),
});

const localization = z.strictObject({
  description: text().optional().describe('the beta app description testers see'),
  'feedback-email': email().optional().describe('where tester feedback goes'),
  'marketing-url': url().optional(),
  'privacy-policy-url': url().optional(),
});

const testInformation = z.strictObject({
  locales: z
    .record(localeKey(), localization, { error: 'must map locale codes to their Test Information' })
    .optional()
    .describe('beta app localizations by locale'),
  review: z
    .strictObject({
      contact: z
        .string({ error: 'must be `First Last <email> +phone`' })
        .optional()
        .describe('`First Last <email> +phone`'),
      notes: text().optional().describe('notes for the Beta App Review team'),
    })
    .optional()
    .describe(
      'Beta App Review details (the demo account comes only from the `demo-account` input)',
    ),
  'license-agreement': z.string({ error: 'must be a text' }).optional(),
});

export const configSchema = z
  .strictObject({
    app: z
      .union([z.string().min(1), z.int().positive()], {
        error: 'must be the bundle ID or the numeric app ID',
      })
      .optional()
      .describe('bundle ID or numeric app ID; an input naming the app must agree'),
    defaults: z.strictObject(groupSettings).optional().describe('settings every group inherits'),
    'test-information': testInformation.optional(),
    'what-to-test': z
      .union([text(), z.record(localeKey(), text())], {
        error: 'must be a text, or texts by locale code (`en-US: …`)',
      })
      .optional()
      .describe("What to Test by locale; a text alone is for the app's primary locale"),
    groups: z
      .array(group, { error: 'must be a list of groups, each with a `name`' })
      .min(1, { error: 'must list at least one group' }),
  })
  .describe('TestFlight Beta Groups: the groups, testers and Test Information of one app');

export type ConfigFile = z.infer<typeof configSchema>;
export type ConfigGroup = ConfigFile['groups'][number];
export type ConfigGroupSettings = NonNullable<ConfigFile['defaults']>;
