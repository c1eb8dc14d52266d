// What every faulted run of the matrix must show, whichever request the fault was put on: nothing created twice,
// nothing outside the plan removed, a failure in one sentence naming the status, and the tally of outcomes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Fault, FakeAsc, RequestLogEntry } from '../fake-asc/types.js';
import { isOneSentence, type MatrixTally } from './fault-matrix.js';
import { DEMO_PASSWORD, type FaultWorld } from './fault-world.js';

/** A request a fault is put on: method and path, and the query parameters that tell it from its neighbours. */
export interface RequestMatch {
  method: string;
  path: string | RegExp;
  /** A RegExp or string the parameter must match; null: the parameter must be absent. */
  query?: Record<string, string | RegExp | null>;
}

const fits = (wanted: string | RegExp, value: string | undefined) =>
  value !== undefined && (typeof wanted === 'string' ? wanted === value : wanted.test(value));

/** Whether a logged request is the one a match names (as the fake's fault matcher decides). */
export function isRequest(
  entry: Pick<RequestLogEntry, 'method' | 'path' | 'query'>,
  match: RequestMatch,
): boolean {
  return (
    entry.method === match.method &&
    fits(match.path, entry.path) &&
    Object.entries(match.query ?? {}).every(([name, wanted]) =>
      wanted === null ? entry.query[name] === undefined : fits(wanted, entry.query[name]),
    )
  );
}

/** The fault of a row, armed on exactly the request it names. */
export function faultOn(fault: Fault, match: RequestMatch, times: number): Fault {
  return { ...fault, method: match.method, path: match.path, query: match.query, times };
}

/** Nothing created twice: groups by name, testers by email, What to Test and Test Information by locale, reviews. */
export function expectNoDuplicates(fake: FakeAsc): void {
  const st = fake.state;
  const unique = (keys: string[]) => expect(keys).toEqual([...new Set(keys)]);
  unique([...st.groups.values()].map((g) => `${g.appId} ${g.name}`));
  unique([...st.testers.values()].map((t) => t.email.toLowerCase()));
  unique([...st.localizations.values()].map((l) => `${l.buildId} ${l.locale}`));
  unique([...st.betaAppLocalizations.values()].map((l) => `${l.appId} ${l.locale}`));
  unique([...st.reviewSubmissions.values()].map((r) => r.buildId));
  unique([...st.recruitmentCriteria.values()].map((c) => c.groupId));
  const notifications = fake.requests.filter(
    (r) => r.method === 'POST' && r.path === '/v1/buildBetaNotifications' && r.status === 201,
  );
  expect(notifications.length).toBeLessThanOrEqual(1);
}

export interface Before {
  groups: Set<string>;
  links: Set<string>;
  live: Set<string>;
}

export function before(fake: FakeAsc): Before {
  const st = fake.state;
  return {
    groups: new Set(st.groups.keys()),
    links: new Set(
      [...st.groups.values()].flatMap((g) => [...g.testerIds].map((t) => `${g.id} ${t}`)),
    ),
    live: new Set([...st.builds.values()].filter((b) => !b.expired).map((b) => b.id)),
  };
}

/** Only what the plan names went: groups deleted, testers unlinked, builds expired. */
export function expectNothingElseRemoved(
  fake: FakeAsc,
  was: Before,
  world: Pick<FaultWorld, 'mayDelete' | 'mayExpire' | 'mayUnlink'>,
): void {
  const now = before(fake);
  const lost = (from: Set<string>, to: Set<string>) => [...from].filter((x) => !to.has(x));
  for (const id of lost(was.groups, now.groups)) expect(world.mayDelete).toContain(id);
  for (const link of lost(was.links, now.links)) {
    const [groupId] = link.split(' ');
    if (now.groups.has(groupId!)) expect(world.mayUnlink).toContain(link);
  }
  for (const id of lost(was.live, now.live)) expect(world.mayExpire).toContain(id);
}

/** A failure's message: one sentence naming what the fault did, never the demo account's password. */
export function expectCleanFailure(error: unknown, says: RegExp): void {
  const message = error instanceof Error ? error.message : String(error);
  expect(isOneSentence(message), message).toBe(true);
  expect(message).toMatch(says);
  expect(message).not.toContain(DEMO_PASSWORD);
}

/** The outcomes of one chaos file's rows, written for .ci/run when the file is done. */
export function newTally(suite: string): MatrixTally & { write(): void } {
  const tally = { rows: 0, survived: 0, failedCleanly: 0, converged: 0, warned: 0 };
  return Object.assign(tally, {
    write() {
      mkdirSync('.tmp', { recursive: true });
      const { rows, survived, failedCleanly, converged, warned } = tally;
      writeFileSync(
        `.tmp/fault-matrix-tally.${suite}.json`,
        JSON.stringify({ suite, rows, survived, failedCleanly, converged, warned }),
      );
    },
  });
}
