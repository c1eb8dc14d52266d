// A problem in the config file: one sentence that starts with the file and the line (`.github/testflight.yml:14:`),
// names the key by its path (`groups[2].public-link.limit`) and says what to write instead.
import { InputError } from '../values.js';

export class ConfigError extends InputError {
  override name = 'ConfigError';
}

/** `groups[2].public-link.limit`, the way the errors name a key. */
export function keyPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number'
        ? `${text}[${segment}]`
        : text === ''
          ? segment
          : `${text}.${segment}`,
    '',
  );
}
