// Rate limits, injected faults and the request log, through real sockets on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './fake-harness.js';

let h: Harness;
afterEach(async () => {
  await h.fake.close();
});

const RATE_LIMIT_BODY = {
  status: '429',
  code: 'RATE_LIMIT_EXCEEDED',
  title: 'The request rate limit has been reached.',
  detail:
    "We've received too many requests for this API. Please wait and try again or slow down your request rate.",
};

describe('rate limits', () => {
  it('sends X-Rate-Limit on every response, errors included, counting down per key', async () => {
    h = await startHarness();
    const ok = await h.get('/v1/apps');
    expect(ok.headers.get('x-rate-limit')).toBe('user-hour-lim:3600;user-hour-rem:3599;');
    const notFound = await h.get('/v1/apps/1');
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-rate-limit')).toBe('user-hour-lim:3600;user-hour-rem:3598;');
    const bad = await h.get('/v1/apps?limit=999');
    expect(bad.headers.get('x-rate-limit')).toBe('user-hour-lim:3600;user-hour-rem:3597;');
  });

  it('answers 429 RATE_LIMIT_EXCEEDED when the hour is spent, without Retry-After unless configured', async () => {
    h = await startHarness({ rateLimitPerHour: 3 });
    for (let i = 0; i < 3; i++) expect((await h.get('/v1/apps')).status).toBe(200);
    const limited = await h.get('/v1/apps');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0]).toMatchObject(RATE_LIMIT_BODY);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('x-rate-limit')).toBe('user-hour-lim:3;user-hour-rem:0;');
    // The window rolls: an hour after the first request, one request is free again.
    h.advance(3600_000);
    expect((await h.get('/v1/apps')).status).toBe(200);
  });

  it('sends Retry-After with a limit 429 when retryAfterSeconds is set', async () => {
    h = await startHarness({ rateLimitPerHour: 1, retryAfterSeconds: 30 });
    await h.get('/v1/apps');
    const limited = await h.get('/v1/apps');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
  });

  it('enforces an optional burst limit within its window', async () => {
    h = await startHarness({ burstLimit: { requests: 2, windowMs: 1000 } });
    expect((await h.get('/v1/apps')).status).toBe(200);
    expect((await h.get('/v1/apps')).status).toBe(200);
    expect((await h.get('/v1/apps')).status).toBe(429);
    h.advance(1000);
    expect((await h.get('/v1/apps')).status).toBe(200);
  });
});

describe('faults', () => {
  it('adds latency in real time to matching requests only, the given number of times', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'latency', ms: 40, method: 'GET', path: /^\/v1\/apps$/, times: 1 });
    let started = performance.now();
    expect((await h.get('/v1/apps')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    await h.get('/v1/apps');
    expect(h.fake.faults.pending).toBe(0);
  });

  it('answers 5xx with Apple JSON or a gateway HTML page', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'status', status: 503, body: 'json', path: '/v1/apps' });
    h.fake.faults.add({ kind: 'status', status: 502, body: 'html', path: '/v1/apps' });
    const json = await h.get('/v1/apps');
    expect(json.status).toBe(503);
    expect(json.body.errors[0]).toMatchObject({ status: '503', code: 'UNEXPECTED_ERROR' });
    expect(json.headers.get('x-rate-limit')).toMatch(/^user-hour-lim:/);
    const html = await h.get('/v1/apps');
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(html.body).toMatch(/<html>/);
    expect(json.headers.get('retry-after')).toBeNull();
    h.fake.faults.add({ kind: 'status', status: 503, body: 'json', retryAfterSeconds: 0 });
    const paused = await h.get('/v1/apps');
    expect([paused.status, paused.headers.get('retry-after')]).toEqual([503, '0']);
    expect((await h.get('/v1/apps')).status).toBe(200);
  });

  it('answers 429 with and without Retry-After', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7 });
    h.fake.faults.add({ kind: 'rate-limit' });
    const withHeader = await h.get('/v1/apps');
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('retry-after')).toBe('7');
    expect(withHeader.body.errors[0]).toMatchObject(RATE_LIMIT_BODY);
    const without = await h.get('/v1/apps');
    expect(without.status).toBe(429);
    expect(without.headers.get('retry-after')).toBeNull();
  });

  it('matches a fault on the query and the body, so requests of one path are faulted apart', async () => {
    h = await startHarness();
    const app = h.fake.state.addApp({ bundleId: 'com.example.app' });
    h.fake.faults.add({
      kind: 'status',
      status: 503,
      body: 'json',
      method: 'GET',
      path: '/v1/betaGroups',
      query: { 'filter[app]': app.id, 'filter[builds]': /./ },
    });
    expect((await h.get(`/v1/betaGroups?filter[app]=${app.id}`)).status).toBe(200);
    expect((await h.get(`/v1/betaGroups?filter[app]=${app.id}&filter[builds]=b1`)).status).toBe(
      503,
    );
    h.fake.faults.add({ kind: 'reset', method: 'POST', requestBody: /"name":"Faulted"/ });
    const group = (name: string) => ({
      data: {
        type: 'betaGroups',
        attributes: { name },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    });
    expect((await h.call('POST', '/v1/betaGroups', group('Spared'))).status).toBe(201);
    await expect(h.call('POST', '/v1/betaGroups', group('Faulted'))).rejects.toThrow();
    expect(h.fake.faults.pending).toBe(0);
    expect([...h.fake.state.groups.values()].map((g) => g.name)).toEqual(['Spared']);
  });

  it('resets the connection before handling: nothing changes', async () => {
    h = await startHarness();
    const app = h.fake.state.addApp({ bundleId: 'com.example.app' });
    h.fake.faults.add({ kind: 'reset', method: 'POST', path: '/v1/betaGroups' });
    const body = {
      data: {
        type: 'betaGroups',
        attributes: { name: 'G' },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    };
    await expect(h.call('POST', '/v1/betaGroups', body)).rejects.toThrow();
    expect(h.fake.state.groups.size).toBe(0);
    expect(h.fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/betaGroups',
      status: 0,
    });
    expect((await h.call('POST', '/v1/betaGroups', body)).status).toBe(201);
  });

  it('resets after handling: the change is made and the answer lost', async () => {
    h = await startHarness();
    const app = h.fake.state.addApp({ bundleId: 'com.example.app' });
    h.fake.faults.add({ kind: 'reset-after', method: 'POST' });
    const body = {
      data: {
        type: 'betaGroups',
        attributes: { name: 'G' },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    };
    await expect(h.call('POST', '/v1/betaGroups', body)).rejects.toThrow();
    expect(h.fake.state.groups.size).toBe(1);
    expect(h.fake.requests.at(-1)).toMatchObject({ status: 201 });
  });

  it('answers a gateway 504 after handling: the change is made and the answer says it failed', async () => {
    h = await startHarness();
    const app = h.fake.state.addApp({ bundleId: 'com.example.app' });
    h.fake.faults.add({ kind: 'status-after', status: 504, method: 'POST' });
    const body = {
      data: {
        type: 'betaGroups',
        attributes: { name: 'G' },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    };
    const answer = await h.call('POST', '/v1/betaGroups', body);
    expect(answer.status).toBe(504);
    expect(answer.body).toMatch(/<html>/);
    expect(h.fake.state.groups.size).toBe(1);
    expect(h.fake.requests.at(-1)).toMatchObject({ status: 504 });
  });

  it('hangs until close(), and close() does not wait for the hung request', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'hang', path: '/v1/apps' });
    const pending = h.get('/v1/apps');
    const outcome = pending.then(
      () => 'answered',
      () => 'failed',
    );
    // The request reaches the fake over loopback I/O, which a count of event-loop turns does not bound on a
    // busy machine (1000 setImmediate turns were not always enough); wait for it, for at most 5 s.
    for (const until = Date.now() + 5_000; h.fake.requests.length === 0 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 5));
    expect(h.fake.requests).toHaveLength(1);
    await h.fake.close();
    expect(await outcome).toBe('failed');
  });

  it('answers 403 FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED when agreements lapse', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'forbidden', method: 'GET' });
    const r = await h.get('/v1/apps');
    expect(r.status).toBe(403);
    expect(r.body.errors[0]).toMatchObject({
      status: '403',
      code: 'FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED',
      links: { see: '/agreements' },
    });
  });

  it('clears armed faults', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'status', status: 500, body: 'json', times: Infinity });
    expect(h.fake.faults.pending).toBe(1);
    expect((await h.get('/v1/apps')).status).toBe(500);
    expect((await h.get('/v1/apps')).status).toBe(500);
    h.fake.faults.clear();
    expect((await h.get('/v1/apps')).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, decoded query, parsed body, status, clock time and kid', async () => {
    h = await startHarness();
    const app = h.fake.state.addApp({ bundleId: 'com.example.app' });
    await h.get(`/v1/betaGroups?filter%5Bapp%5D=${app.id}&limit=5`);
    h.advance(1234);
    const body = {
      data: {
        type: 'betaGroups',
        attributes: { name: 'G' },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    };
    await h.call('POST', '/v1/betaGroups', body);
    expect(h.fake.requests).toEqual([
      {
        method: 'GET',
        path: '/v1/betaGroups',
        query: { 'filter[app]': app.id, limit: '5' },
        body: undefined,
        status: 200,
        time: h.now() - 1234,
        receivedAt: expect.any(Number),
        answeredAt: expect.any(Number),
        kid: 'TESTKEY123',
      },
      {
        method: 'POST',
        path: '/v1/betaGroups',
        query: {},
        body,
        status: 201,
        time: h.now(),
        receivedAt: expect.any(Number),
        answeredAt: expect.any(Number),
        kid: 'TESTKEY123',
      },
    ]);
  });

  it('times arrival and answer in real time on one clock, whatever the injected clock says', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'latency', ms: 30, path: '/v1/apps', times: 1 });
    const before = performance.now();
    await h.get('/v1/apps');
    h.advance(60_000);
    await h.get('/v1/apps');
    const [first, second] = h.fake.requests;
    expect(first!.receivedAt).toBeGreaterThanOrEqual(before);
    // The latency is spent between arrival and answer (a timer may fire a millisecond early: some slack);
    // the next request starts after the answer came back.
    expect(first!.answeredAt! - first!.receivedAt).toBeGreaterThanOrEqual(25);
    expect(second!.receivedAt).toBeGreaterThanOrEqual(first!.answeredAt!);
    expect(second!.answeredAt!).toBeGreaterThanOrEqual(second!.receivedAt);
    expect(second!.answeredAt! - before).toBeLessThan(60_000);
  });

  it('times a cut connection when it is cut, and leaves a hung request without an answer time', async () => {
    h = await startHarness();
    h.fake.faults.add({ kind: 'reset', path: '/v1/apps', times: 1 });
    await expect(h.get('/v1/apps')).rejects.toThrow();
    expect(h.fake.requests[0]!.answeredAt).toBeGreaterThanOrEqual(h.fake.requests[0]!.receivedAt);
    h.fake.faults.add({ kind: 'hang', path: '/v1/apps' });
    const hung = h.get('/v1/apps').catch(() => 'cut by close()');
    for (const until = Date.now() + 5_000; h.fake.requests.length < 2 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 5));
    expect(h.fake.requests[1]!.status).toBe(0);
    expect(h.fake.requests[1]!.answeredAt).toBeUndefined();
    await h.fake.close();
    await hung;
  });
});

describe('onAnswer', () => {
  it('sees each answered request before the client does, so a change made there shows in the next answer', async () => {
    const seen: [string, string, number][] = [];
    h = await startHarness({
      onAnswer: (entry) => {
        seen.push([entry.method, entry.path, entry.status]);
        if (seen.length === 1) h.fake.state.addApp({ bundleId: 'com.example.late' });
      },
    });
    h.fake.faults.add({ kind: 'status', status: 503, body: 'json', times: 1 });
    expect((await h.get('/v1/apps')).status).toBe(503);
    // The app added after the first answer is in the second, and the fault's answer was reported too.
    const after = await h.get('/v1/apps');
    expect(
      after.body.data.map((a: { attributes: { bundleId: string } }) => a.attributes.bundleId),
    ).toEqual(['com.example.late']);
    expect(seen).toEqual([
      ['GET', '/v1/apps', 503],
      ['GET', '/v1/apps', 200],
    ]);
  });
});
