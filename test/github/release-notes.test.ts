// What to Test from the release, through a real Octokit and the fake GitHub: the event's release body, the
// release read by tag, the annotated tag's message, nothing found, other runs, the 4,000-character cut, and
// the client's retries of what a retry can fix (a 5xx, a 429, a reset), not of an answer or a timeout.
import { describe, expect } from 'vitest';
import { cutToLimit, readReleaseNotes, tagOfRun } from '../../src/github/release-notes.js';
import type { FakeGitHub } from '../fake-github/index.js';
import { githubTest as it, READ_TOKEN, runOf } from './github-fixtures.js';

const warnTo = (warnings: string[]) => (line: string) => warnings.push(line);

/** The statuses the fake gave the reads of the release, in order (0: no answer). */
const releaseReads = (github: FakeGitHub) =>
  github.requests.filter((r) => r.path.includes('/releases/tags/')).map((r) => r.status);

describe('readReleaseNotes', () => {
  it('takes the body from a release event without asking GitHub', async ({
    github,
    client,
    warnings,
  }) => {
    const run = runOf({
      eventName: 'release',
      ref: 'refs/tags/v1.2.0',
      payload: {
        action: 'published',
        release: { tag_name: 'v1.2.0', body: '## New\n* Dark mode' },
      },
    });
    expect(await readReleaseNotes(client(), run, warnTo(warnings))).toEqual({
      text: 'New\n\n• Dark mode',
      source: 'the GitHub release v1.2.0',
    });
    expect(github.requests).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('reads the release of a pushed tag, with the token in the header', async ({
    github,
    client,
    warnings,
  }) => {
    github.state.addRelease({
      tag: 'v1.2.0',
      name: 'v1.2.0',
      body: 'Try [the new menu](https://x.example/m).',
    });
    expect(await readReleaseNotes(client(READ_TOKEN), runOf(), warnTo(warnings))).toEqual({
      text: 'Try the new menu (https://x.example/m).',
      source: 'the GitHub release v1.2.0',
    });
    expect(github.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/repos/octo/app/releases/tags/v1.2.0', `token ${READ_TOKEN}`],
    ]);
  });

  it('falls back to the annotated tag’s message, without its signature', async ({
    github,
    client,
    warnings,
  }) => {
    github.state.addTag({
      tag: 'v1.2.0',
      commitSha: 'c'.repeat(40),
      message:
        'Release 1.2.0\n\n- faster sync\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n',
    });
    expect(await readReleaseNotes(client(), runOf(), warnTo(warnings))).toEqual({
      text: 'Release 1.2.0\n\n• faster sync',
      source: 'the message of tag v1.2.0',
    });
    expect(github.requests.map((r) => r.path)).toEqual([
      '/repos/octo/app/releases/tags/v1.2.0',
      '/repos/octo/app/git/ref/tags%2Fv1.2.0',
      expect.stringMatching(/^\/repos\/octo\/app\/git\/tags\/[0-9a-f]{40}$/),
    ]);
    expect(warnings).toEqual([]);
  });

  it('an empty release body on a release event also falls back to the tag', async ({
    github,
    client,
    warnings,
  }) => {
    github.state.addTag({ tag: 'v2', commitSha: 'd'.repeat(40), message: 'Two' });
    const run = runOf({
      eventName: 'release',
      ref: 'refs/tags/v2',
      payload: { release: { tag_name: 'v2', body: '' } },
    });
    expect(await readReleaseNotes(client(), run, warnTo(warnings))).toEqual({
      text: 'Two',
      source: 'the message of tag v2',
    });
  });

  it('finds nothing for a lightweight tag: a warning, and no text', async ({
    github,
    client,
    warnings,
  }) => {
    github.state.addTag({ tag: 'v1.2.0', commitSha: 'e'.repeat(40), message: null });
    expect(await readReleaseNotes(client(), runOf(), warnTo(warnings))).toBeNull();
    expect(warnings).toEqual([
      '`release-notes` found no text for tag v1.2.0: no GitHub release body and no annotated tag message; What to Test is left as it is.',
    ]);
    expect(github.requests).toHaveLength(2);
  });

  it('warns when the release could not be read in three attempts, and the tag’s message stands in for it', async ({
    github,
    client,
    retries,
    warnings,
  }) => {
    github.state.addRelease({ tag: 'v1.2.0', name: 'v1.2.0', body: 'The release notes' });
    github.state.addTag({ tag: 'v1.2.0', commitSha: 'c'.repeat(40), message: 'Tag message' });
    github.faults.add({
      kind: 'status',
      status: 503,
      body: 'json',
      path: /\/releases\/tags\//,
      times: Infinity,
    });
    expect(await readReleaseNotes(client(), runOf(), warnTo(warnings))).toEqual({
      text: 'Tag message',
      source: 'the message of tag v1.2.0',
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^`release-notes` could not read the GitHub release of tag v1\.2\.0 \(the release: GitHub answered 503: Service Unavailable.*\), so What to Test comes from the message of tag v1\.2\.0\.$/,
    );
    expect(releaseReads(github)).toEqual([503, 503, 503]);
    expect(retries.waits).toEqual([1000, 2000]);
    expect(retries.lines).toEqual([
      'GitHub answered 503 to GET /repos/octo/app/releases/tags/v1.2.0; retrying in 1 s (attempt 2 of 3).',
      'GitHub answered 503 to GET /repos/octo/app/releases/tags/v1.2.0; retrying in 2 s (attempt 3 of 3).',
    ]);
  });

  it('reads the release after a 502, without a warning', async ({
    github,
    client,
    retries,
    warnings,
  }) => {
    github.state.addRelease({ tag: 'v1.2.0', name: 'v1.2.0', body: 'The release notes' });
    github.faults.add({ kind: 'status', status: 502, body: 'html', path: /\/releases\/tags\// });
    expect(await readReleaseNotes(client(), runOf(), warnTo(warnings))).toEqual({
      text: 'The release notes',
      source: 'the GitHub release v1.2.0',
    });
    expect(warnings).toEqual([]);
    expect(releaseReads(github)).toEqual([502, 200]);
    expect(github.requests).toHaveLength(2);
    expect(retries.waits).toEqual([1000]);
  });

  it('waits the Retry-After of a 429, then reads the release', async ({
    github,
    client,
    retries,
    warnings,
  }) => {
    github.state.addRelease({ tag: 'v1.2.0', name: 'v1.2.0', body: 'The release notes' });
    github.faults.add({ kind: 'rate-limit', retryAfterSeconds: 1, path: /\/releases\/tags\// });
    expect((await readReleaseNotes(client(), runOf(), warnTo(warnings)))?.text).toBe(
      'The release notes',
    );
    expect(warnings).toEqual([]);
    expect(releaseReads(github)).toEqual([429, 200]);
    expect(retries.lines).toEqual([
      'GitHub answered 429 to GET /repos/octo/app/releases/tags/v1.2.0; retrying in 1 s (attempt 2 of 3).',
    ]);
  });

  it('gives a 429 up when GitHub asks for a wait longer than 10 s', async ({
    github,
    client,
    retries,
    warnings,
  }) => {
    github.state.addRelease({ tag: 'v1.2.0', name: 'v1.2.0', body: 'The release notes' });
    github.faults.add({ kind: 'rate-limit', retryAfterSeconds: 60, path: /\/releases\/tags\// });
    expect(await readReleaseNotes(client(), runOf(), warnTo(warnings))).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('(the release: GitHub answered 429: ')]);
    expect(releaseReads(github)).toEqual([429]);
    expect(retries.waits).toEqual([]);
  });

  it('tries a release that is not there once, and falls back to the tag', async ({
    github,
    client,
    retries,
    warnings,
  }) => {
    github.state.addTag({ tag: 'v1.2.0', commitSha: 'c'.repeat(40), message: 'Tag message' });
    expect((await readReleaseNotes(client(), runOf(), warnTo(warnings)))?.source).toBe(
      'the message of tag v1.2.0',
    );
    expect(warnings).toEqual([]);
    expect(releaseReads(github)).toEqual([404]);
    expect(retries.lines).toEqual([]);
  });

  it('reads the release after a reset, which has no HTTP status', async ({
    github,
    client,
    retries,
    warnings,
  }) => {
    github.state.addRelease({ tag: 'v1.2.0', name: 'v1.2.0', body: 'The release notes' });
    github.faults.add({ kind: 'reset', path: /\/releases\/tags\// });
    expect((await readReleaseNotes(client(), runOf(), warnTo(warnings)))?.text).toBe(
      'The release notes',
    );
    expect(warnings).toEqual([]);
    expect(releaseReads(github)).toEqual([0, 200]);
    expect(retries.lines).toEqual([
      expect.stringMatching(
        /^GitHub gave no answer \(.+\) to GET \/repos\/octo\/app\/releases\/tags\/v1\.2\.0; retrying in 1 s \(attempt 2 of 3\)\.$/,
      ),
    ]);
  });

  it('does not retry a request GitHub did not answer in time', async ({
    github,
    client,
    retries,
    warnings,
  }) => {
    github.state.addRelease({ tag: 'v1.2.0', name: 'v1.2.0', body: 'The release notes' });
    github.faults.add({ kind: 'hang', path: /\/releases\/tags\// });
    expect(await readReleaseNotes(client(undefined, 200), runOf(), warnTo(warnings))).toBeNull();
    expect(warnings).toEqual([
      expect.stringContaining(
        '(the release: GitHub did not answer GET /repos/{owner}/{repo}/releases/tags/{tag} within 0.2 s)',
      ),
    ]);
    expect(releaseReads(github)).toEqual([0]);
    expect(retries.waits).toEqual([]);
  });

  it('says why when GitHub refuses the token', async ({ client, warnings }) => {
    expect(await readReleaseNotes(client('ghs_unknown'), runOf(), warnTo(warnings))).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^`release-notes` found no text for tag v1\.2\.0: no GitHub release body and no annotated tag message \(the release: GitHub answered 401: Bad credentials.*; the tag: GitHub answered 401: Bad credentials.*\); What to Test is left as it is\.$/,
    );
    expect(warnings[0]).not.toContain('ghs_unknown');
  });

  it('does nothing but warn on a run that is not for a tag', async ({
    github,
    client,
    warnings,
  }) => {
    const run = runOf({ eventName: 'push', ref: 'refs/heads/main' });
    expect(await readReleaseNotes(client(), run, warnTo(warnings))).toBeNull();
    expect(warnings).toEqual([
      '`release-notes` takes What to Test from the release of a tag, and this run (push, refs/heads/main) is not for a tag: What to Test is left as it is.',
    ]);
    expect(github.requests).toEqual([]);
  });

  it('cuts a long release at a line boundary, with a warning', async ({
    github,
    client,
    warnings,
  }) => {
    const lines = Array.from({ length: 100 }, (_, i) => `- change number ${i} ${'x'.repeat(40)}`);
    github.state.addRelease({ tag: 'v1.2.0', name: null, body: lines.join('\n') });
    const notes = await readReleaseNotes(client(), runOf(), warnTo(warnings));
    expect([...notes!.text].length).toBeLessThanOrEqual(4000);
    expect(notes!.text.split('\n').at(-1)).toMatch(/^• change number \d+ x{40}$/);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^The text from the GitHub release v1\.2\.0 is \d+ characters, over TestFlight's limit of 4000: What to Test takes its first \d+ characters, up to a line's end\.$/,
      ),
    ]);
  });
});

describe('tagOfRun and cutToLimit', () => {
  it('knows the tag of a release event and of a tag push, and no other', () => {
    expect(
      tagOfRun(runOf({ eventName: 'release', ref: '', payload: { release: { tag_name: 'v9' } } })),
    ).toBe('v9');
    expect(tagOfRun(runOf({ eventName: 'workflow_dispatch', ref: 'refs/tags/v3' }))).toBe('v3');
    expect(tagOfRun(runOf({ eventName: 'pull_request', ref: 'refs/pull/7/merge' }))).toBeNull();
  });

  it('counts characters as Apple does and cuts a single long line at a word', () => {
    expect(cutToLimit('😀'.repeat(4000))).toEqual({ text: '😀'.repeat(4000), cut: false });
    const cut = cutToLimit(`${'word '.repeat(900)}end`);
    expect(cut.cut).toBe(true);
    expect([...cut.text].length).toBeLessThanOrEqual(4000);
    expect(cut.text).toMatch(/word…$/);
    expect(cutToLimit('a\nbb\nccc', 4)).toEqual({ text: 'a\nbb', cut: true });
  });
});
