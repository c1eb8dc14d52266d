// The fault matrix (npm run test:chaos) takes its rows from OPERATION_KINDS and from the client's read methods:
// this, in npm test, fails when a kind or a read has no world to occur in, does not occur there, or names no
// request the fault can be put on, and when a world makes a GET that no read row names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { AscApi } from '../../src/asc/index.js';
import { reconcile } from '../../src/reconcile/index.js';
import { OPERATION_KINDS } from '../../src/reconcile/operations.js';
import type { OperationKind } from '../../src/reconcile/result.js';
import { reconcileTarget } from '../helpers/factories.js';
import { integrationTest as it, reconcileDeps } from '../helpers/integration.js';
import type { RequestLogEntry } from '../fake-asc/types.js';
import { PLAN_MARKER, publishPlanComment } from '../../src/github/plan-comment.js';
import { readReleaseNotes } from '../../src/github/release-notes.js';
import { githubTest, runOf } from '../github/github-fixtures.js';
import { isRequest } from './fault-checks.js';
import { GITHUB_ROWS, PLAN, seedGitHubWorld, type GitHubWorldName } from './github-rows.js';
import { seedWorld, WORLD_OF } from './fault-world.js';
import { runScenario } from './read-scenario.js';
import {
  CHANGING_METHODS,
  NOT_CALLED_BY_THE_ACTION,
  READ_ROWS,
  READS,
  READS_WITHOUT_ROWS,
} from './read-rows.js';
import { seedReadWorld, type ReadWorldName } from './read-worlds.js';

/** The API with a record of which methods were called. */
function counted(api: AscApi): { api: AscApi; called: Set<string> } {
  const called = new Set<string>();
  const proxy = new Proxy(api, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        called.add(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { api: proxy, called };
}

const gets: RequestLogEntry[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the fault matrix covers', () => {
  it('every operation kind, with a world where it occurs and the request that carries it', async ({
    startClientAndFake,
  }) => {
    expect(Object.keys(WORLD_OF).sort()).toEqual([...OPERATION_KINDS].sort());
    for (const name of new Set(Object.values(WORLD_OF))) {
      const s = await startClientAndFake();
      const world = seedWorld(s.fake, name);
      const result = await reconcile(
        reconcileTarget(),
        world.desired,
        s.api,
        reconcileDeps(s.clock),
        {
          dryRun: false,
        },
      );
      const kinds = (Object.keys(WORLD_OF) as OperationKind[]).filter((k) => WORLD_OF[k] === name);
      for (const kind of kinds) {
        expect(
          result.plan.map((o) => o.op),
          kind,
        ).toContain(kind);
        const request = world.requestOf[kind];
        expect(request, kind).toBeDefined();
        const carried = s.fake.requests.filter(
          (r) =>
            r.method === request!.method &&
            (typeof request!.path === 'string'
              ? r.path === request!.path
              : request!.path.test(r.path)),
        );
        expect(carried.length, kind).toBeGreaterThan(0);
      }
      gets.push(...s.fake.requests.filter((r) => r.method === 'GET'));
    }
  });

  it('every read method of the client, with a world where it occurs and the request that carries it', async ({
    startClientAndFake,
  }) => {
    const probe = await startClientAndFake();
    const methods = Object.keys(probe.api).filter(
      (k) =>
        typeof (probe.api as unknown as Record<string, unknown>)[k] === 'function' && k !== 'close',
    );
    expect(methods.sort()).toEqual(
      [...Object.keys(READ_ROWS), ...CHANGING_METHODS, ...Object.keys(READS_WITHOUT_ROWS)].sort(),
    );
    const worlds = new Set<ReadWorldName>(READS.map((r) => r.world));
    for (const name of worlds) {
      const s = await startClientAndFake();
      const world = seedReadWorld(s.fake, name);
      const rows = READS.filter((r) => r.world === name);
      const { api, called } = counted(s.api);
      await runScenario(world, s, api, () => {
        for (const r of rows) for (const fault of r.prelude ?? []) s.fake.faults.add(fault);
      });
      for (const r of rows) {
        expect(called, r.name).toContain(r.madeBy ?? r.method);
        expect(
          s.fake.requests.some((entry) => isRequest(entry, r.request)),
          `${r.name}: its request`,
        ).toBe(true);
      }
      for (const method of Object.keys(READS_WITHOUT_ROWS))
        expect(called, name).not.toContain(method);
      gets.push(...s.fake.requests.filter((r) => r.method === 'GET'));
    }
  });

  it('every GET a world makes, by a read row', () => {
    expect(gets.length).toBeGreaterThan(0);
    const unnamed = gets.filter((g) => !READS.some((r) => isRequest(g, r.request)));
    expect(unnamed.map((g) => `${g.path}?${new URLSearchParams(g.query).toString()}`)).toEqual([]);
  });

  it('no read without a row is called by the action', () => {
    const files = sourceFiles('src').filter((f) => !f.startsWith(join('src', 'asc')));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const method of NOT_CALLED_BY_THE_ACTION)
        expect(text, file).not.toContain(`.${method}(`);
    }
  });
});

describe('the GitHub rows cover', () => {
  const worlds = [...new Set(GITHUB_ROWS.map((r) => r.world))];
  githubTest.for(worlds)(
    'every GitHub call of the %s world, and every request it makes has a row',
    async (name: GitHubWorldName, { github, client }) => {
      const run = seedGitHubWorld(github, name, runOf);
      const warnings: string[] = [];
      if (name === 'release' || name === 'tag-message') {
        expect(await readReleaseNotes(client(), run, (l) => warnings.push(l))).not.toBeNull();
      } else {
        const log = { info: () => {}, warn: (l: string) => warnings.push(l) };
        expect(await publishPlanComment(client(), run, PLAN, log)).toBe(
          name === 'new-comment' ? 'created' : 'updated',
        );
        expect(github.state.comments.filter((c) => c.body.includes(PLAN_MARKER))).toHaveLength(1);
      }
      expect(warnings).toEqual([]);
      for (const row of GITHUB_ROWS.filter((r) => r.world === name)) {
        expect(
          github.requests.some((r) => isRequest(r, row.request)),
          row.name,
        ).toBe(true);
      }
      const unnamed = github.requests.filter(
        (r) => !GITHUB_ROWS.some((row) => isRequest(r, row.request)),
      );
      expect(unnamed.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    },
  );
});
