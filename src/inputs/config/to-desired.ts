// The checked file as the desired state's parts: groups (with `defaults` inherited), What to Test, Test
// Information. Each part says where it is declared ("`.github/testflight.yml:12`"), and every problem the schema
// cannot see (duplicate names, a setting the group's type cannot have, a testers file that cannot be read) is a
// sentence with the file, the line and the key.
import type { DeviceFamilyOsFilter } from '../../asc/index.js';
import type {
  AppRef,
  DesiredAppLocalization,
  DesiredGroup,
  ReviewContact,
  TesterSpec,
  WhatToTest,
} from '../../reconcile/index.js';
import { readReviewContact } from '../test-information.js';
import { readTestersFile } from '../testers-file.js';
import { TesterListError, mergeTesters, parseTester } from '../testers.js';
import { ConfigError, keyPath } from './config-error.js';
import type { ConfigFile, ConfigGroup, ConfigGroupSettings } from './schema.js';
import { lineOf, type ConfigPath, type ConfigSource } from './yaml-source.js';

/** What the file declares, with the places the combine rule names when an input says the same. */
export interface ConfigDeclaration {
  file: string;
  app: AppRef | null;
  groups: DesiredGroup[];
  whatToTest: WhatToTest[];
  locales: DesiredAppLocalization[];
  reviewContact: ReviewContact | null;
  reviewNotes: string | null;
  licenseAgreement: string | null;
  /** `file:line` of each part given, by its key path (`app`, `what-to-test`, `test-information.review.notes`). */
  declaredAt: Map<string, string>;
}

export interface FileAccess {
  readFile: (path: string) => string;
  workspace: string;
}

/** Settings only an external group has, and the one only an internal group has. */
const EXTERNAL_ONLY = ['public-link', 'feedback', 'recruitment'] as const;
const INTERNAL_ONLY = ['access-to-all-builds'] as const;

export function toDeclaration(
  source: ConfigSource,
  config: ConfigFile,
  files: FileAccess,
): ConfigDeclaration {
  const at = (path: ConfigPath, key: 'key' | 'value' = 'key'): string =>
    `${source.file}:${lineOf(source, path, key)}`;
  const declaredAt = new Map<string, string>();
  const note = (path: ConfigPath): void => void declaredAt.set(keyPath(path), at(path));
  if (config.app !== undefined) note(['app']);
  if (config['what-to-test'] !== undefined) note(['what-to-test']);
  const info = config['test-information'];
  if (info?.review?.contact !== undefined) note(['test-information', 'review', 'contact']);
  if (info?.review?.notes !== undefined) note(['test-information', 'review', 'notes']);
  for (const [locale, fields] of Object.entries(info?.locales ?? {})) {
    if (fields.description !== undefined)
      note(['test-information', 'locales', locale, 'description']);
    if (fields['feedback-email'] !== undefined)
      note(['test-information', 'locales', locale, 'feedback-email']);
  }
  checkNames(source, config.groups);
  const contactPath = ['test-information', 'review', 'contact'];
  return {
    file: source.file,
    app: appRef(config.app),
    groups: config.groups.map((group, index) =>
      toGroup(source, config.defaults ?? {}, group, index, files),
    ),
    whatToTest: whatToTest(config['what-to-test'], at),
    locales: Object.entries(info?.locales ?? {}).map(([locale, fields]) => ({
      locale,
      declaredAt: at(['test-information', 'locales', locale]),
      description: fields.description ?? null,
      feedbackEmail: fields['feedback-email'] ?? null,
      marketingUrl: fields['marketing-url'] ?? null,
      privacyPolicyUrl: fields['privacy-policy-url'] ?? null,
    })),
    reviewContact: readReviewContact(
      info?.review?.contact?.trim() ?? '',
      `${at(contactPath, 'value')}: ${keyPath(contactPath)}`,
    ),
    reviewNotes: info?.review?.notes ?? null,
    licenseAgreement: info?.['license-agreement'] ?? null,
    declaredAt,
  };
}

function appRef(app: ConfigFile['app']): AppRef | null {
  if (app === undefined) return null;
  const value = String(app).trim();
  return /^\d+$/.test(value) ? { appId: value } : { bundleId: value };
}

function whatToTest(
  value: ConfigFile['what-to-test'],
  at: (path: ConfigPath) => string,
): WhatToTest[] {
  if (value === undefined) return [];
  if (typeof value === 'string')
    return [{ locale: null, text: value, declaredAt: at(['what-to-test']) }];
  return Object.entries(value).map(([locale, text]) => ({
    locale,
    text,
    declaredAt: at(['what-to-test', locale]),
  }));
}

/** Names are unique, also without regard to letter case (App Store Connect would take one for the other). */
function checkNames(source: ConfigSource, groups: ConfigGroup[]): void {
  const seen = new Map<string, number>();
  groups.forEach((group, index) => {
    const key = group.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) return void seen.set(key, index);
    const line = lineOf(source, ['groups', index, 'name']);
    const firstLine = lineOf(source, ['groups', first, 'name']);
    const other = groups[first]!.name;
    const problem =
      other === group.name
        ? `is "${group.name}", the same as groups[${first}].name (line ${firstLine}): declare each group once`
        : `is "${group.name}", which differs from groups[${first}].name "${other}" (line ${firstLine}) only in letter case, so App Store Connect cannot tell them apart: give each group one spelling`;
    throw new ConfigError(`${source.file}:${line}: groups[${index}].name ${problem}.`);
  });
}

function toGroup(
  source: ConfigSource,
  defaults: ConfigGroupSettings,
  group: ConfigGroup,
  index: number,
  files: FileAccess,
): DesiredGroup {
  const path = ['groups', index];
  const fail = (key: string, problem: string): never => {
    throw new ConfigError(
      `${source.file}:${lineOf(source, [...path, key], 'key')}: ${keyPath([...path, key])} ${problem}.`,
    );
  };
  const type = group.type ?? defaults.type ?? 'external';
  const declaredAt = `${source.file}:${lineOf(source, path)}`;
  if (group.absent) {
    const others = Object.keys(group).filter((key) => !['name', 'type', 'absent'].includes(key));
    if (others.length > 0) {
      fail(
        others[0]!,
        `says how to keep group ${group.name}, which \`absent: true\` deletes: remove the one or the other`,
      );
    }
  }
  for (const key of type === 'internal' ? EXTERNAL_ONLY : INTERNAL_ONLY) {
    if (group[key] !== undefined) {
      fail(
        key,
        `applies only to ${type === 'internal' ? 'external' : 'internal'} groups, and ${group.name} is ${type}: remove it, or set \`type\``,
      );
    }
  }
  // A default for the other type of group is not inherited: `defaults.feedback` reaches external groups only.
  const inherited: ConfigGroupSettings = { ...defaults };
  for (const key of type === 'internal' ? EXTERNAL_ONLY : INTERNAL_ONLY) delete inherited[key];
  const settings = { ...inherited, ...group };
  const link = { ...inherited['public-link'], ...group['public-link'] };
  const testers = mergeTesters([
    ...listedTesters(source, group, path),
    ...fileTesters(source, group, path, files),
  ]);
  const removeUnlisted = settings['remove-unlisted-testers'] ?? false;
  if (removeUnlisted && testers.length === 0 && !group.absent) {
    const fix = `list the testers to keep in \`testers\` or \`testers-file\`, or set \`remove-unlisted-testers: false\` for it`;
    if (group['remove-unlisted-testers'] !== undefined) {
      fail(
        'remove-unlisted-testers',
        `would remove every member of ${group.name}, which lists no testers: ${fix}`,
      );
    }
    const at = ['defaults', 'remove-unlisted-testers'];
    throw new ConfigError(
      `${source.file}:${lineOf(source, at, 'key')}: ${keyPath(at)} would remove every member of ${keyPath(path)} (${group.name}), which lists no testers: ${fix}.`,
    );
  }
  return {
    name: group.name,
    createAs: settings.create ? type : null,
    type,
    accessToAllBuilds: settings['access-to-all-builds'] ?? null,
    publicLink: link.enabled === undefined ? null : link.enabled ? 'enabled' : 'disabled',
    publicLinkLimit: link.limit ?? null,
    feedbackEnabled: settings.feedback ?? null,
    testers,
    removeUnlistedTesters: removeUnlisted,
    receivesBuild: settings.build ?? true,
    recruitment:
      settings.recruitment?.map((filter): DeviceFamilyOsFilter => ({
        deviceFamily: filter['device-family'],
        minimumOs: filter['minimum-os'] ?? null,
        maximumOs: filter['maximum-os'] ?? null,
      })) ?? null,
    absent: group.absent ?? false,
    declaredAt,
  };
}

function listedTesters(source: ConfigSource, group: ConfigGroup, path: ConfigPath): TesterSpec[] {
  const value = group.testers;
  if (value === undefined) return [];
  const lines = typeof value === 'string' ? value.split(/\r?\n/) : value;
  const testers: TesterSpec[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const itemPath = typeof value === 'string' ? [...path, 'testers'] : [...path, 'testers', i];
    try {
      testers.push(parseTester(line, `\`${line}\``));
    } catch (error) {
      if (!(error instanceof TesterListError)) throw error;
      throw new ConfigError(
        `${source.file}:${lineOf(source, itemPath)}: ${keyPath(itemPath)} ${error.message}: write each tester as \`email\`, \`First Last <email>\` or \`email,First,Last\`.`,
      );
    }
  });
  return testers;
}

function fileTesters(
  source: ConfigSource,
  group: ConfigGroup,
  path: ConfigPath,
  files: FileAccess,
): TesterSpec[] {
  const testersFile = group['testers-file'];
  if (testersFile === undefined) return [];
  const keyAt = [...path, 'testers-file'];
  const named = `${source.file}:${lineOf(source, keyAt)}: ${keyPath(keyAt)}`;
  return readTestersFile(testersFile.trim(), files.readFile, files.workspace, named);
}
