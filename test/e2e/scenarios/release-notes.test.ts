// `release-notes: true` through dist/index.js, with a fake GitHub: the release body of a tag push read through
// the API, the body a release event carries, the annotated tag's message, and nothing found (a warning, What
// to Test left alone), and a 502 the client's retry gets past. The text in TestFlight is the release's Markdown
// as plain text; a re-run changes nothing.
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { expectNoSecretsSentTo, githubScenarioTest as it, WRITE_TOKEN } from './github-scenario.js';
import { expectOk, planOf } from './scenario-test.js';

const RELEASE_BODY = [
  '<!-- generated -->',
  "## What's new",
  '* **Dark mode** everywhere ([#12](https://github.com/octo/app/pull/12))',
  '* ![icon](https://example.com/i.png) New icon',
].join('\n');
const RELEASE_TEXT = [
  "What's new",
  '',
  '• Dark mode everywhere (#12 (https://github.com/octo/app/pull/12))',
  '• New icon',
].join('\n');

describe('What to Test from the release', () => {
  it('takes the body of the tag’s GitHub release, as plain text, and a re-run changes nothing', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { fake, build, inputs, addGroup, twice } = scenario;
    addGroup('Beta');
    github.state.addRelease({ tag: 'v3.1.0', name: 'v3.1.0', body: RELEASE_BODY });
    const env = runnerEnv({ name: 'push', ref: 'refs/tags/v3.1.0' });
    const given = inputs({ groups: 'Beta', 'release-notes': 'true', 'github-token': WRITE_TOKEN });

    const { first } = await twice(given, { env });
    expect(planOf(first).find((o) => o.op === 'set-what-to-test')).toEqual({
      op: 'set-what-to-test',
      target: 'en-US',
      detail: `create What to Test (en-US, ${RELEASE_TEXT.length} characters) of build 100 (3.1.0) from the GitHub release v3.1.0`,
    });
    const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(texts.map((l) => [l.locale, l.whatsNew])).toEqual([['en-US', RELEASE_TEXT]]);
    expect(first.summary).toContain('from the GitHub release v3.1.0');
    expect(first.stdout).toContain('What to Test comes from the GitHub release v3.1.0');
    // The release was read through the API, with the token; no tag lookup was needed.
    expect(github.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/repos/octo/app/releases/tags/v3.1.0', `token ${WRITE_TOKEN}`],
      ['GET', '/repos/octo/app/releases/tags/v3.1.0', `token ${WRITE_TOKEN}`],
    ]);
    expectNoSecretsSentTo(github);
  });

  // The one GitHub retry through dist/index.js (it sleeps its real second): the wiring and the log line.
  it('reads the release after GitHub answered 502, saying so in the log, without a warning', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { fake, build, inputs, addGroup } = scenario;
    addGroup('Beta');
    github.state.addRelease({ tag: 'v3.1.0', name: 'v3.1.0', body: 'Try the *new* menu.' });
    github.faults.add({ kind: 'status', status: 502, body: 'html', path: /\/releases\/tags\// });
    const run = await runAction(
      inputs({ groups: 'Beta', 'release-notes': 'true', 'github-token': WRITE_TOKEN }),
      { env: runnerEnv({ name: 'push', ref: 'refs/tags/v3.1.0' }) },
    );
    expectOk(run);
    const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(texts.map((l) => l.whatsNew)).toEqual(['Try the new menu.']);
    expect(github.requests.map((r) => r.status)).toEqual([502, 200]);
    expect(run.stdout).toMatch(
      /^GitHub answered 502 to GET \/repos\/octo\/app\/releases\/tags\/v3\.1\.0; retrying in [\d.]+ s \(attempt 2 of 3\)\.$/m,
    );
    expect(run.stdout).not.toContain('::warning::');
    expectNoSecretsSentTo(github);
  });

  it('takes the body a release event carries, without asking GitHub', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { fake, build, inputs, addGroup } = scenario;
    addGroup('Beta');
    const env = runnerEnv({
      name: 'release',
      ref: 'refs/tags/v3.1.0',
      payload: {
        action: 'published',
        release: { tag_name: 'v3.1.0', body: 'Try the *new* menu.' },
      },
    });
    const run = await runAction(
      inputs({ groups: 'Beta', 'release-notes': 'true', 'github-token': WRITE_TOKEN }),
      { env },
    );
    expectOk(run);
    const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
    expect(texts.map((l) => l.whatsNew)).toEqual(['Try the new menu.']);
    expect(github.requests).toEqual([]);
  });

  it('falls back to the annotated tag’s message', async ({ scenario, github, runnerEnv }) => {
    const { fake, build, inputs, addGroup } = scenario;
    addGroup('Beta');
    github.state.addTag({
      tag: 'v3.1.0',
      commitSha: 'a'.repeat(40),
      message: 'Release 3.1.0\n\n- faster sync\n',
    });
    const run = await runAction(
      inputs({
        groups: 'Beta',
        'release-notes': 'true',
        'github-token': WRITE_TOKEN,
        'dry-run': 'true',
      }),
      { env: runnerEnv({ name: 'push', ref: 'refs/tags/v3.1.0' }) },
    );
    expectOk(run);
    expect(planOf(run).find((o) => o.op === 'set-what-to-test')?.detail).toMatch(
      / from the message of tag v3\.1\.0$/,
    );
    expect(github.requests.map((r) => r.path)).toEqual([
      '/repos/octo/app/releases/tags/v3.1.0',
      '/repos/octo/app/git/ref/tags%2Fv3.1.0',
      expect.stringMatching(/^\/repos\/octo\/app\/git\/tags\/[0-9a-f]{40}$/),
    ]);
    // A dry run: nothing was set.
    expect([...fake.state.localizations.values()].filter((l) => l.buildId === build.id)).toEqual(
      [],
    );
  });

  it('finds nothing for a lightweight tag: a warning, and What to Test left alone', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { fake, build, inputs, addGroup } = scenario;
    addGroup('Beta');
    github.state.addTag({ tag: 'v3.1.0', commitSha: 'b'.repeat(40), message: null });
    const run = await runAction(
      inputs({ groups: 'Beta', 'release-notes': 'true', 'github-token': WRITE_TOKEN }),
      { env: runnerEnv({ name: 'push', ref: 'refs/tags/v3.1.0' }) },
    );
    expectOk(run);
    expect(run.stdout).toContain(
      '::warning::`release-notes` found no text for tag v3.1.0: no GitHub release body and no annotated tag message; What to Test is left as it is.',
    );
    expect(planOf(run).map((o) => o.op)).not.toContain('set-what-to-test');
    expect([...fake.state.localizations.values()].filter((l) => l.buildId === build.id)).toEqual(
      [],
    );
    expect(run.summary).toContain('found no text for tag v3.1.0');
  });

  it('leaves the release alone when the workflow gives What to Test itself', async ({
    scenario,
    github,
    runnerEnv,
  }) => {
    const { inputs, addGroup } = scenario;
    addGroup('Beta');
    github.state.addRelease({ tag: 'v3.1.0', name: null, body: 'From the release' });
    const run = await runAction(
      inputs({
        groups: 'Beta',
        'release-notes': 'true',
        'github-token': WRITE_TOKEN,
        'what-to-test': 'From the workflow',
        'dry-run': 'true',
      }),
      { env: runnerEnv({ name: 'push', ref: 'refs/tags/v3.1.0' }) },
    );
    expectOk(run);
    expect(planOf(run).find((o) => o.op === 'set-what-to-test')?.detail).not.toContain(' from ');
    expect(github.requests).toEqual([]);
  });
});
