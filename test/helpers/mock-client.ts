// The client against undici's MockAgent, for answers the fake cannot be asked for (a repeating cursor, a 200
// that is not JSON, a lost notification): no sockets, and every agent a test made is closed after it.
import { MockAgent, type Interceptable } from 'undici';
import { test } from 'vitest';
import { createAscApi, type AscApiOptions, type AscClient } from '../../src/asc/index.js';
import { makeTestKey } from './keys.js';

export interface MockClient {
  api: AscClient;
  /** Where a test sets up the answers for the base URL's origin. */
  pool: Interceptable;
  /** Every backoff the client asked for, in ms (sleeping takes no time). */
  slept: number[];
}

type MockClientOptions = Partial<Omit<AscApiOptions, 'dispatcher'>>;

export const mockClientTest = test.extend<{
  mockClient: (options?: MockClientOptions) => MockClient;
}>({
  mockClient: async ({}, use) => {
    const agents: MockAgent[] = [];
    await use((options = {}) => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agents.push(agent);
      const key = makeTestKey();
      const slept: number[] = [];
      const baseUrl = options.baseUrl ?? 'https://asc.test';
      const api = createAscApi({
        keyId: key.kid,
        issuerId: key.issuerId!,
        privateKey: key.pem,
        sleep: async (ms) => {
          slept.push(ms);
        },
        random: () => 0.5,
        ...options,
        baseUrl,
        dispatcher: agent,
      });
      return { api, pool: agent.get(new URL(baseUrl).origin), slept };
    });
    for (const agent of agents) await agent.close();
  },
});
