// The release workflow: a vX.Y.Z tag is tested, released with its CHANGELOG.md section, and moves `v1`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changelogSection } from '../../scripts/changelog-section.js';
import { LocalJobRunner } from './local-job-runner.js';
import { findWorkflows, readRepoFile, stepsOf, type WorkflowStep } from './workflows.js';

const workflows = findWorkflows();
const release = workflows.find((found) => found.source === '.github/workflows/release.yml');
const steps: WorkflowStep[] = release?.workflow.jobs.release?.steps ?? [];
const step = (name: string): WorkflowStep => {
  const found = steps.find((s) => s.name === name);
  if (!found) throw new Error(`release.yml has no step named "${name}"`);
  return found;
};

let runner: LocalJobRunner | undefined;
let dir: string | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('release workflow', () => {
  it('runs on vX.Y.Z tags only, may write contents, one release at a time', () => {
    expect(release?.workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(release?.workflow.permissions).toEqual({ contents: 'write' });
    expect(release?.workflow.concurrency).toEqual({
      group: 'release',
      'cancel-in-progress': false,
    });
  });

  it('runs .ci/run (dist fresh, tests) before it reads the notes, creates the release, then moves the tag', () => {
    const order = [
      steps.findIndex((s) => s.run === 'bash .ci/run'),
      steps.indexOf(step('Release notes from CHANGELOG.md')),
      steps.indexOf(step('Create the GitHub release')),
      steps.indexOf(step('Move the major tag')),
    ];
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The release gets as notes the file the notes step wrote.
    const notesFile = /> ("[^"]+")$/.exec(step('Release notes from CHANGELOG.md').run ?? '')?.[1];
    expect(notesFile).toBeDefined();
    expect(step('Create the GitHub release').run).toContain(`--notes-file ${notesFile}`);
    expect(step('Create the GitHub release').env?.GH_TOKEN).toBe('${{ github.token }}');
  });

  it("the notes step writes the tag's CHANGELOG.md section, and fails a tag that has none", async () => {
    runner = new LocalJobRunner({ github: { ref_name: 'Unreleased' } });
    await runner.runStep(step('Release notes from CHANGELOG.md'));
    const notes = readFileSync(join(runner.temp, 'release-notes.md'), 'utf8');
    expect(notes).toBe(`${changelogSection(readRepoFile('CHANGELOG.md'), 'Unreleased')}\n`);
    expect(notes).toContain('### Added');
    await runner.close();
    runner = new LocalJobRunner({ github: { ref_name: 'v9.9.9' } });
    await expect(runner.runStep(step('Release notes from CHANGELOG.md'))).rejects.toThrow(
      'CHANGELOG.md has no section for 9.9.9',
    );
  }, 30_000);

  it('moves v1 to each v1.x.y release commit on the remote, even when it pointed elsewhere', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfbg-release-'));
    const work = join(dir, 'work');
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      // The machine's own settings (signing, hooks) stay out of this throwaway repository.
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
    git(dir, 'init', '-q', '--bare', 'origin.git');
    git(dir, 'clone', '-q', 'origin.git', 'work');
    const commitAndTag = (tag: string) => {
      writeFileSync(join(work, 'file'), tag);
      git(work, 'add', 'file');
      git(work, 'commit', '-qm', tag);
      git(work, 'tag', tag);
      git(work, 'push', '-q', 'origin', 'HEAD', tag);
      return git(work, 'rev-parse', 'HEAD');
    };
    const remoteTag = (tag: string) => git(dir!, '--git-dir', 'origin.git', 'rev-parse', tag);

    const first = commitAndTag('v1.0.0');
    runner = new LocalJobRunner({ cwd: work, github: { ref_name: 'v1.0.0' } });
    await runner.runStep(step('Move the major tag'));
    expect(remoteTag('v1')).toBe(first);

    const second = commitAndTag('v1.1.0');
    await runner.close();
    runner = new LocalJobRunner({ cwd: work, github: { ref_name: 'v1.1.0' } });
    const moved = await runner.runStep(step('Move the major tag'));
    expect(remoteTag('v1')).toBe(second);
    expect(remoteTag('v1.0.0')).toBe(first);
    expect(moved.stdout).toContain('v1 now points at v1.1.0');
  }, 30_000);

  it('is the major tag the README and the examples use', () => {
    const refs = workflows
      .flatMap(stepsOf)
      .map(
        ({ step: s }) =>
          /^testflight-beta-groups\/testflight-beta-groups@(.+)$/.exec(s.uses ?? '')?.[1],
      )
      .filter((ref) => ref !== undefined);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    // `Move the major tag` makes v1 of every v1.x.y tag (the test above).
    expect(new Set(refs)).toEqual(new Set(['v1']));
  });
});
