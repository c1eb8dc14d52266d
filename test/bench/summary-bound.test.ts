// The Testers section's add-on to the bounds (bench/bounds.ts) and the requests the bench counts as its reads
// (bench/measure.ts): the figures bench/README.md derives, and only the summary's own reads.
import { describe, expect, it } from 'vitest';
import { S1, S2, S5, S5_RERUN, withSummary } from '../../bench/bounds.js';
import { isSummaryRead } from '../../bench/measure.js';

describe('the Testers section in the bounds', () => {
  it('takes the writes’ free slots in S1, one round trip of its own in S2, nothing in S5', () => {
    expect(S1.summary).toMatchObject({ reads: 3, roundTrips: 1 });
    expect(withSummary(S1)).toEqual({ requests: 32, roundTrips: 9 });
    expect(S2.summary).toMatchObject({ reads: 3, roundTrips: 1 });
    expect(withSummary(S2)).toEqual({ requests: 6, roundTrips: 2 });
    expect(S5.summary).toMatchObject({ reads: 0, roundTrips: 0 });
    expect(withSummary(S5_RERUN)).toEqual({ requests: 8, roundTrips: 3 });
  });

  it('counts the metrics and the members’ first page, nothing the run itself reads', () => {
    const get = (path: string, query: Record<string, string> = {}) => ({
      method: 'GET',
      path,
      query,
    });
    expect(isSummaryRead(get('/v1/betaGroups/g1/metrics/betaTesterUsages'))).toBe(true);
    expect(isSummaryRead(get('/v1/betaGroups/g1/metrics/publicLinkUsages'))).toBe(true);
    expect(
      isSummaryRead(get('/v1/betaGroups/g1/betaTesters', { 'fields[betaTesters]': 'email,state' })),
    ).toBe(true);
    expect(isSummaryRead(get('/v1/betaGroups/g1/betaTesters'))).toBe(false);
    expect(isSummaryRead(get('/v1/betaGroups', { 'filter[app]': 'a' }))).toBe(false);
    expect(isSummaryRead({ ...get('/v1/betaGroups/g1/metrics/x'), method: 'POST' })).toBe(false);
  });
});
