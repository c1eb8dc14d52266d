// Every operation the fake serves, over real HTTP, checked against Apple's spec on both sides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTable } from './run-table.js';
import { template, type Table } from './steps.js';
import { betaGroups } from './tables/beta-groups.js';
import { builds } from './tables/builds.js';
import { review } from './tables/review.js';
import { testInformation } from './tables/test-information.js';
import { testers } from './tables/testers.js';

const tables: Table[] = [betaGroups, builds, testers, review, testInformation];
tables.forEach(runTable);

describe('coverage', () => {
  // The fake serves every operation of the trimmed spec, so the tables must exercise every one.
  it("exercises every operation in Apple's TestFlight spec", () => {
    const spec = JSON.parse(
      readFileSync(
        new URL('../../spec/asc-openapi/asc-testflight.oas.json', import.meta.url),
        'utf8',
      ),
    ) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => m !== 'parameters')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const exercised = new Set(
      tables.flatMap((t) => t.steps.map((s) => `${s.method} ${template(s)}`)),
    );
    expect(operations.filter((op) => !exercised.has(op))).toEqual([]);
    expect([...exercised].filter((op) => !operations.includes(op))).toEqual([]);
  });
});
