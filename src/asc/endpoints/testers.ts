// Beta testers: an app's testers and the listed ones with their groups, group membership, lookup by email,
// and creation that copes with "this email exists".
import type { AscApi, NewTester } from '../api.js';
import { AscError } from '../errors.js';
import type { components } from '../generated/asc.js';
import { requireData, type JsonApiResource } from '../jsonapi/documents.js';
import { collect, PAGE_LIMIT, pages } from '../jsonapi/paging.js';
import type { TesterInfo, TesterWithGroups } from '../records.js';
import type { AscHttp, Query } from '../transport/http.js';
import {
  INCLUDED_LIMIT,
  mapTester,
  mapTesterWithGroups,
  type BetaTesterResource,
} from './mapping.js';
import { definedOnly, seg } from './request-parts.js';

type Schemas = components['schemas'];

/**
 * Characters of comma-joined emails per `filter[email]` request: about 2 KB of URL (60 addresses of 25
 * characters), well inside proxy limits. Apple documents comma-joined filters (`explode: false`) but no URL
 * limit; a 414 (or 431) for a long filter splits the chunk in two and asks again.
 */
export const EMAIL_FILTER_CHARS = 2000;
/** At most this many emails a request: one page of answers (Apple's `limit`). */
const EMAIL_CHUNK_MAX = PAGE_LIMIT;
/** A tester's groups come with it, up to the include's cap; past it they are read from the tester. */
const WITH_GROUPS = { include: 'betaGroups', 'limit[betaGroups]': INCLUDED_LIMIT };
/**
 * Testers per relationship POST/DELETE. Apple documents no maximum; 1000 keeps a body near 50 KB and turns
 * a 10,000-tester group (TestFlight's external cap) into ten requests rather than one huge or many tiny ones.
 */
export const TESTER_LINK_CHUNK = 1000;

export type TesterEndpoints = Pick<
  AscApi,
  | 'listGroupTesters'
  | 'listGroupMembers'
  | 'appTesterPages'
  | 'findTestersWithGroups'
  | 'findTestersByEmail'
  | 'addTestersToGroup'
  | 'removeTestersFromGroup'
  | 'createTester'
>;

export function testerEndpoints(http: AscHttp): TesterEndpoints {
  return {
    async listGroupTesters(groupId) {
      const { data } = await collect(http, `/v1/betaGroups/${seg(groupId)}/betaTesters`);
      return data.map((r) => mapTester(r as BetaTesterResource));
    },
    async listGroupMembers(groupId) {
      const { data } = await collect(http, `/v1/betaGroups/${seg(groupId)}/betaTesters`, {
        limit: '200',
        'fields[betaTesters]': 'email,firstName,lastName,state,inviteType',
      });
      return data.map((r) => mapTester(r as BetaTesterResource));
    },
    async *appTesterPages(appId) {
      for await (const page of pages(http, '/v1/betaTesters', {
        'filter[apps]': appId,
        ...WITH_GROUPS,
      })) {
        yield { testers: await completeGroups(http, page.data), total: page.total };
      }
    },
    async findTestersWithGroups(emails) {
      const found = await findByEmail(http, emails, WITH_GROUPS);
      return completeGroups(http, found);
    },
    findTestersByEmail: async (emails) =>
      (await findByEmail(http, emails)).map((r) => mapTester(r as BetaTesterResource)),
    addTestersToGroup: (groupId, testerIds) => linkTesters(http, 'POST', groupId, testerIds),
    removeTestersFromGroup: (groupId, testerIds) => linkTesters(http, 'DELETE', groupId, testerIds),
    createTester: (tester) => createTester(http, tester),
  };
}

/** The testers of a page with every group they are in: past the include's cap, read from the tester. */
async function completeGroups(
  http: AscHttp,
  data: readonly JsonApiResource[],
): Promise<TesterWithGroups[]> {
  return Promise.all(
    data.map(async (r) => {
      const { complete, ...tester } = mapTesterWithGroups(r as BetaTesterResource);
      if (complete) return tester;
      const path = `/v1/betaTesters/${seg(tester.id)}/relationships/betaGroups`;
      return { ...tester, groupIds: (await collect(http, path)).data.map((g) => g.id) };
    }),
  );
}

/**
 * The tester resources whose email matches one of `emails` (case-insensitively), in as few requests as the
 * URL allows (EMAIL_FILTER_CHARS), sent at once: the client's slots bound how many are in flight.
 */
async function findByEmail(
  http: AscHttp,
  emails: string[],
  query: Query = {},
): Promise<JsonApiResource[]> {
  const wanted = new Map<string, string>();
  for (const email of emails) {
    const trimmed = email.trim();
    const lower = trimmed.toLowerCase();
    if (trimmed !== '' && !wanted.has(lower)) wanted.set(lower, trimmed);
  }
  const found = new Map<string, JsonApiResource>();
  const lookUp = async (chunk: string[]): Promise<void> => {
    try {
      for await (const page of pages(http, '/v1/betaTesters', {
        'filter[email]': chunk.join(','),
        ...query,
      })) {
        for (const r of page.data) {
          const email = mapTester(r as BetaTesterResource).email.toLowerCase();
          if (wanted.has(email)) found.set(r.id, r);
        }
      }
    } catch (error) {
      // A proxy or Apple refusing the URL's length: ask for each half.
      if (!(error instanceof AscError) || !tooLong(error) || chunk.length < 2) throw error;
      const half = Math.ceil(chunk.length / 2);
      await Promise.all([lookUp(chunk.slice(0, half)), lookUp(chunk.slice(half))]);
    }
  };
  await Promise.all(emailChunks([...wanted.values()]).map(lookUp));
  return [...found.values()];
}

/** How a front end refuses a URL or header too long (Apple's own limit is not documented). */
function tooLong(error: AscError): boolean {
  return error.status === 414 || error.status === 431;
}

/** Emails in runs of at most EMAIL_FILTER_CHARS characters joined (and EMAIL_CHUNK_MAX emails). */
export function emailChunks(emails: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = 0;
  for (const email of emails) {
    const added = encodeURIComponent(email).length + (chunk.length > 0 ? 3 : 0);
    if (
      chunk.length > 0 &&
      (length + added > EMAIL_FILTER_CHARS || chunk.length >= EMAIL_CHUNK_MAX)
    ) {
      chunks.push(chunk);
      chunk = [];
      length = 0;
    }
    chunk.push(email);
    length += chunk.length === 1 ? encodeURIComponent(email).length : added;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** POST or DELETE `/v1/betaGroups/{id}/relationships/betaTesters`, in chunks of TESTER_LINK_CHUNK. */
async function linkTesters(
  http: AscHttp,
  method: 'POST' | 'DELETE',
  groupId: string,
  testerIds: string[],
): Promise<void> {
  const path = `/v1/betaGroups/${seg(groupId)}/relationships/betaTesters`;
  const bodies: Schemas['BetaGroupBetaTestersLinkagesRequest'][] = [];
  for (let i = 0; i < testerIds.length; i += TESTER_LINK_CHUNK) {
    bodies.push({
      data: testerIds
        .slice(i, i + TESTER_LINK_CHUNK)
        .map((id) => ({ type: 'betaTesters' as const, id })),
    });
  }
  // Sent at once: the client's slots bound how many are in flight. The first failure is thrown once all settled.
  const settled = await Promise.allSettled(bodies.map((body) => http.link(method, path, body)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

async function createTester(http: AscHttp, tester: NewTester): Promise<TesterInfo> {
  const body: Schemas['BetaTesterCreateRequest'] = {
    data: {
      type: 'betaTesters',
      attributes: definedOnly({
        email: tester.email,
        firstName: tester.firstName,
        lastName: tester.lastName,
      }),
      relationships: {
        betaGroups: { data: tester.groupIds.map((id) => ({ type: 'betaGroups' as const, id })) },
      },
    },
  };
  const findExisting = async (): Promise<TesterInfo | null> => {
    const [found] = await findByEmail(http, [tester.email]);
    return found ? mapTester(found as BetaTesterResource) : null;
  };
  // A tester found by read-back may have existed before (its lost answer would have been a 409, so its
  // groups were never set), so it is linked to the groups it is not in yet. Only those: Apple may answer a
  // re-link with 409, and a lost create did put the tester in every group.
  const linkExisting = async (existing: TesterInfo): Promise<TesterInfo> => {
    const path = `/v1/betaTesters/${seg(existing.id)}/relationships/betaGroups`;
    const joined = new Set((await collect(http, path)).data.map((r) => r.id));
    for (const groupId of tester.groupIds) {
      if (!joined.has(groupId)) await linkTesters(http, 'POST', groupId, [existing.id]);
    }
    return existing;
  };
  try {
    return await http.create('/v1/betaTesters', body, {
      map: (doc) => mapTester(requireData(doc, 'POST', '/v1/betaTesters') as BetaTesterResource),
      readBack: async () => {
        const existing = await findExisting();
        return existing ? linkExisting(existing) : null;
      },
    });
  } catch (error) {
    // 409 is how Apple says the email already belongs to a tester; a 409 for anything else is passed on.
    if (!(error instanceof AscError) || error.status !== 409) throw error;
    const existing = await findExisting();
    if (!existing) throw error;
    return linkExisting(existing);
  }
}
