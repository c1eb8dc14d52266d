// `npm run fake-asc` starts, prints where it is and its demo key (and writes it with --write-env), serves the
// demo data, stops on SIGINT.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { importPKCS8, SignJWT } from 'jose';
import { afterEach, expect, it } from 'vitest';
import { DEMO_APP_ID, DEMO_NEW_APP_ID } from './demo.js';

let child: ChildProcess | undefined;
afterEach(() => {
  // The CLI runs in its own process group (npx → tsx → node); end only that group.
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone: the test stopped it.
    }
  }
  child = undefined;
});

/** The printed lines up to "Press Ctrl+C", or a failure after 15 s. */
function readBanner(proc: ChildProcess): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const timer = setTimeout(
      () => reject(new Error(`no banner after 15 s: ${lines.join('\n')}`)),
      15_000,
    );
    const rl = createInterface({ input: proc.stdout! });
    rl.on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Press Ctrl+C')) {
        clearTimeout(timer);
        rl.close();
        resolve(lines);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}: ${lines.join('\n')}`));
    });
  });
}

/** The CLI started with `args`, its banner read; `field` is the value after a banner label. */
async function startCli(args: string[] = []) {
  child = spawn('npx', ['tsx', 'test/fake-asc/cli.ts', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = await readBanner(child);
  const field = (label: string) =>
    lines
      .find((l) => l.startsWith(label))
      ?.slice(label.length)
      .trim() ?? '';
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
  return { lines, url, field };
}

/** A token signed with `pem`, as the action would mint it. */
async function demoToken(kid: string, issuer: string, pem: string) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ aud: 'appstoreconnect-v1', iss: issuer })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(await importPKCS8(pem, 'ES256'));
}

/** The demo app's group names as a token signed with `pem` sees them. */
async function demoGroupNames(url: string, kid: string, issuer: string, pem: string) {
  const res = await fetch(`${url}/v1/apps/${DEMO_APP_ID}/betaGroups`, {
    headers: { authorization: `Bearer ${await demoToken(kid, issuer, pem)}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { attributes: { name: string } }[] };
  return body.data.map((g) => g.attributes.name);
}

/** The second demo app's beta app localizations (its Test Information). */
async function demoAppLocalizations(url: string, kid: string, issuer: string, pem: string) {
  const res = await fetch(`${url}/v1/apps/${DEMO_NEW_APP_ID}/betaAppLocalizations`, {
    headers: { authorization: `Bearer ${await demoToken(kid, issuer, pem)}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: unknown[] }).data;
}

/** Stops the CLI with Ctrl+C and checks that it deleted its demo key. */
async function stopCli(keyPath: string) {
  const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
  process.kill(-child!.pid!, 'SIGINT');
  await exited;
  // The server's own SIGINT handler deletes the demo key; npx may report the signal before it is done.
  for (let i = 0; i < 100 && existsSync(keyPath); i++) await new Promise((r) => setTimeout(r, 50));
  expect(existsSync(keyPath)).toBe(false);
}

it('prints URL, kid, issuer and key path, serves the demo app to a token from that key, stops on SIGINT', async () => {
  const { url, field } = await startCli();
  expect(url).toBeDefined();
  const kid = field('key id (kid):');
  const issuer = field('issuer id:');
  const keyPath = field('private key:');
  expect(kid).toBe('DEMOKEY123');
  expect(issuer).toMatch(/^[0-9a-f-]{36}$/);
  expect(await demoGroupNames(url!, kid, issuer, readFileSync(keyPath, 'utf8'))).toContain(
    'Public Beta',
  );
  // The second demo app is the one whose Test Information is still to be written.
  expect(field('new app:')).toMatch(new RegExp(`^${DEMO_NEW_APP_ID} `));
  expect(await demoAppLocalizations(url!, kid, issuer, readFileSync(keyPath, 'utf8'))).toEqual([]);
  await stopCli(keyPath);
});

it('--write-env writes the connection inputs as INPUT_* lines into the file, keeping its other lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-asc-cli-'));
  try {
    const envFile = join(dir, '.env');
    writeFileSync(envFile, '# demo inputs\nINPUT_KEY-ID=STALE\nINPUT_GROUPS=Public Beta\n');
    const { url, field } = await startCli(['--write-env', envFile]);
    const written = readFileSync(envFile, 'utf8');
    const value = (name: string) =>
      written
        .split('\n')
        .find((l) => l.startsWith(`${name}=`))
        ?.slice(name.length + 1);
    expect(
      written.startsWith('# demo inputs\nINPUT_KEY-ID=DEMOKEY123\nINPUT_GROUPS=Public Beta\n'),
    ).toBe(true);
    expect(value('INPUT_API-BASE-URL')).toBe(url);
    expect(value('INPUT_ISSUER-ID')).toBe(field('issuer id:'));
    const pem = Buffer.from(value('INPUT_PRIVATE-KEY') ?? '', 'base64').toString('utf8');
    expect(pem).toBe(readFileSync(field('private key:'), 'utf8'));
    expect(await demoGroupNames(url!, 'DEMOKEY123', value('INPUT_ISSUER-ID')!, pem)).toContain(
      'Public Beta',
    );
    // Written through a temporary file renamed into place: nothing else is left beside it.
    expect(readdirSync(dir)).toEqual(['.env']);
    await stopCli(field('private key:'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
