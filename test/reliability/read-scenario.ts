// How a read world is run: the reconcile, export-config's read, or a clean run followed by the summary's metrics
// (the fault armed between the two, so it falls on the metrics alone).
import type { AscApi } from '../../src/asc/index.js';
import {
  readGroupMetrics,
  readSnapshot,
  reconcile,
  type GroupMetrics,
  type ReconcileResult,
  type TestFlightSnapshot,
} from '../../src/reconcile/index.js';
import { reconcileDeps } from '../helpers/integration.js';
import type { ClientAndFake } from '../helpers/integration.js';
import type { ReadWorld } from './read-worlds.js';

export type ScenarioOutcome =
  | { scenario: 'reconcile'; result: ReconcileResult; warnings: string[] }
  | { scenario: 'export'; snapshot: TestFlightSnapshot; warnings: string[] }
  | { scenario: 'metrics'; metrics: GroupMetrics[]; warnings: string[] };

/** Runs the world's scenario on `api`; `arm` puts the row's faults on just before the faulted part. */
export async function runScenario(
  world: ReadWorld,
  s: ClientAndFake,
  api: AscApi,
  arm: () => void = () => {},
): Promise<ScenarioOutcome> {
  const warnings: string[] = [];
  const run = () =>
    reconcile(world.target, world.desired, api, reconcileDeps(s.clock, { warnings }), {
      dryRun: false,
    });
  switch (world.scenario) {
    case 'reconcile':
      arm();
      return { scenario: 'reconcile', result: await run(), warnings };
    case 'export':
      arm();
      return {
        scenario: 'export',
        snapshot: await readSnapshot(world.target.app, api, world.desired.hints),
        warnings,
      };
    case 'metrics': {
      const { groups } = await run();
      arm();
      const metrics = await readGroupMetrics(api, groups, (line) => warnings.push(line));
      return { scenario: 'metrics', metrics, warnings };
    }
  }
}
