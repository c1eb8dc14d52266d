// The fake against real App Store Connect responses (spec/asc-openapi/recorded/): every attribute and
// relationship a recorded resource carries, and that Apple's spec defines, the fake returns too; and the
// fake's error bodies have the keys the recorded ones have, where the spec defines them.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from './steps.js';
import { startSession, type Answer, type Session } from './session.js';

const SPEC_DIR = new URL('../../spec/asc-openapi/', import.meta.url);
const readJson = (name: string) =>
  JSON.parse(readFileSync(new URL(name, SPEC_DIR), 'utf8')) as unknown;

type Schema = { properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] };
const schemas = (
  readJson('asc-testflight.oas.json') as { components: { schemas: Record<string, Schema> } }
).components.schemas;

/** Spec-defined attribute and relationship keys of a resource type, e.g. builds → Build's. */
function specKeys(type: string): Set<string> {
  const resource = Object.values(schemas).find(
    (s) => s.properties?.type?.enum?.[0] === type && s.properties.id && s.properties.links,
  );
  if (!resource) throw new Error(`no resource schema with type ${type} in the spec`);
  return new Set(keysOf(resource.properties ?? {}));
}

function keysOf(parts: Record<string, { properties?: Record<string, unknown> } | undefined>) {
  return (['attributes', 'relationships'] as const).flatMap((part) =>
    Object.keys(parts[part]?.properties ?? {}).map((k) => `${part}.${k}`),
  );
}

/** Keys a recorded resource carries, null ones included: Apple keeps the key of an unset attribute. */
function recordedKeys(resources: Resource[]): Set<string> {
  const keys = new Set<string>();
  for (const r of resources) {
    for (const k of Object.keys(r.attributes ?? {})) keys.add(`attributes.${k}`);
    for (const k of Object.keys(r.relationships ?? {})) keys.add(`relationships.${k}`);
  }
  return keys;
}

/** For each type the fake serves: the path of one fully populated seeded resource of that type. */
const SERVED: Record<string, (ids: Record<string, string>) => string> = {
  apps: (ids) => `/v1/apps/${ids.app}`,
  builds: (ids) => `/v1/builds/${ids.build}`,
  betaGroups: (ids) => `/v1/betaGroups/${ids.group}`,
  betaTesters: (ids) => `/v1/betaTesters/${ids.tester}`,
  preReleaseVersions: (ids) => `/v1/preReleaseVersions/${ids.prv}`,
  buildBetaDetails: (ids) => `/v1/buildBetaDetails/${ids.detail}`,
  betaBuildLocalizations: (ids) => `/v1/betaBuildLocalizations/${ids.localization}`,
  betaAppReviewSubmissions: (ids) => `/v1/betaAppReviewSubmissions/${ids.submission}`,
};

const recordedFiles = readdirSync(new URL('recorded/', SPEC_DIR)).filter(
  (f) => f.endsWith('.json') && !f.includes('error') && !f.includes('__401'),
);
const errorFiles = readdirSync(new URL('recorded/', SPEC_DIR)).filter(
  (f) => f.includes('error_response') || f.includes('__401'),
);

let session: Session;
let ids: Record<string, string>;
const fakeResources = new Map<string, Promise<Resource>>();

beforeAll(async () => {
  session = await startSession();
  const s = session.fake.state;
  const app = s.addApp({ bundleId: 'com.example.recorded', name: 'Recorded', sku: 'REC1' });
  const build = s.addBuild({ appId: app.id, version: '1', usesNonExemptEncryption: true });
  const tester = s.addTester({
    email: 'rec@example.com',
    firstName: 'Rec',
    lastName: 'Orded',
    appIds: [app.id],
  });
  const group = s.addGroup({
    appId: app.id,
    name: 'Public',
    publicLinkEnabled: true,
    publicLinkLimitEnabled: true,
    publicLinkLimit: 50,
    publicLinkId: 'AbCd1234',
    feedbackEnabled: true,
    testerIds: [tester.id],
    buildIds: [build.id],
  });
  const localization = s.addLocalization({ buildId: build.id, locale: 'en-US', whatsNew: 'Notes' });
  const submission = s.addReviewSubmission({ buildId: build.id, state: 'APPROVED' });
  ids = {
    app: app.id,
    build: build.id,
    tester: tester.id,
    group: group.id,
    prv: build.preReleaseVersionId,
    detail: build.buildBetaDetailId,
    localization: localization.id,
    submission: submission.id,
  };
});
afterAll(() => session?.close());

async function fakeResource(type: string): Promise<Resource> {
  let found = fakeResources.get(type);
  if (!found) {
    found = session.call('GET', SERVED[type]!(ids)).then((answer) => {
      expect(answer.status).toBe(200);
      expect(answer.specErrors).toEqual([]);
      return (answer.body as { data: Resource }).data;
    });
    fakeResources.set(type, found);
  }
  return found;
}

/** The types compared with at least one recording, filled as the tests below are made. */
const compared = new Set<string>();

describe('recorded resources: spec-defined keys Apple returns, the fake returns too', () => {
  it('has a recording of every type the fake serves, so no type goes unchecked', () => {
    expect([...compared].sort()).toEqual(Object.keys(SERVED).sort());
  });
  for (const file of recordedFiles) {
    const doc = readJson(`recorded/${file}`) as {
      data?: Resource | Resource[];
      included?: Resource[];
    };
    // codemagic's build mock is a bare resource, without the {data} document around it.
    const resources = doc.data ? [doc.data, doc.included ?? []].flat() : [doc as Resource];
    const types = [...new Set(resources.map((r) => r.type))].filter((t) => t in SERVED);
    for (const type of types) {
      compared.add(type);
      it(`${file}: ${type}`, async () => {
        const spec = specKeys(type);
        const expected = [...recordedKeys(resources.filter((r) => r.type === type))].filter((k) =>
          spec.has(k),
        );
        expect(expected.length).toBeGreaterThan(0);
        const fake = new Set(keysOf(wrap(await fakeResource(type))));
        const missing = expected.filter((k) => !fake.has(k));
        expect(
          missing,
          `spec-defined keys Apple sends on ${type} that the fake leaves out`,
        ).toEqual([]);
      });
    }
  }
});

/** A resource's attributes and relationships in the {properties} shape keysOf reads. */
function wrap(r: Resource) {
  return {
    attributes: { properties: r.attributes ?? {} },
    relationships: { properties: r.relationships ?? {} },
  };
}

const ERROR_KEYS = Object.keys(schemas.ErrorResponse?.properties?.errors?.items?.properties ?? {});

/** How to make the fake answer with each recorded error's status. */
const PROVOKE: Record<string, () => Promise<Answer>> = {
  '401': () => session.call('GET', '/v1/apps', { token: null }),
  '403': () => {
    // Apple answers 403 when the account's agreements lapse; the fake does so through a fault.
    session.fake.faults.add({ kind: 'forbidden', method: 'GET', path: '/v1/apps' });
    return session.call('GET', '/v1/apps');
  },
  '404': () => session.call('GET', '/v1/betaGroups/00000000-0000-4000-8000-000000000000'),
  // The recorded 409 is STATE_ERROR.ENTITY_STATE_INVALID; the fake's is a second review submission.
  '409': () =>
    session.call('POST', '/v1/betaAppReviewSubmissions', {
      body: {
        data: {
          type: 'betaAppReviewSubmissions',
          relationships: { build: { data: { type: 'builds', id: ids.build } } },
        },
      },
    }),
};

describe('recorded error bodies: the fake answers with the same spec-defined keys', () => {
  it('has recorded errors to compare', () => {
    expect(errorFiles.length).toBeGreaterThan(0);
  });
  it('the spec defines the error keys compared here', () => {
    expect(ERROR_KEYS).toEqual(
      expect.arrayContaining(['id', 'status', 'code', 'title', 'detail', 'source', 'meta']),
    );
  });
  for (const file of errorFiles) {
    const recorded = (readJson(`recorded/${file}`) as { errors: Record<string, unknown>[] })
      .errors[0]!;
    const status = String(recorded.status);
    it(`${file}: ${status} ${String(recorded.code)}`, async () => {
      const provoke = PROVOKE[status];
      expect(provoke, `no request in this test makes the fake answer ${status}`).toBeDefined();
      const answer = await provoke!();
      expect(answer.status).toBe(Number(status));
      expect(answer.specErrors).toEqual([]);
      const fake = (answer.body as { errors: Record<string, unknown>[] }).errors[0]!;
      const expected = Object.keys(recorded).filter((k) => ERROR_KEYS.includes(k));
      const missing = expected.filter((k) => !(k in fake));
      expect(missing, `keys of Apple's ${status} errors[0] the fake's lacks`).toEqual([]);
    });
  }
});
