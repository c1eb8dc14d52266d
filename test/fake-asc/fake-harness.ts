// For the fake's own tests: a started fake on an injected clock, and a tiny JSON client for it over loopback.
import { afterEach } from 'vitest';
import { completeTestInformation, startFakeAsc } from './index.js';
import type { FakeApp, FakeAsc, FakeAscOptions, FakeKey, FakeState } from './types.js';
import { makeTestKey, mintTestToken, type TestKey } from '../helpers/keys.js';

export const START = Date.parse('2026-11-26T10:00:00Z');

export interface Answer {
  status: number;
  headers: Headers;
  // Tests look into Apple's documents freely, so the body stays untyped.
  body: any;
}

export interface Harness {
  fake: FakeAsc;
  key: TestKey;
  now(): number;
  advance(ms: number): void;
  token(opts?: Parameters<typeof mintTestToken>[1]): Promise<string>;
  call(
    method: string,
    path: string,
    body?: unknown,
    init?: { token?: string; raw?: string },
  ): Promise<Answer>;
  get(path: string): Promise<Answer>;
}

/** `keyRole` is what the fake knows of the harness's key's role (FakeKey). */
export async function startHarness(
  options: Partial<FakeAscOptions> = {},
  keyRole: Pick<FakeKey, 'canListUsers'> = {},
): Promise<Harness> {
  const key = makeTestKey();
  let t = START;
  const fake = await startFakeAsc({
    keys: [{ kid: key.kid, issuerId: key.issuerId, publicKey: key.publicKey, ...keyRole }],
    now: () => t,
    ...options,
  });
  let cached: { at: number; token: string } | undefined;
  const token = (opts?: Parameters<typeof mintTestToken>[1]) =>
    mintTestToken(key, { nowSeconds: Math.floor(t / 1000), ...opts });
  const call: Harness['call'] = async (method, path, body, init = {}) => {
    if (!init.token && (!cached || cached.at !== t)) cached = { at: t, token: await token() };
    const res = await fetch(`${fake.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${init.token ?? cached?.token}`,
        ...(body === undefined && init.raw === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      },
      ...(init.raw !== undefined
        ? { body: init.raw }
        : body === undefined
          ? {}
          : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // HTML gateway pages stay text.
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    fake,
    key,
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    token,
    call,
    get: (path) => call('GET', path),
  };
}

/**
 * A harness for each test that starts one, closed after the test (every one it started). `use` receives it as it starts (the test
 * file keeps it in its own `h`); `withApp` starts one with the app `com.example.app` in it.
 */
export function harnessPerTest(use: (started: Harness) => void) {
  const started: Harness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((each) => each.fake.close()));
  });
  const start = async (
    options: Partial<FakeAscOptions> = {},
    keyRole: Pick<FakeKey, 'canListUsers'> = {},
  ): Promise<Harness> => {
    const harness = await startHarness(options, keyRole);
    started.push(harness);
    use(harness);
    return harness;
  };
  const withApp = async (
    options: Partial<FakeAscOptions> = {},
  ): Promise<{ st: FakeState; app: FakeApp }> => {
    const st = (await start(options)).fake.state;
    return { st, app: st.addApp({ bundleId: 'com.example.app' }) };
  };
  return { start, withApp };
}

/** An app Beta App Review accepts builds of: its Test Information is complete. */
export function addReviewableApp(st: FakeState, bundleId: string): FakeApp {
  const app = st.addApp({ bundleId });
  st.setTestInformation(app.id, completeTestInformation());
  return app;
}

/** A `POST /v1/betaTesters` body that creates the tester in these groups. */
export function createTester(
  email: string,
  groupIds: string[],
  names: Record<string, string> = {},
) {
  return {
    data: {
      type: 'betaTesters',
      attributes: { email, ...names },
      relationships: { betaGroups: { data: groupIds.map((id) => ({ type: 'betaGroups', id })) } },
    },
  };
}

/** `{data:[{type,id}…]}` for a linkages request. */
export function linkages(type: string, ...ids: string[]) {
  return { data: ids.map((id) => ({ type, id })) };
}
