// A fake of the GitHub REST endpoints the action calls (releases by tag, git refs and tag objects, issue
// comments), on loopback, for GITHUB_API_URL. It answers as GitHub does: JSON bodies with `message` and
// `documentation_url`, 401 for an unknown token, 403 "Resource not accessible by integration" for a token
// without the permission, 404 for anything else, 422 for a comment body GitHub would refuse; lists paged
// with `per_page`/`page` and a `Link` header. Every request is logged for assertions.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DOCS,
  HttpError,
  PER_PAGE_MAX,
  commentBody,
  needContents,
  needPullRequests,
  tokenOf,
  type FakeComment,
  type FakeGitHubOptions,
  type FakeGitHubRequest,
  type FakeRelease,
  type FakeTag,
} from './github-rules.js';
import { answerAfter, answerBefore, Faults } from './github-faults.js';

export type { FakeComment, FakeRelease, FakeTag, FakeToken } from './github-rules.js';

/** The fakes this process started and has not closed: the e2e harness scans what each was sent for secrets. */
const liveFakes = new Set<FakeGitHub>();
export const liveFakeGitHubs = (): ReadonlySet<FakeGitHub> => liveFakes;

export async function startFakeGitHub(options: FakeGitHubOptions) {
  const releases = new Map<string, FakeRelease>();
  const tags = new Map<string, FakeTag>();
  const comments: FakeComment[] = [];
  const requests: FakeGitHubRequest[] = [];
  const faults = new Faults();
  let nextId = 1_000_001;
  const clock = () => new Date(Date.UTC(2026, 0, 1) + requests.length * 1000).toISOString();
  const [owner, repo] = options.repository.split('/');
  const base = `/repos/${owner}/${repo}`;

  const commentJson = (url: string, c: FakeComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${url}${base}/issues/comments/${c.id}`,
    html_url: `https://github.com/${options.repository}/pull/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: { login: c.user, type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  });

  async function route(
    req: IncomingMessage,
    url: URL,
    body: unknown,
    res: ServerResponse,
  ): Promise<{ status: number; json: unknown }> {
    // Octokit sends a ref's slash encoded (`git/ref/tags%2Fv1`); GitHub reads it as the slash.
    const path = url.pathname.replace(/%2F/gi, '/');
    const method = req.method ?? 'GET';
    const origin = `http://${req.headers.host}`;
    const token = tokenOf(req, options.tokens);
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = new RegExp(`^${base}/releases/tags/(.+)$`).exec(path))) {
      needContents(token);
      const release = releases.get(decodeURIComponent(m[1]!));
      if (!release) throw new HttpError(404, 'Not Found');
      return {
        status: 200,
        json: {
          id: 1,
          tag_name: release.tag,
          name: release.name,
          body: release.body,
          draft: false,
          prerelease: false,
        },
      };
    }
    if (method === 'GET' && (m = new RegExp(`^${base}/git/ref/tags/(.+)$`).exec(path))) {
      needContents(token);
      const tag = tags.get(decodeURIComponent(m[1]!));
      if (!tag) throw new HttpError(404, 'Not Found');
      const annotated = tag.message !== null;
      const sha = annotated ? tagObjectSha(tag) : tag.commitSha;
      const type = annotated ? 'tag' : 'commit';
      return {
        status: 200,
        json: {
          ref: `refs/tags/${tag.tag}`,
          node_id: `REF_${tag.tag}`,
          url: `${origin}${base}/git/refs/tags/${tag.tag}`,
          object: { sha, type, url: `${origin}${base}/git/${type}s/${sha}` },
        },
      };
    }
    if (method === 'GET' && (m = new RegExp(`^${base}/git/tags/([0-9a-f]{40})$`).exec(path))) {
      needContents(token);
      const tag = [...tags.values()].find((t) => t.message !== null && tagObjectSha(t) === m![1]);
      if (!tag) throw new HttpError(404, 'Not Found');
      return {
        status: 200,
        json: {
          sha: m[1],
          tag: tag.tag,
          message: tag.message,
          tagger: {
            name: 'Release Bot',
            email: 'release@example.com',
            date: '2026-01-01T00:00:00Z',
          },
          object: { sha: tag.commitSha, type: 'commit' },
          verification: { verified: false, reason: 'unsigned' },
        },
      };
    }
    if ((m = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(path))) {
      const issue = Number(m[1]);
      if (method === 'GET') {
        needPullRequests(token, false);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        if (!(perPage >= 1 && perPage <= PER_PAGE_MAX) || !(page >= 1)) {
          throw new HttpError(422, 'Validation Failed');
        }
        const all = comments.filter((c) => c.issue === issue);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        if (page < last) {
          const next = new URL(url);
          next.host = req.headers.host ?? next.host;
          next.searchParams.set('page', String(page + 1));
          res.setHeader('Link', `<${origin}${next.pathname}${next.search}>; rel="next"`);
        }
        return {
          status: 200,
          json: all.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(origin, c)),
        };
      }
      if (method === 'POST') {
        needPullRequests(token, true);
        const text = commentBody(body);
        const now = clock();
        const comment = {
          id: nextId++,
          issue,
          body: text,
          user: 'github-actions[bot]',
          createdAt: now,
          updatedAt: now,
        };
        comments.push(comment);
        return { status: 201, json: commentJson(origin, comment) };
      }
    }
    if (method === 'PATCH' && (m = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(path))) {
      needPullRequests(token, true);
      const comment = comments.find((c) => c.id === Number(m![1]));
      if (!comment) throw new HttpError(404, 'Not Found');
      comment.body = commentBody(body);
      comment.updatedAt = clock();
      return { status: 200, json: commentJson(origin, comment) };
    }
    throw new HttpError(404, 'Not Found');
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake-github.invalid');
      const raw = Buffer.concat(chunks).toString('utf8');
      const entry: FakeGitHubRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization ?? null,
        body: null,
        status: 0,
      };
      requests.push(entry);
      const answer = (status: number, json: unknown) => {
        entry.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(json));
      };
      let body: unknown;
      try {
        body = raw === '' ? null : JSON.parse(raw);
      } catch {
        answer(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
        return;
      }
      entry.body = body;
      const { fault } = faults.take({ ...entry, path: url.pathname });
      const early = fault ? answerBefore(fault, req, res) : null;
      if (early !== null) {
        entry.status = early;
        return;
      }
      route(req, url, body, res).then(
        ({ status, json }) => {
          if (fault?.kind === 'reset-after' || fault?.kind === 'status-after') {
            entry.status = answerAfter(fault, req, res);
          } else answer(status, json);
        },
        (error: unknown) => {
          if (error instanceof HttpError) {
            answer(error.status, {
              message: error.message,
              documentation_url: DOCS,
              status: String(error.status),
              ...error.extra,
            });
          } else {
            answer(500, { message: String(error) });
          }
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake = {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Faults armed by method, path, query and body, as on the fake App Store Connect. */
    faults: faults as Pick<Faults, 'add' | 'clear' | 'pending'>,
    state: {
      releases,
      tags,
      comments,
      addRelease: (release: FakeRelease) => releases.set(release.tag, release),
      addTag: (tag: FakeTag) => tags.set(tag.tag, tag),
      /** A comment someone else wrote (another bot, a reviewer), to be left alone. */
      addComment: (comment: Omit<FakeComment, 'id' | 'createdAt' | 'updatedAt'>): FakeComment => {
        const now = clock();
        const full = { ...comment, id: nextId++, createdAt: now, updatedAt: now };
        comments.push(full);
        return full;
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        liveFakes.delete(fake);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  liveFakes.add(fake);
  return fake;
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;

/** The tokens of the fake the tests start: one may write pull requests, one may only read them. */
export const WRITE_TOKEN = 'ghs_testWriteToken0123456789abcdef';
export const READ_TOKEN = 'ghs_testReadToken0123456789abcdef';

/** The fake the tests use, for `octo/app`; `use` runs with it, and it is closed after. */
export async function withTestGitHub(use: (github: FakeGitHub) => Promise<void>): Promise<void> {
  const github = await startFakeGitHub({
    repository: 'octo/app',
    tokens: {
      [WRITE_TOKEN]: { contents: 'read', pullRequests: 'write' },
      [READ_TOKEN]: { contents: 'read', pullRequests: 'read' },
    },
  });
  try {
    await use(github);
  } finally {
    await github.close();
  }
}

/** A tag object's SHA, stable per tag and distinct from its commit's. */
function tagObjectSha(tag: FakeTag): string {
  let hash = 0;
  for (const ch of `tag:${tag.tag}`) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(8, '0').repeat(5);
}
