// The fault matrix (npm run test:chaos) takes its rows from OPERATION_KINDS: this, in npm test, fails when a kind
// has no world to occur in, does not occur there, or names no request the fault can be put on.
import { describe, expect } from 'vitest';
import { reconcile } from '../../src/reconcile/index.js';
import { OPERATION_KINDS } from '../../src/reconcile/operations.js';
import type { OperationKind } from '../../src/reconcile/result.js';
import { reconcileTarget } from '../helpers/factories.js';
import { integrationTest as it, reconcileDeps } from '../helpers/integration.js';
import { RECONCILE_READS, seedWorld, WORLD_OF } from './fault-world.js';

describe('the fault matrix covers', () => {
  it('every operation kind, with a world where it occurs and the request that carries it', async ({
    startClientAndFake,
  }) => {
    expect(Object.keys(WORLD_OF).sort()).toEqual([...OPERATION_KINDS].sort());
    for (const name of new Set(Object.values(WORLD_OF))) {
      const s = await startClientAndFake();
      const world = seedWorld(s.fake, name);
      const result = await reconcile(
        reconcileTarget(),
        world.desired,
        s.api,
        reconcileDeps(s.clock),
        {
          dryRun: false,
        },
      );
      const kinds = (Object.keys(WORLD_OF) as OperationKind[]).filter((k) => WORLD_OF[k] === name);
      for (const kind of kinds) {
        expect(
          result.plan.map((o) => o.op),
          kind,
        ).toContain(kind);
        const request = world.requestOf[kind];
        expect(request, kind).toBeDefined();
        const carried = s.fake.requests.filter(
          (r) =>
            r.method === request!.method &&
            (typeof request!.path === 'string'
              ? r.path === request!.path
              : request!.path.test(r.path)),
        );
        expect(carried.length, kind).toBeGreaterThan(0);
      }
      if (name === 'first-distribution') {
        for (const read of RECONCILE_READS) {
          expect(
            s.fake.requests.some((r) => r.method === 'GET' && read.path.test(r.path)),
            read.name,
          ).toBe(true);
        }
      }
    }
  });
});
