// The hooks a test of the bundled action uses to act between its requests: onAnswered (the answer was handed to
// the socket: an interruption test kills the client there) and the bearer tokens the fake was sent (the e2e
// harness's secret scan looks for each of them in what a run showed).
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './fake-harness.js';

let h: Harness;
afterEach(async () => {
  await h.fake.close();
});

describe('onAnswered', () => {
  it('comes after onAnswer, once the answer is written; never for a connection cut before an answer', async () => {
    const order: string[] = [];
    h = await startHarness({
      onAnswer: (entry) => order.push(`decided ${entry.status}`),
      onAnswered: (entry) => order.push(`written ${entry.status}`),
    });
    expect((await h.get('/v1/apps')).status).toBe(200);
    h.fake.faults.add({ kind: 'reset-after', path: '/v1/apps' });
    await expect(h.get('/v1/apps')).rejects.toThrow();
    h.fake.faults.add({ kind: 'status-after', status: 504, path: '/v1/apps' });
    expect((await h.get('/v1/apps')).status).toBe(504);
    expect(order).toEqual([
      'decided 200',
      'written 200',
      'decided 200',
      'decided 200',
      'written 504',
    ]);
  });
});

describe('bearerTokens', () => {
  it('holds every bearer token sent, verified or not, once each', async () => {
    h = await startHarness();
    const token = await h.token();
    await h.call('GET', '/v1/apps', undefined, { token });
    await h.call('GET', '/v1/apps', undefined, { token });
    expect((await h.call('GET', '/v1/apps', undefined, { token: 'not-a-jwt' })).status).toBe(401);
    expect([...h.fake.bearerTokens]).toEqual([token, 'not-a-jwt']);
  });
});
