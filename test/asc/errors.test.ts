import { describe, expect, it } from 'vitest';
import { AscError, describeNonJsonBody, parseErrorEntries } from '../../src/asc/errors.js';

describe('AscError', () => {
  it('reads METHOD path: status CODE: detail, with the real path', () => {
    const errors = parseErrorEntries({
      errors: [
        {
          status: '422',
          code: 'ENTITY_ERROR.RELATIONSHIP.INVALID',
          title: 'The provided entity includes a relationship with an invalid value',
          detail: "The build 'b1' is not valid for this group",
          source: { pointer: '/data/0/id' },
        },
      ],
    });
    const e = new AscError({
      method: 'POST',
      path: '/v1/betaGroups/g1/relationships/builds',
      status: 422,
      errors,
    });
    expect(e.message).toBe(
      "POST /v1/betaGroups/g1/relationships/builds: 422 ENTITY_ERROR.RELATIONSHIP.INVALID: The build 'b1' is not valid for this group (at /data/0/id)",
    );
    expect(e.status).toBe(422);
    expect(e.method).toBe('POST');
    expect(e.path).toBe('/v1/betaGroups/g1/relationships/builds');
    expect(e).toBeInstanceOf(Error);
  });

  it('matches codes by dot-separated prefix', () => {
    const e = new AscError({
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      status: 409,
      errors: parseErrorEntries({
        errors: [{ code: 'STATE_ERROR.ENTITY_STATE_INVALID', status: '409' }],
      }),
    });
    expect(e.hasCode('STATE_ERROR')).toBe(true);
    expect(e.hasCode('STATE_ERROR.ENTITY_STATE_INVALID')).toBe(true);
    expect(e.hasCode('STATE')).toBe(false);
    expect(e.hasCode('ENTITY_ERROR')).toBe(false);
  });

  it('keeps every entry, falls back to the title when detail is missing, and shows a parameter source', () => {
    const errors = parseErrorEntries({
      errors: [
        { status: '409', code: 'ENTITY_ERROR.RELATIONSHIP.INVALID', title: 'Invalid relationship' },
        {
          status: 409,
          code: 'ENTITY_ERROR',
          detail: 'second',
          source: { parameter: 'filter[app]' },
          links: { see: '/x' },
        },
        'not an object',
      ],
    });
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatchObject({
      status: '409',
      parameter: 'filter[app]',
      pointer: null,
      id: null,
    });
    const e = new AscError({ method: 'DELETE', path: '/v1/x', status: 409, errors });
    expect(e.message).toBe(
      'DELETE /v1/x: 409 ENTITY_ERROR.RELATIONSHIP.INVALID: Invalid relationship; ENTITY_ERROR: second (at parameter filter[app])',
    );
  });

  it('describes failures without a body', () => {
    expect(
      new AscError({
        method: 'GET',
        path: '/v1/apps',
        status: null,
        reason: '(timed out after 30 s)',
      }).message,
    ).toBe('GET /v1/apps: no response (timed out after 30 s)');
  });

  it('turns an HTML gateway page into a readable line', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    expect(describeNonJsonBody('text/html; charset=utf-8', html)).toBe(
      '(a text/html response instead of JSON: "502 Bad Gateway")',
    );
    expect(describeNonJsonBody(null, '')).toBe(
      '(a no content type response with no readable text instead of JSON)',
    );
    expect(describeNonJsonBody('text/plain', 'x'.repeat(500))).toMatch(/\.\.\."\)$/);
  });

  it('never quotes a bearer token that a proxy echoed back', () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJhcHBzdG9yZWNvbm5lY3QtdjEifQ.c2lnbmF0dXJl';
    const line = describeNonJsonBody('text/plain', `Unauthorized: Authorization: Bearer ${token}`);
    expect(line).toBe(
      '(a text/plain response instead of JSON: "Unauthorized: Authorization: Bearer [token]")',
    );
    expect(line).not.toContain('eyJ');
  });

  it('never quotes a bearer token that an error entry echoed back, in its title, detail or message', () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJhcHBzdG9yZWNvbm5lY3QtdjEifQ.c2lnbmF0dXJl';
    const [entry] = parseErrorEntries({
      errors: [
        {
          code: 'NOT_AUTHORIZED',
          title: `Bad ${token}`,
          detail: `The token '${token}' is not valid.`,
        },
      ],
    });
    expect(entry!.title).toBe('Bad [token]');
    expect(entry!.detail).toBe("The token '[token]' is not valid.");
    const error = new AscError({ method: 'GET', path: '/v1/apps', status: 401, errors: [entry!] });
    expect(error.message).toBe(
      "GET /v1/apps: 401 NOT_AUTHORIZED: The token '[token]' is not valid.",
    );
  });

  it('returns no entries for bodies that are not an ErrorResponse', () => {
    expect(parseErrorEntries(null)).toEqual([]);
    expect(parseErrorEntries({ errors: 'nope' })).toEqual([]);
    expect(parseErrorEntries([1, 2])).toEqual([]);
  });
});
