// The GitHub requests of the bundle go through the runner's proxy as App Store Connect's do. @actions/github
// (its http-client) never proxies loopback, so the API is named by a host that never resolves
// (GITHUB_API_URL=http://github.example.invalid, as on GitHub Enterprise) and the proxy on loopback, the only
// way there, forwards that host to the fake GitHub.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { runAction } from '../run-action.js';
import { githubScenarioTest, WRITE_TOKEN } from './github-scenario.js';
import { expectOk } from './scenario-test.js';

const API_HOST = 'github.example.invalid';

const it = githubScenarioTest.extend<{ proxy: { url: string; forwarded: string[] } }>({
  proxy: async ({ github }, use) => {
    const forwarded: string[] = [];
    const upstream = new URL(github.url);
    const server = createServer((req, res) => {
      const target = new URL(req.url ?? '');
      forwarded.push(`${target.host}${target.pathname}`);
      // Only the fake GitHub's stand-in host is forwarded; App Store Connect's fake is on loopback, not proxied.
      if (target.hostname !== API_HOST) {
        res.writeHead(403).end();
        return;
      }
      const { 'proxy-connection': _hop, host: _host, ...headers } = req.headers;
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: target.pathname + target.search,
          method: req.method,
          headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.writeHead(502).end());
      req.pipe(out);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await use({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forwarded });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
});

it('reads the release through the proxy named in HTTP_PROXY', async ({
  scenario,
  github,
  runnerEnv,
  proxy,
}) => {
  const { fake, build, inputs, addGroup } = scenario;
  addGroup('Beta');
  github.state.addRelease({ tag: 'v3.1.0', name: null, body: 'Through the proxy' });
  const env = {
    ...runnerEnv({ name: 'push', ref: 'refs/tags/v3.1.0' }),
    GITHUB_API_URL: `http://${API_HOST}`,
    HTTP_PROXY: proxy.url,
    // App Store Connect's fake is reached directly.
    NO_PROXY: '127.0.0.1',
  };
  const run = await runAction(
    inputs({ groups: 'Beta', 'release-notes': 'true', 'github-token': WRITE_TOKEN }),
    { env },
  );
  expectOk(run);
  expect(proxy.forwarded).toEqual([`${API_HOST}/repos/octo/app/releases/tags/v3.1.0`]);
  expect(github.requests.map((r) => r.path)).toEqual(['/repos/octo/app/releases/tags/v3.1.0']);
  const texts = [...fake.state.localizations.values()].filter((l) => l.buildId === build.id);
  expect(texts.map((l) => l.whatsNew)).toEqual(['Through the proxy']);
});
