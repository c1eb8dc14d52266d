// Writes testflight.schema.json, the JSON Schema editors use for the config file, from its one zod schema
// (src/inputs/config/schema.ts). `npm run schema`; test/config-schema.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod/mini';
import { configSchema } from '../src/inputs/config/schema.js';

export const SCHEMA_FILE = 'testflight.schema.json';

/** The JSON Schema as committed: draft 2020-12, what a file may hold (the input side of the schema). */
export async function renderConfigSchema(path: string): Promise<string> {
  const schema = {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'TestFlight Beta Groups config file',
  };
  const options = (await resolveConfig(path)) ?? {};
  return format(JSON.stringify(schema), { ...options, filepath: path });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = fileURLToPath(new URL(`../${SCHEMA_FILE}`, import.meta.url));
  writeFileSync(path, await renderConfigSchema(path));
}
