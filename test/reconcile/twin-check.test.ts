// The read-back of created groups: the creates that answer together share one group list, asked for once none
// is in flight; a same-name group listed before the created one wins (the created one is deleted); a failed
// create neither blocks the others' list nor hides its own error. Then through reconcile() and the fake.
import { describe, expect, it as unit } from 'vitest';
import type { GroupInfo } from '../../src/asc/index.js';
import { reconcile } from '../../src/reconcile/index.js';
import { createWithTwinCheck } from '../../src/reconcile/twin-check.js';
import { desiredGroup, desiredState, reconcileTarget } from '../helpers/factories.js';
import { integrationTest as it, reconcileDeps } from '../helpers/integration.js';

function group(id: string, name: string): GroupInfo {
  return { id, name } as GroupInfo;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createWithTwinCheck', () => {
  unit(
    'lists the groups once for creates that answer together, after the last answer',
    async () => {
      const lists: GroupInfo[][] = [];
      const deleted: string[] = [];
      const listed = [group('g-a', 'A'), group('g-b', 'B')];
      const api = {
        listGroups: async () => (lists.push(listed), listed),
        deleteGroup: async (id: string) => void deleted.push(id),
      };
      const create = createWithTwinCheck(api, 'app');
      const a = deferred<GroupInfo>();
      const b = deferred<GroupInfo>();
      const keptA = create(() => a.promise);
      const keptB = create(() => b.promise);
      a.resolve(group('g-a', 'A'));
      await settle();
      expect(lists).toHaveLength(0);
      b.resolve(group('g-b', 'B'));
      expect(await Promise.all([keptA, keptB])).toEqual(listed);
      expect(lists).toHaveLength(1);
      expect(deleted).toEqual([]);
    },
  );

  unit('keeps the earlier of two same-name groups and deletes its own', async () => {
    const deleted: string[] = [];
    const api = {
      listGroups: async () => [group('g-theirs', 'Beta'), group('g-ours', 'Beta')],
      deleteGroup: async (id: string) => void deleted.push(id),
    };
    const kept = await createWithTwinCheck(api, 'app')(async () => group('g-ours', 'Beta'));
    expect(kept.id).toBe('g-theirs');
    expect(deleted).toEqual(['g-ours']);
  });

  unit('a failed create throws its own error, and the others still get their list', async () => {
    const api = {
      listGroups: async () => [group('g-a', 'A')],
      deleteGroup: async () => {},
    };
    const create = createWithTwinCheck(api, 'app');
    const failing = deferred<GroupInfo>();
    const keptA = create(async () => group('g-a', 'A'));
    const refused = create(() => failing.promise);
    failing.reject(new Error('refused'));
    await expect(refused).rejects.toThrow('refused');
    expect((await keptA).id).toBe('g-a');
  });
});

describe('created groups, read back', () => {
  it('two groups created in one run are read back in one group list', async ({ startWithApp }) => {
    const { api, fake, clock, app } = await startWithApp();
    const result = await reconcile(
      reconcileTarget({ build: null }),
      desiredState({
        groups: [
          desiredGroup('One', { createAs: 'external' }),
          desiredGroup('Two', { createAs: 'external' }),
        ],
      }),
      api,
      reconcileDeps(clock),
      { dryRun: false },
    );
    expect(result.createdGroups).toEqual(['One', 'Two']);
    const creates = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/betaGroups');
    const lists = fake.requests.filter(
      (r) => r.method === 'GET' && r.path === '/v1/betaGroups' && r.query['filter[app]'] === app.id,
    );
    expect(creates).toHaveLength(2);
    expect(lists).toHaveLength(1);
    expect(fake.requests.indexOf(lists[0]!)).toBeGreaterThan(fake.requests.indexOf(creates[1]!));
  });
});
