// Beta testers: group membership, lookup by email, and creation that copes with "this email exists".
import type { AscApi, NewTester } from '../api.js';
import { AscError } from '../errors.js';
import type { components } from '../generated/asc.js';
import { requireData } from '../jsonapi/documents.js';
import { collect, resources } from '../jsonapi/paging.js';
import type { TesterInfo } from '../records.js';
import type { AscHttp } from '../transport/http.js';
import { mapTester, type BetaTesterResource } from './mapping.js';
import { definedOnly, seg } from './request-parts.js';

type Schemas = components['schemas'];

/** Emails per `filter[email]` request: 50 addresses keep the URL around 2–3 KB, well inside proxy limits. */
const EMAIL_CHUNK = 50;
/**
 * Testers per relationship POST/DELETE. Apple documents no maximum; 1000 keeps a body near 50 KB and turns
 * a 10,000-tester group (TestFlight's external cap) into ten requests rather than one huge or many tiny ones.
 */
export const TESTER_LINK_CHUNK = 1000;

export type TesterEndpoints = Pick<
  AscApi,
  | 'listGroupTesters'
  | 'listGroupMembers'
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
    findTestersByEmail: (emails) => findByEmail(http, emails),
    addTestersToGroup: (groupId, testerIds) => linkTesters(http, 'POST', groupId, testerIds),
    removeTestersFromGroup: (groupId, testerIds) => linkTesters(http, 'DELETE', groupId, testerIds),
    createTester: (tester) => createTester(http, tester),
  };
}

/** Testers whose email matches one of `emails`, compared case-insensitively. */
async function findByEmail(http: AscHttp, emails: string[]): Promise<TesterInfo[]> {
  const wanted = new Map<string, string>();
  for (const email of emails) {
    const trimmed = email.trim();
    const lower = trimmed.toLowerCase();
    if (trimmed !== '' && !wanted.has(lower)) wanted.set(lower, trimmed);
  }
  const found = new Map<string, TesterInfo>();
  const list = [...wanted.values()];
  for (let i = 0; i < list.length; i += EMAIL_CHUNK) {
    const query = { 'filter[email]': list.slice(i, i + EMAIL_CHUNK).join(',') };
    for await (const r of resources(http, '/v1/betaTesters', query)) {
      const tester = mapTester(r as BetaTesterResource);
      if (wanted.has(tester.email.toLowerCase())) found.set(tester.id, tester);
    }
  }
  return [...found.values()];
}

/** POST or DELETE `/v1/betaGroups/{id}/relationships/betaTesters`, in chunks of TESTER_LINK_CHUNK. */
async function linkTesters(
  http: AscHttp,
  method: 'POST' | 'DELETE',
  groupId: string,
  testerIds: string[],
): Promise<void> {
  const path = `/v1/betaGroups/${seg(groupId)}/relationships/betaTesters`;
  for (let i = 0; i < testerIds.length; i += TESTER_LINK_CHUNK) {
    const body: Schemas['BetaGroupBetaTestersLinkagesRequest'] = {
      data: testerIds
        .slice(i, i + TESTER_LINK_CHUNK)
        .map((id) => ({ type: 'betaTesters' as const, id })),
    };
    await http.link(method, path, body);
  }
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
  const findExisting = async (): Promise<TesterInfo | null> =>
    (await findByEmail(http, [tester.email]))[0] ?? null;
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
