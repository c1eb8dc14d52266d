// Self-hosted runners reach App Store Connect through a proxy named in HTTP(S)_PROXY, except for the hosts in
// NO_PROXY. The fake serves plain http on 127.0.0.1, so the action sends its requests to the proxy in absolute
// form; a forward proxy on loopback counts what went through it.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect } from 'vitest';
import { completeTestInformation, type FakeAsc } from '../fake-asc/index.js';
import { makeTestKey, type TestKey } from '../helpers/keys.js';
import { e2eTest } from './fixtures.js';
import { runAction } from './run-action.js';

const key: TestKey = makeTestKey('PROXYKEY12');

interface ForwardProxy {
  url: string;
  /** The request targets it forwarded, as sent to it (absolute URLs). */
  forwarded: string[];
}

const it = e2eTest.extend<{ keys: TestKey[]; proxy: ForwardProxy }>({
  keys: async ({}, use) => {
    await use([key]);
  },
  proxy: async ({}, use) => {
    const forwarded: string[] = [];
    const server = createServer((req, res) => {
      forwarded.push(req.url ?? '');
      const target = new URL(req.url ?? '');
      // Only the fake on loopback is ever a target.
      if (target.hostname !== '127.0.0.1') {
        res.writeHead(403).end();
        return;
      }
      const { 'proxy-connection': _hop, ...headers } = req.headers;
      const upstream = request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await use({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forwarded });
    } finally {
      await close(server);
    }
  },
});

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('proxies', () => {
  /** An app whose build 7 is ready for the group Beta: a run makes two changes. */
  const seeded = (fake: FakeAsc) => {
    const app = fake.state.addApp({ bundleId: 'com.example.proxied', name: 'Proxied' });
    fake.state.setTestInformation(app.id, completeTestInformation());
    fake.state.addBuild({ appId: app.id, version: '7', usesNonExemptEncryption: false });
    fake.state.addGroup({ appId: app.id, name: 'Beta' });
    return {
      'key-id': key.kid,
      'issuer-id': key.issuerId!,
      'private-key': key.pem,
      'bundle-id': 'com.example.proxied',
      'build-number': '7',
      'wait-for-processing': '0',
      groups: 'Beta',
      'api-base-url': fake.url,
    };
  };

  it.for(['HTTP_PROXY', 'http_proxy'])(
    'sends every request through the proxy named in %s',
    async (variable, { fake, proxy }) => {
      const run = await runAction(seeded(fake), { env: { [variable]: proxy.url } });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.changes).toBe('2'); // the build into Beta, and the review submission
      expect(fake.requests.length).toBeGreaterThan(0);
      expect(proxy.forwarded).toHaveLength(fake.requests.length);
      for (const target of proxy.forwarded) expect(target.startsWith(`${fake.url}/v1/`)).toBe(true);
      expect(proxy.forwarded.map((target) => new URL(target).pathname)).toEqual(
        fake.requests.map((r) => r.path),
      );
    },
  );

  it('goes straight to a host listed in NO_PROXY', async ({ fake, proxy }) => {
    const run = await runAction(seeded(fake), {
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.changes).toBe('2');
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(proxy.forwarded).toEqual([]);
  });

  it("passes none of the test machine's proxy variables to the action", async ({ fake, proxy }) => {
    const inherited = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    try {
      const run = await runAction(seeded(fake));
      expect(run.code, run.stdout).toBe(0);
    } finally {
      if (inherited === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = inherited;
    }
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(proxy.forwarded).toEqual([]);
  });
});
