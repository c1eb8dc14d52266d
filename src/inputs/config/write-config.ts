// `export-config`: the app's TestFlight state (a snapshot the reconcile read) written as a config file that
// applying right after changes nothing. Testers inline up to 50 per group, above that in a CSV beside the file;
// testers who joined through a public link are left out (listing them would invite them by email); no secret.
import { dirname, join } from 'node:path';
import { Document } from 'yaml';
import type { GroupSnapshot, TesterSpec, TestFlightSnapshot } from '../../reconcile/index.js';

/** More testers than this in a group go to a CSV file of their own. */
const INLINE_TESTERS_MAX = 50;
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/testflight-beta-groups/testflight-beta-groups/v1/testflight.schema.json';

export interface ConfigExport {
  /** The files to write, by path as the `export-config` input gives it (the config file first). */
  files: { path: string; text: string }[];
  groups: number;
  /** Distinct testers written (one in two groups counts once). */
  testers: number;
  /** (tester, group) memberships written. */
  memberships: number;
  /** Members left out because they joined through a public link. */
  publicLinkTesters: number;
}

export function renderConfigExport(snapshot: TestFlightSnapshot, file: string): ConfigExport {
  const csvFiles: { path: string; text: string }[] = [];
  const csvPath = (group: string): string => {
    const base = join(dirname(file), `${fileStem(file)}-${slug(group)}`);
    let path = `${base}.csv`;
    for (let n = 2; csvFiles.some((f) => f.path === path); n++) path = `${base}-${n}.csv`;
    return path;
  };
  const emails = new Set<string>();
  let memberships = 0;
  let publicLinkTesters = 0;
  const groups = snapshot.groups.map((entry) => {
    const invited = entry.testers.filter((t) => t.inviteType !== 'PUBLIC_LINK');
    publicLinkTesters += entry.testers.length - invited.length;
    memberships += invited.length;
    for (const t of invited) emails.add(t.email.toLowerCase());
    const specs = invited
      .map((t): TesterSpec => ({ email: t.email.toLowerCase(), ...names(t.firstName, t.lastName) }))
      .sort((a, b) => a.email.localeCompare(b.email));
    const declared = groupDeclaration(entry);
    const inline = specs.every((t) => !`${t.firstName ?? ''}${t.lastName ?? ''}`.includes(','));
    if (specs.length > 0 && specs.length <= INLINE_TESTERS_MAX && inline) {
      declared.testers = specs.map(testerLine);
    } else if (specs.length > 0) {
      const path = csvPath(entry.group.name);
      csvFiles.push({ path, text: testersCsv(specs) });
      declared['testers-file'] = path;
    }
    return declared;
  });
  const document = new Document({
    app: snapshot.app.bundleId,
    ...testInformation(snapshot),
    groups,
  });
  document.commentBefore = ` yaml-language-server: $schema=${SCHEMA_URL}\n Exported from App Store Connect: ${snapshot.app.name} (${snapshot.app.bundleId}).`;
  return {
    files: [{ path: file, text: document.toString({ lineWidth: 0 }) }, ...csvFiles],
    groups: groups.length,
    testers: emails.size,
    memberships,
    publicLinkTesters,
  };
}

function groupDeclaration({ group, recruitment }: GroupSnapshot): Record<string, unknown> {
  if (group.isInternal) {
    return {
      name: group.name,
      type: 'internal',
      'access-to-all-builds': group.hasAccessToAllBuilds,
    };
  }
  const declared: Record<string, unknown> = { name: group.name, type: 'external' };
  const link: Record<string, unknown> = {};
  if (group.publicLinkEnabled !== null) link.enabled = group.publicLinkEnabled;
  if (group.publicLinkLimitEnabled && group.publicLinkLimit !== null)
    link.limit = group.publicLinkLimit;
  if (Object.keys(link).length > 0) declared['public-link'] = link;
  if (group.feedbackEnabled !== null) declared.feedback = group.feedbackEnabled;
  if (recruitment) {
    declared.recruitment = recruitment.map((f) => ({
      'device-family': f.deviceFamily,
      ...(f.minimumOs !== null ? { 'minimum-os': f.minimumOs } : {}),
      ...(f.maximumOs !== null ? { 'maximum-os': f.maximumOs } : {}),
    }));
  }
  return declared;
}

/** The Test Information the app has, without the demo account (a secret that stays in its input). */
function testInformation(snapshot: TestFlightSnapshot): Record<string, unknown> {
  const locales: Record<string, Record<string, string>> = {};
  for (const l of snapshot.localizations) {
    const fields = present({
      description: l.description,
      'feedback-email': l.feedbackEmail,
      'marketing-url': l.marketingUrl,
      'privacy-policy-url': l.privacyPolicyUrl,
    });
    if (Object.keys(fields).length > 0) locales[l.locale] = fields;
  }
  const detail = snapshot.reviewDetail;
  const name = [detail?.contactFirstName, detail?.contactLastName].filter(Boolean).join(' ');
  const contact = [
    name,
    detail?.contactEmail ? `<${detail.contactEmail}>` : '',
    detail?.contactPhone ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  const review = present({ contact: contact || null, notes: detail?.notes ?? null });
  const info = {
    ...(Object.keys(locales).length > 0 ? { locales } : {}),
    ...(Object.keys(review).length > 0 ? { review } : {}),
    ...present({ 'license-agreement': snapshot.licenseAgreement?.agreementText ?? null }),
  };
  return Object.keys(info).length > 0 ? { 'test-information': info } : {};
}

function present(fields: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => (entry[1] ?? '') !== ''),
  );
}

function names(firstName: string | null, lastName: string | null): Omit<TesterSpec, 'email'> {
  return { ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}) };
}

/** `First Last <email>` reads back as written when the first name is one word; else `email,First,Last`. */
function testerLine(t: TesterSpec): string {
  if (!t.firstName && !t.lastName) return t.email;
  if (t.firstName && !/\s/.test(t.firstName))
    return `${t.firstName}${t.lastName ? ` ${t.lastName}` : ''} <${t.email}>`;
  return `${t.email},${t.firstName ?? ''},${t.lastName ?? ''}`;
}

function testersCsv(testers: TesterSpec[]): string {
  const field = (value = ''): string =>
    /[",]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  const rows = testers.map((t) => [t.email, field(t.firstName), field(t.lastName)].join(','));
  return ['email,firstName,lastName', ...rows, ''].join('\n');
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).at(-1) ?? 'testflight';
  return base.replace(/\.(ya?ml)$/i, '') || 'testflight';
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'group'
  );
}
