// scripts/changelog-section.ts, which turns CHANGELOG.md into release notes, and CHANGELOG.md itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogSection } from '../../scripts/changelog-section.js';
import { readRepoFile, repoRoot } from './workflows.js';

const changelog = `# Changelog

Intro text.

## [Unreleased]

### Added

- Something coming.

## [1.2.10] - 2026-03-01

### Fixed

- Ten.

## [1.2.1] - 2026-02-01

### Fixed

- A fix, with a [link].

[link]: https://example.com/inside

## 1.0.0

- First.

[Unreleased]: https://github.com/o/r/compare/v1.2.10...HEAD
[1.2.10]: https://github.com/o/r/compare/v1.2.1...v1.2.10
`;

describe('changelogSection', () => {
  it('returns the body of the version asked for, without its heading, trimmed', () => {
    expect(changelogSection(changelog, '1.2.10')).toBe('### Fixed\n\n- Ten.');
  });

  it('takes the tag as it is pushed, with its v', () => {
    expect(changelogSection(changelog, 'v1.2.10')).toBe('### Fixed\n\n- Ten.');
  });

  it('matches the whole version: 1.2.1 is not 1.2.10', () => {
    expect(changelogSection(changelog, 'v1.2.1')).toBe(
      '### Fixed\n\n- A fix, with a [link].\n\n[link]: https://example.com/inside',
    );
  });

  it('reads a heading without brackets, and leaves out the link definitions below the last section', () => {
    expect(changelogSection(changelog, '1.0.0')).toBe('- First.');
  });

  it('reads the Unreleased section and CRLF line ends', () => {
    expect(changelogSection(changelog.replaceAll('\n', '\r\n'), 'Unreleased')).toBe(
      '### Added\n\n- Something coming.',
    );
  });

  it('refuses a version without a section, naming it and what to add', () => {
    expect(() => changelogSection(changelog, 'v2.0.0')).toThrow(
      'CHANGELOG.md has no section for 2.0.0: add "## [2.0.0] - YYYY-MM-DD"',
    );
  });

  it('refuses an empty section', () => {
    expect(() => changelogSection('## [1.0.0] - 2026-01-01\n\n## [0.9.0]\n- x\n', '1.0.0')).toThrow(
      'The CHANGELOG.md section for 1.0.0 is empty',
    );
  });
});

describe('scripts/changelog-section.ts from the command line', () => {
  it('prints the section, or fails with the sentence on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfbg-changelog-'));
    try {
      const file = join(dir, 'CHANGELOG.md');
      writeFileSync(file, changelog);
      const script = ['tsx', 'scripts/changelog-section.ts'];
      const printed = execFileSync('npx', [...script, 'v1.2.10', file], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      expect(printed).toBe('### Fixed\n\n- Ten.\n');
      const refused = spawnSync('npx', [...script, 'v3.0.0', file], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      expect(refused.status).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('CHANGELOG.md has no section for 3.0.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('CHANGELOG.md', () => {
  const text = readRepoFile('CHANGELOG.md');

  it('keeps a changelog: a title, an Unreleased section with entries, dated version sections', () => {
    expect(text.startsWith('# Changelog\n')).toBe(true);
    expect(changelogSection(text, 'Unreleased')).toMatch(
      /^### (Added|Changed|Deprecated|Removed|Fixed|Security)\n/,
    );
    for (const heading of text.match(/^## .*$/gm) ?? []) {
      expect(heading).toMatch(/^## \[(Unreleased|\d+\.\d+\.\d+)\]( - \d{4}-\d{2}-\d{2})?$/);
    }
    // Only Keep a Changelog's kinds of change.
    for (const heading of text.match(/^### .*$/gm) ?? []) {
      expect(heading).toMatch(/^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/);
    }
  });
});
