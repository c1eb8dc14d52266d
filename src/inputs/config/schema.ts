// The config file's one schema (zod 4, its tree-shakable `zod/mini` API: a fifth of the bundle's zod): the only
// reader of the file's shape, and the source of testflight.schema.json for editors (`npm run schema`). Keys are
// kebab-case like the inputs; unknown keys are errors. Every check says its problem as the end of a sentence that
// starts with the key ("must be …").
import { z } from 'zod/mini';

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
/** `schema` with the description editors show (testflight.schema.json). */
const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description));
const text = (max = TEXT_MAX) =>
  z
    .string({ error: 'must be a text' })
    .check(
      z.refine((value) => [...value].length <= max, { error: `must be at most ${max} characters` }),
    );
const email = () =>
  z.string({ error: 'must be an email address' }).check(
    z.regex(/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+$/, {
      error: 'must be an email address, such as `beta@example.com`',
    }),
  );
const url = () =>
  z
    .string({ error: 'must be a URL' })
    .check(z.regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL' }));
const localeKey = () =>
  z.string().check(z.regex(LOCALE, { error: 'must be a locale code such as `en-US` or `de-DE`' }));
// YAML reads an unquoted 17.0 as the number 17, which would lose the ".0": versions are quoted strings.
const osVersion = () =>
  z
    .string({
      error:
        'must be a version in quotes, such as "17.0" (YAML reads 17.0 without quotes as a number)',
    })
    .check(z.regex(/^\d+(\.\d+){0,2}$/, { error: 'must be a version such as "17.0"' }));

const groupType = described(
  z.enum(['internal', 'external'], { error: 'must be `internal` or `external`' }),
  'internal (team members, no review) or external (default)',
);
const publicLink = described(
  z.strictObject({
    enabled: described(
      z.optional(flag()),
      'whether the public link is on; left out leaves it as it is',
    ),
    limit: described(
      z.optional(
        z
          .int({ error: 'must be a whole number between 1 and 10000' })
          .check(
            z.gte(1, { error: 'must be between 1 and 10000' }),
            z.lte(10000, { error: 'must be between 1 and 10000' }),
          ),
      ),
      'the most testers the link admits, 1–10000',
    ),
  }),
  'external groups: the public link',
);
const recruitment = described(
  z.array(
    z.strictObject({
      'device-family': z.enum(CONFIG_DEVICE_FAMILIES, {
        error: `must be one of ${CONFIG_DEVICE_FAMILIES.join(', ')}`,
      }),
      'minimum-os': z.optional(osVersion()),
      'maximum-os': z.optional(osVersion()),
    }),
    { error: 'must be a list of `{ device-family, minimum-os, maximum-os }`' },
  ),
  'external groups: who may join through the public link (an empty list removes the criteria)',
);

/** The settings a group can inherit from `defaults` (the external-only ones reach external groups only). */
const groupSettings = {
  type: z.optional(groupType),
  create: described(z.optional(flag()), 'create the group when it does not exist (default false)'),
  'access-to-all-builds': described(
    z.optional(flag()),
    'internal groups: get every build; applied when the group is created',
  ),
  'public-link': z.optional(publicLink),
  feedback: described(z.optional(flag()), 'external groups: whether testers can send feedback'),
  'remove-unlisted-testers': described(
    z.optional(flag()),
    'also remove the members not listed (never deletes a tester)',
  ),
  build: described(z.optional(flag()), "whether this run's build goes to the group (default true)"),
  recruitment: z.optional(recruitment),
};

const testers = described(
  z.union([z.string(), z.array(z.string())], {
    error: 'must be a list of testers, each `email`, `First Last <email>` or `email,First,Last`',
  }),
  'each `email`, `First Last <email>` or `email,First,Last`',
);

const group = z.strictObject({
  name: described(
    z
      .string({ error: 'must be the group name, as a text' })
      .check(z.trim(), z.minLength(1, { error: 'must not be empty' })),
    'the beta group name',
  ),
  ...groupSettings,
  testers: z.optional(testers),
  'testers-file': described(
    z.optional(
      z.string({ error: 'must be a path' }).check(z.minLength(1, { error: 'must not be empty' })),
    ),
    'a CSV (email,firstName,lastName) or JSON file of testers, relative to the workspace',
  ),
  absent: described(z.optional(flag()), 'delete this group (only when the file says so)'),
});

const localization = z.strictObject({
  description: described(z.optional(text()), 'the beta app description testers see'),
  'feedback-email': described(z.optional(email()), 'where tester feedback goes'),
  'marketing-url': z.optional(url()),
  'privacy-policy-url': z.optional(url()),
});

const testInformation = z.strictObject({
  locales: described(
    z.optional(
      z.record(localeKey(), localization, {
        error: 'must map locale codes to their Test Information',
      }),
    ),
    'beta app localizations by locale',
  ),
  review: described(
    z.optional(
      z.strictObject({
        contact: described(
          z.optional(z.string({ error: 'must be `First Last <email> +phone`' })),
          '`First Last <email> +phone`',
        ),
        notes: described(z.optional(text()), 'notes for the Beta App Review team'),
      }),
    ),
    'Beta App Review details (the demo account comes only from the `demo-account` input)',
  ),
  'license-agreement': z.optional(z.string({ error: 'must be a text' })),
});

export const configSchema = described(
  z.strictObject({
    app: described(
      z.optional(
        z.union([z.string().check(z.minLength(1)), z.int().check(z.positive())], {
          error: 'must be the bundle ID or the numeric app ID',
        }),
      ),
      'bundle ID or numeric app ID; an input naming the app must agree',
    ),
    defaults: described(z.optional(z.strictObject(groupSettings)), 'settings every group inherits'),
    'test-information': z.optional(testInformation),
    'what-to-test': described(
      z.optional(
        z.union([text(), z.record(localeKey(), text())], {
          error: 'must be a text, or texts by locale code (`en-US: …`)',
        }),
      ),
      "What to Test by locale; a text alone is for the app's primary locale",
    ),
    groups: z
      .array(group, { error: 'must be a list of groups, each with a `name`' })
      .check(z.minLength(1, { error: 'must list at least one group' })),
  }),
  'TestFlight Beta Groups: the groups, testers and Test Information of one app',
);

export type ConfigFile = z.infer<typeof configSchema>;
export type ConfigGroup = ConfigFile['groups'][number];
export type ConfigGroupSettings = NonNullable<ConfigFile['defaults']>;
