// Prints one version's section of CHANGELOG.md (Keep a Changelog), the notes of its GitHub release.
// `tsx scripts/changelog-section.ts v1.2.0 [CHANGELOG.md]`; .github/workflows/release.yml runs it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A version heading: `## [1.2.0] - 2026-01-31`, `## [1.2.0]` or `## 1.2.0`. */
const headingVersion = (line: string): string | undefined =>
  /^## +\[?([^\]\s]+)\]?(?:\s|$)/.exec(line)?.[1];

/** A Markdown link reference definition: `[1.2.0]: https://…`. */
const isLinkDefinition = (line: string): boolean => /^\[[^\]]+\]: *\S+/.test(line);

/**
 * The body of `version`'s section (without its heading), trimmed. `version` may carry the tag's `v`
 * (`v1.2.0`), and may be `Unreleased`. Throws a sentence when there is no such section or it is empty.
 */
export function changelogSection(changelog: string, version: string): string {
  const wanted = version.replace(/^v(?=\d)/, '');
  const lines = changelog.replaceAll('\r\n', '\n').split('\n');
  const start = lines.findIndex(
    (line) => headingVersion(line)?.toLowerCase() === wanted.toLowerCase(),
  );
  if (start < 0) {
    throw new Error(
      `CHANGELOG.md has no section for ${wanted}: add "## [${wanted}] - YYYY-MM-DD" with the changes of the release (move them from Unreleased), then tag again.`,
    );
  }
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const body = lines.slice(start + 1, next < 0 ? undefined : next);
  // Below the last section come the file's link definitions (Keep a Changelog's version links).
  while (
    next < 0 &&
    body.length > 0 &&
    (body.at(-1)!.trim() === '' || isLinkDefinition(body.at(-1)!))
  ) {
    body.pop();
  }
  const text = body.join('\n').trim();
  if (text === '') {
    throw new Error(
      `The CHANGELOG.md section for ${wanted} is empty: list the changes of the release under it, then tag again.`,
    );
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [version, path = 'CHANGELOG.md'] = process.argv.slice(2);
  try {
    if (version === undefined)
      throw new Error('Give the version to print, for example: changelog-section.ts v1.2.0');
    process.stdout.write(`${changelogSection(readFileSync(path, 'utf8'), version)}\n`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
