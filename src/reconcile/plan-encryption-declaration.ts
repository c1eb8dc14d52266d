// Export compliance through an App Encryption Declaration: `auto` takes the app's one approved declaration
// for the platform, an ID names one. Every way the choice can fail is known from the read, so it fails here.
import type { BuildInfo, EncryptionDeclarationInfo } from '../asc/index.js';
import type { EncryptionDeclarationChoice, SettingHints } from './desired.js';
import type { Operation } from './operations.js';
import { ReconcileError } from './reconcile-error.js';

/** The declarations Apple would let the build use: approved, and of its platform. */
export function approvedDeclarations(
  declarations: EncryptionDeclarationInfo[],
  build: BuildInfo,
): EncryptionDeclarationInfo[] {
  return declarations.filter((d) => d.state === 'APPROVED' && samePlatform(d, build));
}

export function planEncryptionDeclaration(
  choice: EncryptionDeclarationChoice,
  usesNonExemptEncryption: boolean | null,
  {
    build,
    label,
    declarations,
    hints,
  }: {
    build: BuildInfo;
    /** How sentences name the build, e.g. "42 (1.2.0)". */
    label: string;
    declarations: EncryptionDeclarationInfo[];
    hints: Pick<SettingHints, 'input'>;
  },
): Operation {
  const name = hints.input;
  const platform = build.platform ?? 'the build’s platform';
  let chosen: EncryptionDeclarationInfo | undefined;
  if (choice === 'auto') {
    const approved = approvedDeclarations(declarations, build);
    if (approved.length === 0) {
      throw new ReconcileError(
        `${name('encryptionDeclaration', 'auto')} found no approved App Encryption Declaration for ${platform} to answer the export compliance of build ${label} (the app has ${describeAll(declarations)}): wait until Apple approves one, set ${name('encryptionDeclaration')} to an approved declaration's ID, or set ${name('usesNonExemptEncryption')} instead.`,
      );
    }
    if (approved.length > 1) {
      throw new ReconcileError(
        `${name('encryptionDeclaration', 'auto')} found several approved App Encryption Declarations for ${platform} (${approved.map((d) => d.id).join(', ')}) and will not guess which one answers the export compliance of build ${label}: set ${name('encryptionDeclaration')} to the ID of the one to use.`,
      );
    }
    chosen = approved[0]!;
  } else {
    chosen = declarations.find((d) => d.id === choice.id);
    if (!chosen) {
      throw new ReconcileError(
        `${name('encryptionDeclaration')} is ${choice.id}, which is not an App Encryption Declaration of the app (it has ${describeAll(declarations)}): set it to one of those IDs, or to \`auto\`.`,
      );
    }
    if (chosen.state !== 'APPROVED' || !samePlatform(chosen, build)) {
      throw new ReconcileError(
        `App Encryption Declaration ${chosen.id} is ${chosen.state ?? 'in an unknown state'} for ${chosen.platform ?? 'an unknown platform'}, and only an approved declaration for ${platform} can answer the export compliance of build ${label}: set ${name('encryptionDeclaration')} to such a declaration (or \`auto\`), or set ${name('usesNonExemptEncryption')} instead.`,
      );
    }
  }
  const declares =
    chosen.usesEncryption === null || chosen.exempt === null
      ? null
      : chosen.usesEncryption && !chosen.exempt;
  if (
    usesNonExemptEncryption !== null &&
    declares !== null &&
    declares !== usesNonExemptEncryption
  ) {
    throw new ReconcileError(
      `${name('usesNonExemptEncryption', String(usesNonExemptEncryption))} contradicts App Encryption Declaration ${chosen.id}, which declares ${declares ? 'non-exempt encryption' : 'no non-exempt encryption'}: set ${name('usesNonExemptEncryption')} to \`${declares}\` or leave it empty, or choose another declaration.`,
    );
  }
  return {
    op: 'assign-encryption-declaration',
    target: `build ${build.number}`,
    detail: `answer the export compliance of build ${label} with App Encryption Declaration ${chosen.id}`,
    change: `export compliance: not set → App Encryption Declaration ${chosen.id}`,
    buildId: build.id,
    declarationId: chosen.id,
  };
}

function samePlatform(d: EncryptionDeclarationInfo, build: BuildInfo): boolean {
  return d.platform === null || build.platform === null || d.platform === build.platform;
}

function describeAll(declarations: EncryptionDeclarationInfo[]): string {
  if (declarations.length === 0) return 'none';
  return declarations
    .map((d) => `${d.id} (${d.state ?? 'unknown state'}, ${d.platform ?? 'unknown platform'})`)
    .join(', ');
}
