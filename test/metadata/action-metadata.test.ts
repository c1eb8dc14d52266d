// action.yml as the Marketplace checks it when a release is published, and as the action behaves.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../e2e/run-action.js';
import { startFakeAsc, DEMO_BUNDLE_ID, type FakeAsc } from '../fake-asc/index.js';
import { makeTestKey } from '../helpers/keys.js';
import { actionMetadata, runnerInputs } from './action-yml.js';
import { BRANDING_COLORS, BRANDING_ICONS } from './branding.js';
import { repoRoot } from './workflows.js';

const meta = actionMetadata();

describe('action.yml for the Marketplace', () => {
  it('has a one-line description under 125 characters (the publish form refuses longer ones)', () => {
    expect(typeof meta.description).toBe('string');
    expect(meta.description.trim()).not.toBe('');
    expect(meta.description).not.toContain('\n');
    expect([...meta.description].length).toBeLessThan(125);
  });

  it('has a name and an author', () => {
    expect(meta.name.trim()).not.toBe('');
    expect(meta.author?.trim()).toBeTruthy();
  });

  it('brands itself with an icon and a color GitHub allows', () => {
    expect(BRANDING_ICONS.size).toBeGreaterThan(250);
    expect(BRANDING_ICONS.has(meta.branding?.icon ?? '')).toBe(true);
    expect(BRANDING_COLORS.has(meta.branding?.color ?? '')).toBe(true);
  });

  it('runs on node24 from a bundle that exists', () => {
    expect(meta.runs.using).toBe('node24');
    expect(existsSync(join(repoRoot, meta.runs.main))).toBe(true);
  });

  it('describes every input and output; defaults are strings, as the runner passes them', () => {
    for (const [name, input] of Object.entries(meta.inputs)) {
      expect(input.description?.trim(), name).toBeTruthy();
      expect(['undefined', 'boolean'], name).toContain(typeof input.required);
      expect(['undefined', 'string'], name).toContain(typeof input.default);
    }
    for (const [name, output] of Object.entries(meta.outputs)) {
      expect(output.description?.trim(), name).toBeTruthy();
    }
  });

  it('documents `config` and `export-config` as working, and `groups` as required unless `config`', () => {
    expect(meta.inputs.config?.description).toMatch(
      /^Path .* YAML file declaring the app, the groups/,
    );
    expect(meta.inputs['export-config']?.description).toMatch(/^Path in the workspace to write/);
    expect(meta.inputs.groups?.description).toMatch(/Required unless `config`/);
  });
});

describe('action.yml says which inputs are required, as the action behaves', () => {
  // An individual key, so that `issuer-id` (a team key's) is not needed either.
  const key = makeTestKey('METAKEY123', null);
  let fake: FakeAsc;
  beforeEach(async () => {
    fake = await startFakeAsc({
      keys: [{ kid: key.kid, publicKey: key.publicKey }],
      seedDemo: true,
    });
  });
  afterEach(() => fake.close());

  const required = Object.entries(meta.inputs)
    .filter(([, input]) => input.required === true)
    .map(([name]) => name);
  // One of app-id and bundle-id is needed, and `groups` unless `config`, which action.yml cannot say.
  const enough = (): Record<string, string> => ({
    'key-id': key.kid,
    'private-key': key.pem,
    'bundle-id': DEMO_BUNDLE_ID,
    groups: 'Public Beta',
    'api-base-url': fake.url,
  });

  it('marks key-id and private-key required (groups only unless `config`)', () => {
    expect(required).toEqual(['key-id', 'private-key']);
  });

  it('runs with the required inputs, the app and the groups alone', async () => {
    expect(Object.keys(enough()).sort()).toEqual(
      [...required, 'api-base-url', 'bundle-id', 'groups'].sort(),
    );
    const run = await runAction(runnerInputs({ ...enough(), 'dry-run': 'true' }));
    expect(run.stdout).not.toContain('::error');
    expect(run.code).toBe(0);
  });

  it.each(required)('fails naming `%s` when it is empty, before any request', async (name) => {
    const run = await runAction(runnerInputs({ ...enough(), [name]: '' }));
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(new RegExp(`::error.*\`${name}\``));
    expect(fake.requests).toEqual([]);
  });

  it('fails naming `groups` and `config` when neither declares the groups, before any request', async () => {
    const run = await runAction(runnerInputs({ ...enough(), groups: '' }));
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error.*`groups` is empty.*`config`/);
    expect(fake.requests).toEqual([]);
  });

  it('runs with `config` in place of `groups`', async () => {
    const run = await runAction(
      runnerInputs({ ...enough(), groups: '', config: 'testflight.yml', 'dry-run': 'true' }),
      { files: { 'testflight.yml': 'groups: [{ name: Public Beta }]\n' } },
    );
    expect(run.stdout).not.toContain('::error');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs['group-ids']!)).toHaveProperty(['Public Beta']);
  });
});
