// What GitHub refuses, as the fake GitHub answers it: tokens and their permissions, comment bodies; and the
// fake's records.
import type { IncomingMessage } from 'node:http';

/** What a token may do, as a GitHub App installation token's permissions say it. */
export interface FakeToken {
  contents: 'read' | 'none';
  pullRequests: 'write' | 'read' | 'none';
}

export interface FakeRelease {
  tag: string;
  name: string | null;
  body: string | null;
}

/** A tag ref: a lightweight tag points at a commit; an annotated one at a tag object with a message. */
export type FakeTag = { tag: string; commitSha: string; message: string | null };

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  /** The login of the token's owner that wrote it. */
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeGitHubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  body: unknown;
  status: number;
}

export interface FakeGitHubOptions {
  /** Tokens the fake accepts, by value. */
  tokens: Record<string, FakeToken>;
  /** The repository it serves, `owner/repo`. */
  repository: string;
}

/** GitHub refuses a comment body longer than this (characters). */
const COMMENT_MAX = 65_536;
export const PER_PAGE_MAX = 100;
export const DOCS = 'https://docs.github.com/rest';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The token of the `Authorization` header (`token X` or `Bearer X`), or GitHub's 401. */
export function tokenOf(req: IncomingMessage, tokens: Record<string, FakeToken>): FakeToken {
  const header = req.headers.authorization ?? '';
  const value = /^(?:token|bearer)\s+(.+)$/i.exec(header)?.[1];
  const token = value ? tokens[value] : undefined;
  if (!token) throw new HttpError(401, 'Bad credentials');
  return token;
}

const forbidden = () => new HttpError(403, 'Resource not accessible by integration');

export function needContents(token: FakeToken): void {
  if (token.contents === 'none') throw forbidden();
}

export function needPullRequests(token: FakeToken, write: boolean): void {
  if (token.pullRequests === 'none' || (write && token.pullRequests !== 'write')) throw forbidden();
}

/** The comment text of a create or update, or GitHub's 422. */
export function commentBody(body: unknown): string {
  const text = (body as { body?: unknown } | null)?.body;
  if (typeof text !== 'string' || text === '' || [...text].length > COMMENT_MAX) {
    throw new HttpError(422, 'Validation Failed', {
      errors: [
        {
          resource: 'IssueComment',
          code: typeof text === 'string' ? 'custom' : 'missing_field',
          field: 'body',
        },
      ],
    });
  }
  return text;
}
