// The summary's metrics, read after a reconcile through the real client and the fake: every group's usage, the
// public link's, and the adoption funnel from the members the run read (or, when it read none or changed them,
// from a fresh first page); all at once, each sent once; a failure leaves the figure out with one warning.
import { describe, expect, it as unit } from 'vitest';
import { readGroupMetrics, reconcile } from '../../src/reconcile/index.js';
import { testerFunnel } from '../../src/reconcile/metrics.js';
import { completeTestInformation } from '../fake-asc/index.js';
import {
  desiredGroup,
  desiredState,
  reconcileResult,
  reconcileTarget,
  testerInfo,
} from '../helpers/factories.js';
import { integrationTest as it, reconcileDeps, type StartWithApp } from '../helpers/integration.js';

async function world(startWithApp: StartWithApp) {
  const setup = await startWithApp();
  const st = setup.fake.state;
  st.setTestInformation(setup.app.id, completeTestInformation());
  const beta = st.addGroup({
    appId: setup.app.id,
    name: 'Beta',
    publicLinkEnabled: true,
    publicLinkId: 'AbCd1234',
    publicLinkLimitEnabled: true,
    publicLinkLimit: 100,
  });
  const qa = st.addGroup({ appId: setup.app.id, name: 'QA', isInternal: true });
  // Neither group holds a build, so the NOT_INVITED member stays so, in the fake as on Apple.
  const states = ['INSTALLED', 'ACCEPTED', 'INVITED', 'NOT_INVITED'] as const;
  const members = states.map((state, i) =>
    st.addTester({ email: `m${i}@example.com`, state, groupIds: [beta.id, qa.id] }),
  );
  st.addTesterUsage({ testerId: members[0]!.id, appId: setup.app.id, sessions: 9, crashes: 1 });
  st.setPublicLinkUsage(beta.id, { viewCount: 70, acceptedCount: 25 });
  const run = (testers: string[], dryRun: boolean) =>
    reconcile(
      reconcileTarget({ build: null }),
      desiredState({
        groups: [
          desiredGroup('Beta', { testers: testers.map((email) => ({ email })) }),
          desiredGroup('QA'),
        ],
      }),
      setup.api,
      reconcileDeps(setup.clock),
      { dryRun },
    );
  return { ...setup, st, beta, qa, members, run };
}

describe('readGroupMetrics', () => {
  it('reads usage, link usage and the funnel of every group, reusing the members a dry run read', async ({
    startWithApp,
  }) => {
    const w = await world(startWithApp);
    const emails = w.members.map((m) => m.email);
    const result = await w.run(emails, true);
    const mark = w.fake.requests.length;
    const warnings: string[] = [];
    const metrics = await readGroupMetrics(w.api, result.groups, (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(metrics).toEqual([
      {
        name: 'Beta',
        usage: { sessions: 9, crashes: 1, feedback: 0, testers: 1, totalTesters: 1 },
        hasPublicLink: true,
        publicLink: { views: 70, accepted: 25, didNotAccept: 0, didNotMeetCriteria: 0, limit: 100 },
        funnel: {
          counted: 4,
          total: 4,
          invited: 3,
          accepted: 2,
          installed: 1,
          notInvited: 1,
          revoked: 0,
          notInstalled: ['m1@example.com', 'm2@example.com'],
          notInstalledCount: 2,
        },
      },
      expect.objectContaining({ name: 'QA', hasPublicLink: false, publicLink: null }),
    ]);
    // The run read this small app's testers in full, with their groups, so both groups' members are known
    // (QA declares none): only the metrics are asked for. No request waits on another.
    expect(result.groups.map((g) => g.members?.length)).toEqual([4, 4]);
    const paths = w.fake.requests.slice(mark).map((r) => r.path);
    expect(paths.sort()).toEqual(
      [
        `/v1/betaGroups/${w.beta.id}/metrics/betaTesterUsages`,
        `/v1/betaGroups/${w.beta.id}/metrics/publicLinkUsages`,
        `/v1/betaGroups/${w.qa.id}/metrics/betaTesterUsages`,
      ].sort(),
    );
    expect(metrics[1]!.funnel).toMatchObject({ counted: 4, installed: 1 });
  });

  it('asks nothing about a group the run deleted or would delete', async ({ startWithApp }) => {
    const w = await world(startWithApp);
    const result = await w.run([], true);
    const mark = w.fake.requests.length;
    const gone = result.groups.map((g) => ({ ...g, deleted: true }));
    expect(await readGroupMetrics(w.api, gone, () => {})).toEqual([]);
    expect(w.fake.requests.length).toBe(mark);
  });

  it('reads afresh the members of a group the run changed', async ({ startWithApp }) => {
    const w = await world(startWithApp);
    const result = await w.run([...w.members.map((m) => m.email), 'new@example.com'], false);
    expect(result.groups[0]!.members).toBeNull();
    const mark = w.fake.requests.length;
    const metrics = await readGroupMetrics(w.api, result.groups, () => {});
    expect(w.fake.requests.slice(mark).map((r) => r.path)).toContain(
      `/v1/betaGroups/${w.beta.id}/betaTesters`,
    );
    // The new tester joined a group without a build: Apple (and the fake) leave them NOT_INVITED.
    expect(metrics[0]!.funnel).toMatchObject({ counted: 5, total: 5, invited: 3, notInvited: 2 });
  });

  it('leaves out what fails, with one warning, and never throws', async ({ startWithApp }) => {
    const w = await world(startWithApp);
    const result = await w.run([], true);
    w.fake.faults.add({
      kind: 'status',
      status: 500,
      body: 'json',
      path: /metrics\/betaTesterUsages$/,
      times: Infinity,
    });
    const warnings: string[] = [];
    const metrics = await readGroupMetrics(w.api, result.groups, (line) => warnings.push(line));
    expect(metrics.map((m) => m.usage)).toEqual([null, null]);
    expect(metrics[0]!.publicLink).toMatchObject({ views: 70 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Could not read the tester usage of Beta, tester usage of QA from App Store Connect \(GET \/v1\/betaGroups\/[^/]+\/metrics\/betaTesterUsages: 500.*\), so the summary leaves them out; the run itself is not affected\.$/,
    );
    expect(w.slept).toEqual([]);
  });
});

describe('readGroupMetrics, in parallel', () => {
  unit('asks for every figure of every group before any answer comes back', async () => {
    const asked: string[] = [];
    const answers: (() => void)[] = [];
    const later = <T>(what: string, value: T) => {
      asked.push(what);
      return new Promise<T>((resolve) => answers.push(() => resolve(value)));
    };
    const usage = { sessions: 1, crashes: 0, feedback: 0, testers: 1, totalTesters: 1 };
    const api = {
      readGroupTesterUsage: (id: string) => later(`usage ${id}`, usage),
      readPublicLinkUsage: (id: string) =>
        later(`link ${id}`, { views: 1, accepted: 1, didNotAccept: 0, didNotMeetCriteria: 0 }),
      sampleGroupTesters: (id: string) => later(`testers ${id}`, { testers: [], total: 0 }),
    } as unknown as Parameters<typeof readGroupMetrics>[0];
    // An existing group (a group the run created has no usage to ask for: see below).
    const group = { ...reconcileResult().groups[1]!, created: false };
    const reading = readGroupMetrics(
      api,
      [
        { ...group, id: 'g-1' },
        { ...group, id: 'g-2', publicLink: null },
        { ...group, id: null, name: 'To create' },
      ],
      () => {},
    );
    await Promise.resolve();
    expect(asked.sort()).toEqual([
      'link g-1',
      'testers g-1',
      'testers g-2',
      'usage g-1',
      'usage g-2',
    ]);
    for (const answer of answers) answer();
    expect((await reading).map((m) => m.name)).toEqual([group.name, group.name]);
  });
});

describe('testerFunnel', () => {
  unit(
    'counts each stage with the later ones, and names who was invited but never installed',
    () => {
      const member = (email: string, state: string | null) => ({ ...testerInfo(email), state });
      const funnel = testerFunnel(
        [
          member('a@x', 'INSTALLED'),
          member('b@x', 'ACCEPTED'),
          member('c@x', 'INVITED'),
          member('d@x', 'REVOKED'),
          member('e@x', null),
        ],
        250,
      );
      expect(funnel).toEqual({
        counted: 5,
        total: 250,
        invited: 3,
        accepted: 2,
        installed: 1,
        notInvited: 0,
        revoked: 1,
        notInstalled: ['b@x', 'c@x'],
        notInstalledCount: 2,
      });
    },
  );
});
