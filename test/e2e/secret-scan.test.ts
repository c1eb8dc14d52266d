// The secret scan runAction applies to every run: a run that shows a secret anywhere it scans fails, with a
// message that says what and where but never the secret. The leaking "actions" here are small scripts run in
// place of dist/index.js (the `entry` option), each showing one secret in one place; the last test is the
// bundled action against an API that quotes the caller's token in its error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { WRITE_TOKEN, withTestGitHub } from '../fake-github/index.js';
import { makeTestKey, type TestKey } from '../helpers/keys.js';
import { DEMO_ACCOUNT, DEMO_ACCOUNT_INPUT, e2eTest } from './fixtures.js';
import { runAction, type RunOptions } from './run-action.js';

const key = makeTestKey('SCANKEY123');
const keyBody = key.pem
  .split('\n')
  .filter((l) => l && !l.startsWith('-----'))
  .join('');

const it = e2eTest.extend<{ keys: TestKey[]; script: (source: string) => RunOptions }>({
  keys: async ({}, use) => {
    await use([key]);
  },
  // A script in a folder of its own, removed after the test.
  script: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tfbg-scan-'));
    let n = 0;
    try {
      await use((source) => {
        const entry = join(dir, `leak-${n++}.cjs`);
        writeFileSync(entry, source);
        return { entry };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

const inputsFor = (url: string, extra: Record<string, string> = {}) => ({
  'key-id': key.kid,
  'private-key': key.pem,
  'app-id': '1600000001',
  groups: 'Beta',
  'demo-account': DEMO_ACCOUNT_INPUT,
  'api-base-url': url,
  ...extra,
});

/** Fails with the scan's message, which names `what` and `where` and shows none of `secrets`. */
async function expectLeak(run: Promise<unknown>, what: RegExp, secrets: string[]): Promise<string> {
  const message = await run.then(
    () => 'no leak found',
    (e: unknown) => (e as Error).message,
  );
  expect(message).toMatch(/^runAction: the run showed a secret: /);
  expect(message).toMatch(what);
  for (const secret of secrets) expect(message).not.toContain(secret);
  return message;
}

describe('the secret scan of every run', () => {
  it('a 40-character slice of the key, from the middle of its body, in stdout', async ({
    fake,
    script,
  }) => {
    const slice = keyBody.slice(50, 90);
    await expectLeak(
      runAction(inputsFor(fake.url), script(`console.log('key: ${slice}');`)),
      /the private key in stdout, line 1: "key: \*\*\*"/,
      [slice, keyBody.slice(50, 66)],
    );
  });

  it('the base64 form of the key, as the input gave it, in an output', async ({ fake, script }) => {
    const base64 = Buffer.from(key.pem).toString('base64');
    const leak = base64.slice(100, 140);
    await expectLeak(
      runAction(
        inputsFor(fake.url, { 'private-key': base64 }),
        script(
          `require('fs').appendFileSync(process.env.GITHUB_OUTPUT, 'plan<<EOF\\n${leak}\\nEOF\\n');`,
        ),
      ),
      /the private key in output plan/,
      [leak],
    );
  });

  it('the demo-account password in the job summary', async ({ fake, script }) => {
    await expectLeak(
      runAction(
        inputsFor(fake.url),
        script(
          `require('fs').appendFileSync(process.env.GITHUB_STEP_SUMMARY, 'account: ' + process.env['INPUT_DEMO-ACCOUNT']);`,
        ),
      ),
      /the demo-account password in the job summary, line 1/,
      [DEMO_ACCOUNT.password],
    );
  });

  it('the demo-account password in a file the run wrote into the workspace', async ({
    fake,
    script,
  }) => {
    await expectLeak(
      runAction(
        inputsFor(fake.url),
        script(
          `require('fs').writeFileSync('exported.yml', 'review:\\n  password: ' + process.env['INPUT_DEMO-ACCOUNT'].split(':')[1]);`,
        ),
      ),
      /the demo-account password in workspace file exported\.yml, line 2/,
      [DEMO_ACCOUNT.password],
    );
  });

  it('a token the fake was sent, in stderr, whatever its shape', async ({ fake, script }) => {
    const token = `opaque-${'7'.repeat(24)}.sig-${'x'.repeat(30)}`;
    await expectLeak(
      runAction(
        inputsFor(fake.url),
        script(
          `fetch(process.env['INPUT_API-BASE-URL'] + '/v1/apps', { headers: { authorization: 'Bearer ${token}' } })` +
            `.then(() => console.error('sent ${token}'));`,
        ),
      ),
      /a JWT in stderr, line 1/,
      [token],
    );
    expect(fake.bearerTokens.has(token)).toBe(true);
  });

  it('the password in a comment sent to GitHub', async ({ fake, script }) => {
    await withTestGitHub(async (github) => {
      const post =
        `fetch('${github.url}/repos/octo/app/issues/7/comments', { method: 'POST',` +
        ` headers: { authorization: 'token ${WRITE_TOKEN}', 'content-type': 'application/json' },` +
        ` body: JSON.stringify({ body: 'demo: ' + process.env['INPUT_DEMO-ACCOUNT'] }) });`;
      await expectLeak(
        runAction(inputsFor(fake.url), script(post)),
        /the demo-account password in the body of POST \/repos\/octo\/app\/issues\/7\/comments to GitHub/,
        [DEMO_ACCOUNT.password],
      );
      expect(github.state.comments).toHaveLength(1);
    });
  });

  it("what is not shown passes: the runner's mask command, and a file the test wrote itself", async ({
    fake,
    script,
  }) => {
    const run = await runAction(inputsFor(fake.url), {
      ...script(`console.log('::add-mask::' + process.env['INPUT_DEMO-ACCOUNT'].split(':')[1]);`),
      files: { 'testflight.yml': `review: { demo-account: "${DEMO_ACCOUNT_INPUT}" }\n` },
    });
    expect(run.code).toBe(0);
  });

  it('a demo-account password too short to be found is refused before the run', async ({
    fake,
    script,
  }) => {
    await expect(
      runAction(inputsFor(fake.url, { 'demo-account': 'reviewer:pw' }), script('')),
    ).rejects.toThrow(/shorter than 8 characters/);
  });
});

describe('the bundled action against an API that quotes the bearer token in its error', () => {
  it('fails with its sentence, and the sentence shows no token', async ({}) => {
    const quoting = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [
            {
              status: '401',
              code: 'NOT_AUTHORIZED',
              title: 'Authentication credentials are missing or invalid.',
              detail: `The token '${(req.headers.authorization ?? '').replace(/^Bearer /, '')}' is not valid.`,
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => quoting.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(quoting.address() as AddressInfo).port}`;
      const run = await runAction(inputsFor(url));
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::.*401/m);
      expect(run.stdout).toContain('[token]');
    } finally {
      quoting.closeAllConnections();
      await new Promise<void>((resolve) => quoting.close(() => resolve()));
    }
  });
});
