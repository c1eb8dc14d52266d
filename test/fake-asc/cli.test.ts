// `npm run fake-asc` starts, prints where it is and its demo key, serves the demo data, stops on SIGINT.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

it('prints URL, kid, issuer and key path, serves the demo app to a token from that key, stops on SIGINT', async () => {
  child = spawn('npx', ['tsx', 'test/fake-asc/cli.ts'], {
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
  expect(url).toBeDefined();
  const kid = field('key id (kid):');
  const issuer = field('issuer id:');
  const keyPath = field('private key:');
  expect(kid).toBe('DEMOKEY123');
  expect(issuer).toMatch(/^[0-9a-f-]{36}$/);
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ aud: 'appstoreconnect-v1', iss: issuer })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(await importPKCS8(readFileSync(keyPath, 'utf8'), 'ES256'));
  const res = await fetch(`${url}/v1/apps/${DEMO_APP_ID}/betaGroups`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { attributes: { name: string } }[] };
  expect(body.data.map((g) => g.attributes.name)).toContain('Public Beta');
  // The second demo app is the one whose Test Information is still to be written.
  expect(field('new app:')).toMatch(new RegExp(`^${DEMO_NEW_APP_ID} `));
  const info = await fetch(`${url}/v1/apps/${DEMO_NEW_APP_ID}/betaAppLocalizations`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(((await info.json()) as { data: unknown[] }).data).toEqual([]);
  const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  // The server's own SIGINT handler deletes the demo key; npx may report the signal before it is done.
  for (let i = 0; i < 100 && existsSync(keyPath); i++) await new Promise((r) => setTimeout(r, 50));
  expect(existsSync(keyPath)).toBe(false);
});
