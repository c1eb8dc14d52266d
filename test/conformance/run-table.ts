// Runs a conformance table: one fake per table, one test per step, both sides checked against the spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from './session.js';
import type { Document, Ids, Table } from './steps.js';

export function runTable(table: Table): void {
  // The steps are one session in order (a step uses what an earlier one created or deleted), so they never
  // shuffle, even under --sequence.shuffle; the tables themselves are independent and may.
  describe(table.title, { shuffle: false }, () => {
    let session: Session;
    let ids: Ids;
    beforeAll(async () => {
      session = await startSession();
      ids = table.seed(session.fake.state);
    });
    afterAll(() => session?.close());

    for (const step of table.steps) {
      const name = `${step.method} ${step.path}${step.query ? `?${new URLSearchParams(step.query)}` : ''}`;
      const statuses = [step.status].flat();
      it(`${name} → ${statuses.join(' or ')}${step.note ? ` (${step.note})` : ''}`, async () => {
        const seen = session.fake.violations.length;
        const answer = await session.call(step.method, fill(step.path, ids), {
          query: fill(step.query, ids),
          body: fill(step.body, ids),
        });
        // The body in the message shows Apple's error code when the status is not the expected one.
        expect(statuses, JSON.stringify(answer.body)?.slice(0, 500)).toContain(answer.status);
        expect(answer.specErrors).toEqual([]);
        expect(session.fake.violations.slice(seen)).toEqual([]);
        if (step.save) ids[step.save] = (answer.body as Document).data.id;
        step.check?.(answer.body as Document, ids);
      });
    }
  });
}

/** Replaces "$name" placeholders anywhere in a value. */
function fill<T>(value: T, ids: Ids): T {
  if (value === undefined) return value;
  const text = JSON.stringify(value).replace(/\$(\w+)/g, (whole, name: string) => {
    const id = ids[name];
    if (id === undefined) throw new Error(`step uses ${whole}, which no seed or earlier step set`);
    return id;
  });
  return JSON.parse(text) as T;
}
