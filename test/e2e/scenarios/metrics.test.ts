// The summary's Testers section through dist/index.js: each declared group's adoption funnel, its 30-day usage
// and its public link against the limit, read beside the reads after the run; a metrics endpoint answering 500 is
// one warning and a figure left out, never a failed run (each metric is one attempt: no retry, no wait).
import { describe, expect } from 'vitest';
import { runAction } from '../run-action.js';
import { scenarioTest as it, expectOk } from './scenario-test.js';

const METRIC_PATH = /\/v1\/betaGroups\/[^/]+\/metrics\//;

describe('metrics in the summary', () => {
  it('shows each group’s funnel, usage and public link usage', async ({ scenario }) => {
    const { fake, app, build, inputs, addGroup } = scenario;
    const beta = addGroup('Beta', {
      buildIds: new Set([build.id]),
      publicLinkEnabled: true,
      publicLinkId: 'Mtr1cs42',
      publicLinkLimitEnabled: true,
      publicLinkLimit: 200,
    });
    const states = ['INSTALLED', 'INSTALLED', 'ACCEPTED', 'INVITED'] as const;
    const members = states.map((state, i) =>
      fake.state.addTester({ email: `m${i}@example.com`, state, groupIds: [beta.id] }),
    );
    fake.state.addTesterUsage({
      testerId: members[0]!.id,
      appId: app.id,
      sessions: 40,
      crashes: 2,
    });
    fake.state.addTesterUsage({
      testerId: members[1]!.id,
      appId: app.id,
      sessions: 2,
      feedback: 3,
    });
    // Usage older than 30 days is not in the period the summary shows.
    fake.state.addTesterUsage({
      testerId: members[1]!.id,
      appId: app.id,
      sessions: 500,
      at: fake.state.now() - 45 * 24 * 3600 * 1000,
    });
    fake.state.setPublicLinkUsage(beta.id, { viewCount: 300, acceptedCount: 150 });

    const run = await runAction(inputs({ groups: 'Beta', 'dry-run': 'true' }));
    expectOk(run);
    expect(run.stdout).not.toContain('::warning::Could not read');
    const testers = run.summary.slice(run.summary.indexOf('<h3>Testers</h3>'));
    expect(testers).toContain(
      '<tr><td>Beta</td><td>4 invited → 3 accepted → 2 installed</td>' +
        '<td>2 (m2@example.com, m3@example.com)</td><td>42</td><td>2</td><td>3</td>' +
        '<td>300 views · 150 of 200 joined (75%)</td></tr>',
    );
    // One request per metric, each with the period and grouping Apple requires.
    const metricReads = fake.requests.filter((r) => METRIC_PATH.test(r.path));
    expect(metricReads.map((r) => r.path.replace(beta.id, 'ID')).sort()).toEqual([
      '/v1/betaGroups/ID/metrics/betaTesterUsages',
      '/v1/betaGroups/ID/metrics/publicLinkUsages',
    ]);
    expect(metricReads.find((r) => r.path.endsWith('betaTesterUsages'))!.query).toMatchObject({
      period: 'P30D',
      groupBy: 'betaTesters',
    });
  });

  it('a metrics endpoint answering 500 is a warning, and the run still succeeds', async ({
    scenario,
  }) => {
    const { fake, inputs, addGroup } = scenario;
    addGroup('Beta', { publicLinkEnabled: true, publicLinkId: 'Fault500' });
    fake.faults.add({
      kind: 'status',
      status: 500,
      body: 'json',
      method: 'GET',
      path: /\/metrics\/betaTesterUsages$/,
      times: Infinity,
    });
    const run = await runAction(inputs({ groups: 'Beta' }));
    expectOk(run);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings.filter((l) => l.includes('Could not read'))).toEqual([
      expect.stringMatching(
        /^::warning::Could not read the tester usage of Beta from App Store Connect \(.+\), so the summary leaves it out; the run itself is not affected\.$/,
      ),
    ]);
    // Sent once: a metric is not worth a backoff.
    expect(fake.requests.filter((r) => r.path.endsWith('/metrics/betaTesterUsages'))).toHaveLength(
      1,
    );
    const testers = run.summary.slice(run.summary.indexOf('<h3>Testers</h3>'));
    expect(testers).toMatch(
      /<tr><td>Beta<\/td><td>[^<]+<\/td><td>[^<]+<\/td><td>not available<\/td>/,
    );
    expect(testers).toContain('Some figures could not be read from App Store Connect');
    expect(run.outputs.changes).not.toBe('');
  });
});
