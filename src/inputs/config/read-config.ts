// Reads the config file (`config: path`): the YAML with its positions, then the secret-looking keys (before
// anything else can quote them), then the one schema, then the desired state's parts. Every failure is one
// sentence with the file, the line and the key.
import { keyPath, ConfigError } from './config-error.js';
import { configSchema } from './schema.js';
import { schemaError } from './schema-errors.js';
import { toDeclaration, type ConfigDeclaration, type FileAccess } from './to-desired.js';
import { workspacePath } from '../testers-file.js';
import {
  configData,
  configKeys,
  lineOf,
  parseConfigYaml,
  type ConfigSource,
} from './yaml-source.js';
import { InputError } from '../values.js';

export type { ConfigDeclaration } from './to-desired.js';

/** Keys that would put a secret in a committed file: the demo account's password, a token, a key. */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|credential|demo-?account|private-?key|api-?key|^p8$/i;

export function readConfigFile(path: string, files: FileAccess): ConfigDeclaration {
  let text: string;
  try {
    text = files.readFile(workspacePath(path, files.workspace));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(
      `Input \`config\` names \`${path}\`, which could not be read (${reason}): give the path of the config file relative to the workspace (check out the repository first, with actions/checkout).`,
    );
  }
  const source = parseConfigYaml(path, text.replace(/^\uFEFF/, ''));
  checkNoSecrets(source);
  const data = configData(source);
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw schemaError(source, configSchema, data, parsed.error);
  return toDeclaration(source, parsed.data, files);
}

function checkNoSecrets(source: ConfigSource): void {
  for (const { path, key } of configKeys(source)) {
    if (!SECRET_KEY.test(key.replace(/[_\s]/g, '-'))) continue;
    const line = lineOf(source, [...path, key], 'key');
    // The value is never quoted: it may be the secret itself.
    throw new ConfigError(
      `${source.file}:${line}: ${keyPath([...path, key])} looks like a secret, and the config file is committed with the repository: remove it, and pass the demo account as \`name:password\` from a repository secret in the \`demo-account\` input.`,
    );
  }
}
