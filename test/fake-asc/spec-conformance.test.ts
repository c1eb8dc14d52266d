// The fake against Apple's spec: every operation answered, every GET valid, strict bodies, violations logged.
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo, type DemoData } from './demo.js';
import { handlerFor } from './routes/route-table.js';
import { loadSpecOperations } from './spec-operations.js';
import { startHarness, type Harness } from './fake-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

describe('coverage of the spec', () => {
  it('has a handler for every operation in the spec', () => {
    const missing = loadSpecOperations()
      .all()
      .filter((op) => !handlerFor(op.method, op.template))
      .map((op) => `${op.method} ${op.template}`);
    expect(missing).toEqual([]);
  });

  it('answers every GET of the spec on the demo data with 200 and a spec-valid document', async () => {
    h = await startHarness();
    const demo: DemoData = seedDemo(h.fake.state);
    const criterion = await h.call('POST', '/v1/betaRecruitmentCriteria', {
      data: {
        type: 'betaRecruitmentCriteria',
        attributes: {
          deviceFamilyOsVersionFilters: [{ deviceFamily: 'IPHONE', minimumOsInclusive: '17.0' }],
        },
        relationships: {
          betaGroup: { data: { type: 'betaGroups', id: demo.groups.publicBeta.id } },
        },
      },
    });
    expect(criterion.status).toBe(201);
    const build = demo.builds.approved;
    const idFor: Record<string, string> = {
      apps: demo.app.id,
      builds: build.id,
      betaGroups: demo.groups.publicBeta.id,
      betaTesters: demo.testers[2]!.id,
      preReleaseVersions: build.preReleaseVersionId,
      buildBetaDetails: build.buildBetaDetailId,
      betaBuildLocalizations: [...h.fake.state.localizations.keys()][0]!,
      betaAppReviewSubmissions: [...h.fake.state.reviewSubmissions.keys()][0]!,
      betaAppLocalizations: [...h.fake.state.betaAppLocalizations.keys()][0]!,
      betaAppReviewDetails: h.fake.state.reviewDetails.get(demo.app.id)!.id,
      betaLicenseAgreements: h.fake.state.licenseAgreements.get(demo.app.id)!.id,
      appEncryptionDeclarations: demo.encryptionDeclaration.id,
    };
    const required: Record<string, string> = {
      '/v1/betaAppReviewSubmissions': `filter[build]=${build.id}`,
      '/v1/betaAppReviewDetails': `filter[app]=${demo.app.id}`,
      '/v1/betaTesters/{id}/metrics/betaTesterUsages': `filter[apps]=${demo.app.id}`,
      '/v1/betaGroups/{id}/metrics/betaTesterUsages': 'groupBy=betaTesters',
    };
    const failures: string[] = [];
    for (const op of loadSpecOperations()
      .all()
      .filter((o) => o.method === 'GET')) {
      const type = op.template.split('/')[2] ?? '';
      const path = op.template.replace('{id}', idFor[type] ?? 'missing');
      const query = required[op.template];
      const r = await h.get(query ? `${path}?${query}` : path);
      if (r.status !== 200)
        failures.push(`${op.template} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  });

  it('includes every include value the spec offers for groups and builds without violations', async () => {
    h = await startHarness();
    const demo = seedDemo(h.fake.state);
    const ops = loadSpecOperations();
    for (const [template, id] of [
      ['/v1/betaGroups/{id}', demo.groups.publicBeta.id],
      ['/v1/builds/{id}', demo.builds.approved.id],
      ['/v1/apps/{id}', demo.app.id],
      ['/v1/betaTesters/{id}', demo.testers[3]!.id],
    ] as const) {
      const include = ops
        .all()
        .find((o) => o.method === 'GET' && o.template === template)
        ?.query.get('include');
      const values = (include?.schema.items?.enum ?? []) as string[];
      const r = await h.get(`${template.replace('{id}', id)}?include=${values.join(',')}`);
      expect(r.status).toBe(200);
    }
    expect(h.fake.violations).toEqual([]);
  });
});

describe('strict requests', () => {
  it('refuses bodies without data, with the wrong type, or not JSON', async () => {
    h = await startHarness();
    const app = h.fake.state.addApp({ bundleId: 'com.example.app' });
    const noData = await h.call('POST', '/v1/betaGroups', { type: 'betaGroups' });
    expect(noData.status).toBe(409);
    expect(noData.body.errors.map((e: { code: string }) => e.code)).toContain('ENTITY_ERROR');
    const wrongType = await h.call('POST', '/v1/betaGroups', {
      data: {
        type: 'betaGroup',
        attributes: { name: 'G' },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    });
    expect(wrongType.status).toBe(409);
    expect(wrongType.body.errors[0].source).toEqual({ pointer: '/data/type' });
    const wrongLinkage = await h.call('POST', '/v1/betaGroups', {
      data: {
        type: 'betaGroups',
        attributes: { name: 'G' },
        relationships: { app: { data: { type: 'app', id: app.id } } },
      },
    });
    expect(wrongLinkage.body.errors[0].code).toBe('ENTITY_ERROR.RELATIONSHIP.INVALID');
    const notJson = await h.call('POST', '/v1/betaGroups', undefined, { raw: '{"data": ' });
    expect(notJson.status).toBe(400);
    expect(h.fake.state.groups.size).toBe(0);
    expect(h.fake.violations.filter((v) => v.direction === 'request')).toHaveLength(4);
  });

  it('records the offending request as a request violation, and nothing when validate is false', async () => {
    h = await startHarness();
    await h.get('/v1/apps?filter[nope]=1');
    expect(h.fake.violations).toEqual([
      {
        direction: 'request',
        method: 'GET',
        path: '/v1/apps',
        errors: [expect.stringMatching(/filter\[nope\]/)],
      },
    ]);
    await h.fake.close();
    h = await startHarness({ validate: false });
    expect((await h.get('/v1/apps?filter[nope]=1')).status).toBe(400);
    expect(h.fake.violations).toEqual([]);
  });

  it("sends Apple's nulls by default, spec-valid by the null list; the spec-strict mode leaves them out", async () => {
    h = await startHarness();
    const app = h.fake.state.addApp({ bundleId: 'com.example.app' });
    const g = h.fake.state.addGroup({ appId: app.id, name: 'Internal', isInternal: true });
    const t = h.fake.state.addTester({ email: 'a@example.com', groupIds: [g.id] });
    h.fake.state.addTeamMember('a@example.com');
    expect((await h.get(`/v1/betaGroups/${g.id}`)).body.data.attributes).toMatchObject({
      publicLinkEnabled: null,
      publicLink: null,
      publicLinkId: null,
      publicLinkLimit: null,
    });
    expect((await h.get(`/v1/betaTesters/${t.id}`)).body.data.attributes).toMatchObject({
      firstName: null,
      lastName: null,
    });
    expect(h.fake.violations).toEqual([]);
    await h.fake.close();
    h = await startHarness({ appleNulls: false });
    const app2 = h.fake.state.addApp({ bundleId: 'com.example.app' });
    const g2 = h.fake.state.addGroup({ appId: app2.id, name: 'Internal', isInternal: true });
    const attributes = (await h.get(`/v1/betaGroups/${g2.id}`)).body.data.attributes;
    expect(attributes).not.toHaveProperty('publicLink');
    expect(attributes).toMatchObject({ name: 'Internal', isInternalGroup: true });
    expect(h.fake.violations).toEqual([]);
  });
});
