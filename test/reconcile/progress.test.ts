// What reconcile() tells its onStop when a run stops on an error: the app, the build and the declared groups as
// it read them, its warnings, and each operation that took effect before the stop. Against the fake over HTTP.
import { describe, expect } from 'vitest';
import {
  reconcile,
  ReconcileError,
  type DesiredState,
  type ReconcileProgress,
  type ReconcileTarget,
} from '../../src/reconcile/index.js';
import { desiredGroup, desiredState, reconcileTarget } from '../helpers/factories.js';
import { integrationTest as it, type StartWithApp } from '../helpers/integration.js';

async function stopped(
  startWithApp: StartWithApp,
  seed: (started: Awaited<ReturnType<StartWithApp>>) => void,
  target: Partial<ReconcileTarget>,
  desired: Partial<DesiredState>,
): Promise<{ progress: ReconcileProgress[]; error: unknown }> {
  const started = await startWithApp();
  seed(started);
  const progress: ReconcileProgress[] = [];
  const error = await reconcile(
    reconcileTarget(target),
    desiredState(desired),
    started.api,
    {
      now: started.clock.now,
      sleep: started.clock.sleep,
      log: () => {},
      warn: () => {},
      phase: (_name, phase) => phase(),
      onStop: (p) => progress.push(p),
    },
    { dryRun: false },
  ).then(
    () => null,
    (e: unknown) => e,
  );
  return { progress, error };
}

describe('reconcile: where a run stood when it stopped', () => {
  it('after changes: the groups and build as read, the warnings and every operation that took effect', async ({
    startWithApp,
  }) => {
    const { progress, error } = await stopped(
      startWithApp,
      ({ fake, app }) => {
        // The agreements lapse before the submission: it is refused after the rest (a hotfix of a version in
        // review is no failure any more, so this test stops on another refusal).
        fake.faults.add({
          kind: 'forbidden',
          method: 'POST',
          path: '/v1/betaAppReviewSubmissions',
          times: Infinity,
        });
        fake.state.addBuild({ appId: app.id, version: '42', marketingVersion: '1.2.0' });
        fake.state.addGroup({ appId: app.id, name: 'Beta' });
        fake.state.addGroup({
          appId: app.id,
          name: 'Team',
          isInternal: true,
          hasAccessToAllBuilds: true,
        });
        fake.state.addGroup({ appId: app.id, name: 'Old Beta' });
      },
      {},
      {
        groups: [
          desiredGroup('Beta'),
          desiredGroup('Team', { publicLink: 'enabled' }),
          desiredGroup('Fresh', { createAs: 'external' }),
          desiredGroup('Old Beta', { absent: true }),
          desiredGroup('Never There', { absent: true }),
        ],
      },
    );
    expect(error).toBeInstanceOf(ReconcileError);
    expect((error as Error).message).toMatch(
      /^App Store Connect refused to submit build 42 \(1\.2\.0\) for Beta App Review \(.*403.*\), after 2 other changes of this run/,
    );
    expect(progress).toHaveLength(1);
    const [stop] = progress as [ReconcileProgress];
    expect(stop.app?.bundleId).toBe('com.example.app');
    expect(stop.build?.number).toBe('42');
    expect(stop.groups.map((g) => [g.name, g.type, g.build, g.id === null])).toEqual([
      ['Beta', 'external', 'missing', false],
      ['Team', 'internal', 'all-builds', false],
      ['Fresh', 'external', 'missing', true],
      // Declared absent: no build expected; the one that is not there is left out.
      ['Old Beta', 'external', null, false],
    ]);
    expect(stop.warnings).toEqual([
      'Group Team is internal, and public-link, public-link-limit and feedback-enabled apply only to external groups, so they were left alone for it.',
    ]);
    expect(stop.done.map((op) => [op.op, op.target]).sort()).toEqual([
      ['add-build', 'build 42'],
      ['create-group', 'Fresh'],
    ]);
  });

  it('before the build: the app and the groups, nothing done', async ({ startWithApp }) => {
    const { progress, error } = await stopped(
      startWithApp,
      ({ fake, app }) => fake.state.addGroup({ appId: app.id, name: 'Beta' }),
      {
        build: { number: '99', marketingVersion: null },
        waits: { processingMinutes: 0, reviewMinutes: 0 },
      },
      {},
    );
    expect((error as Error).message).toMatch(/^Build 99 of Example/);
    expect(progress).toEqual([
      {
        dryRun: false,
        app: { id: expect.any(String), bundleId: 'com.example.app', name: 'Example' },
        build: null,
        groups: [
          {
            name: 'Beta',
            id: expect.any(String),
            type: 'external',
            build: null,
            members: null,
            publicLink: null,
          },
        ],
        warnings: [],
        done: [],
      },
    ]);
  });

  it('on an unknown group: the app alone', async ({ startWithApp }) => {
    const { progress } = await stopped(startWithApp, () => {}, {}, {});
    expect(progress.map((p) => [p.app?.name, p.groups, p.done])).toEqual([['Example', [], []]]);
  });
});
