// Who may be an internal tester (the team's users) and how many testers an app has: what the tester checks
// before the first change need.
import type { AscApi } from '../api.js';
import { AscError } from '../errors.js';
import { resources } from '../jsonapi/paging.js';
import type { AscHttp } from '../transport/http.js';
import { str } from './lenient-values.js';

/** Usernames per `filter[username]` request, as for tester emails: the URL stays a few KB. */
const USERNAME_CHUNK = 50;

export type TeamEndpoints = Pick<AscApi, 'findTeamMembers' | 'countAppTesters'>;

export function teamEndpoints(http: AscHttp): TeamEndpoints {
  return {
    async findTeamMembers(emails) {
      const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
      const found = new Set<string>();
      try {
        for (let i = 0; i < wanted.length; i += USERNAME_CHUNK) {
          const query = {
            'filter[username]': wanted.slice(i, i + USERNAME_CHUNK).join(','),
            'fields[users]': 'username',
          };
          for await (const r of resources(http, '/v1/users', query)) {
            const username = str(r.attributes?.username)?.toLowerCase();
            if (username && wanted.includes(username)) found.add(username);
          }
        }
      } catch (error) {
        // The key's role may not read the team: the caller goes on without knowing.
        if (error instanceof AscError && error.status === 403 && error.hasCode('FORBIDDEN_ERROR')) {
          return null;
        }
        throw error;
      }
      return [...found];
    },

    async countAppTesters(appId) {
      const document = (await http.get('/v1/betaTesters', {
        'filter[apps]': appId,
        'fields[betaTesters]': 'email',
        limit: 1,
      })) as { meta?: { paging?: { total?: unknown } } } | undefined;
      const total = document?.meta?.paging?.total;
      return typeof total === 'number' ? total : null;
    },
  };
}
