// testflight.schema.json is generated from the one zod schema; editors check the README's example with it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderConfigSchema, SCHEMA_FILE } from '../scripts/config-schema.js';
import { DEVICE_FAMILIES } from '../src/asc/index.js';
import { CONFIG_DEVICE_FAMILIES } from '../src/inputs/config/schema.js';
import { SCHEMA_URL } from '../src/inputs/config/write-config.js';
import { readmeConfigFile } from './e2e/scenarios/readme-steps.js';

const path = fileURLToPath(new URL(`../${SCHEMA_FILE}`, import.meta.url));

describe('testflight.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema`)', async () => {
    expect(readFileSync(path, 'utf8')).toBe(await renderConfigSchema(path));
  });

  it("accepts the README's example and refuses an unknown key and an out-of-range limit", () => {
    const validate = new Ajv2020({ strict: false }).compile(
      JSON.parse(readFileSync(path, 'utf8')) as object,
    );
    const example = parse(readmeConfigFile()) as { groups: Record<string, unknown>[] };
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, groups: [{ name: 'A', 'pubic-link': {} }] })).toBe(false);
    expect(validate({ ...example, groups: [{ name: 'A', 'public-link': { limit: 10001 } }] })).toBe(
      false,
    );
  });

  it('is the schema the README example and every exported file name on their first line', () => {
    expect(readmeConfigFile().split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    expect(SCHEMA_URL.endsWith(`/v1/${SCHEMA_FILE}`)).toBe(true);
  });

  it("names the device families App Store Connect's recruitment criteria have", () => {
    expect([...CONFIG_DEVICE_FAMILIES]).toEqual([...DEVICE_FAMILIES]);
  });
});
