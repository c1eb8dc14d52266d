// Apple's ErrorResponse bodies, and the one exception type handlers throw to answer with one.
import { randomUUID } from 'node:crypto';

export interface AscErrorObject {
  id?: string;
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string } | { parameter: string };
  meta?: Record<string, unknown>;
}

export interface ErrorSpec {
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string } | { parameter: string };
  meta?: Record<string, unknown>;
}

/** Thrown anywhere below the dispatcher; turned into `{errors:[…]}` with this status. */
export class AscError extends Error {
  readonly status: number;
  readonly errors: AscErrorObject[];

  constructor(status: number, ...specs: ErrorSpec[]) {
    super(specs.map((s) => `${s.code}: ${s.detail}`).join('; '));
    this.status = status;
    // Apple gives every error an id except the 401 (recorded/issue__egodigital-…__401.json).
    this.errors = specs.map((s) => ({
      ...(status === 401 ? {} : { id: randomUUID() }),
      status: String(status),
      ...s,
    }));
  }

  body(): { errors: AscErrorObject[] } {
    return { errors: this.errors };
  }
}

export const TITLES = {
  notFound: 'The specified resource does not exist',
  stateError: 'The request cannot be fulfilled because of the state of another resource.',
  unprocessable: 'The request entity is not processable.',
  // Apple's own titles for the TestFlight refusals, as real responses show them (README "Evidence").
  buildNotAssignable: 'Build is not assignable.',
  internalGroupAllBuilds: 'Builds cannot be assigned to this internal group.',
  anotherBuildInReview: 'Another build is in review.',
  requestEntityProblem: 'There is a problem with the request entity',
  attributeInvalid: 'The provided entity includes an attribute with an invalid value',
  attributeRequired: 'The provided entity is missing a required attribute',
  attributeUnknown: 'The provided entity includes an unknown attribute',
  attributeDuplicate:
    'The provided entity includes an attribute with a value that has already been used',
  relationshipInvalid: 'The provided entity includes a relationship with an invalid value',
  relationshipRequired: 'The provided entity is missing a required relationship',
  relationshipUnknown: 'The provided entity includes an unknown relationship',
  entityInvalid: 'The provided entity is invalid',
  parameterIllegal: 'A given parameter is not allowed for this request',
  parameterInvalid: 'A parameter has an invalid value',
  parameterRequired: 'A required parameter is missing',
} as const;

export function notFound(type: string, id: string): AscError {
  return new AscError(404, {
    code: 'NOT_FOUND',
    title: TITLES.notFound,
    detail: `There is no resource of type '${type}' with id '${id}'`,
    // Apple's pointer has no leading slash (recorded/codemagic__mocks__error_response.json).
    source: { pointer: 'data/id' },
  });
}

/** Apple's answer to a path it does not serve (README "Evidence"). */
export function pathNotFound(path: string): AscError {
  return new AscError(404, {
    code: 'PATH_ERROR',
    title: 'The URL path is not valid',
    detail: `'${path}' is not a valid URL`,
  });
}

/** A body that is not JSON: Apple's ENTITY_INVALID family (its exact text is not public). */
export function entityUnparsable(): AscError {
  return new AscError(400, {
    code: 'ENTITY_INVALID',
    title: TITLES.entityInvalid,
    detail: 'The request entity could not be parsed as JSON.',
  });
}

/** 403 for a key whose role does not allow the request (fastlane/fastlane #14372). */
export function forbidden(): AscError {
  return new AscError(403, {
    code: 'FORBIDDEN_ERROR',
    title: 'This request is forbidden for security reasons',
    detail: 'The API key in use does not allow this request',
  });
}

export function methodNotAllowed(method: string): AscError {
  return new AscError(405, {
    code: 'METHOD_NOT_ALLOWED',
    title: 'The request method is not valid for the resource path.',
    detail: `The request method '${method}' is not valid for the resource path.`,
  });
}

export function parameterError(
  kind: 'ILLEGAL' | 'INVALID' | 'REQUIRED',
  parameter: string,
  detail: string,
): AscError {
  const title =
    kind === 'ILLEGAL'
      ? TITLES.parameterIllegal
      : kind === 'INVALID'
        ? TITLES.parameterInvalid
        : TITLES.parameterRequired;
  return new AscError(400, {
    code: `PARAMETER_ERROR.${kind}`,
    title,
    detail,
    source: { parameter },
  });
}

/** 409 ENTITY_ERROR…: something in the request body is wrong. */
export function entityError(code: string, title: string, detail: string, pointer?: string) {
  return new AscError(409, {
    code,
    title,
    detail,
    ...(pointer === undefined ? {} : { source: { pointer } }),
  });
}

export function attributeInvalid(attribute: string, detail: string, suffix = ''): AscError {
  return entityError(
    `ENTITY_ERROR.ATTRIBUTE.INVALID${suffix}`,
    TITLES.attributeInvalid,
    detail,
    `/data/attributes/${attribute}`,
  );
}

export function relationshipInvalid(detail: string, pointer: string): AscError {
  return entityError(
    'ENTITY_ERROR.RELATIONSHIP.INVALID',
    TITLES.relationshipInvalid,
    detail,
    pointer,
  );
}

/** 409 STATE_ERROR…: the request is well formed but the current state forbids it. */
export function stateError(detail: string, code = 'STATE_ERROR', meta?: Record<string, unknown>) {
  return new AscError(409, {
    code,
    title: TITLES.stateError,
    detail,
    ...(meta === undefined ? {} : { meta }),
  });
}

/** 422 ENTITY_UNPROCESSABLE…: the code Apple uses for builds that cannot be assigned or reviewed. */
export function unprocessable(
  detail: string,
  code = 'ENTITY_UNPROCESSABLE',
  title: string = TITLES.unprocessable,
): AscError {
  return new AscError(422, { code, title, detail });
}

/** 403 for a team whose agreements lapsed: recorded/codemagic__mocks__error_response_with_links.json. */
export function agreementsMissing(): AscError {
  const error = new AscError(403, {
    code: 'FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED',
    title: 'A required agreement is missing or has expired.',
    detail: 'This request requires an in-effect agreement that has not been signed or has expired.',
  });
  // `links.see` is Apple's, though the spec's ErrorLinks does not define it.
  Object.assign(error.errors[0]!, { links: { see: '/agreements' } });
  return error;
}

// recorded/issue__egodigital-node-appstore-connect-3__401.json, verbatim.
export const NOT_AUTHORIZED: ErrorSpec = {
  code: 'NOT_AUTHORIZED',
  title: 'Authentication credentials are missing or invalid.',
  detail:
    'Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens',
};

export function notAuthorized(): AscError {
  return new AscError(401, NOT_AUTHORIZED);
}

export function rateLimitExceeded(): AscError {
  return new AscError(429, {
    code: 'RATE_LIMIT_EXCEEDED',
    title: 'The request rate limit has been reached.',
    detail:
      "We've received too many requests for this API. Please wait and try again or slow down your request rate.",
  });
}

export function unexpectedError(status: number): AscError {
  return new AscError(status, {
    code: 'UNEXPECTED_ERROR',
    title: 'An unexpected error occurred.',
    detail:
      'An unexpected error occurred on the server side. If this issue continues, contact us at https://developer.apple.com/contact/.',
  });
}

/** PATCH bodies carry the resource's id; it must be the one in the path. */
export function idMismatch(bodyId: unknown, pathId: string): AscError {
  return entityError(
    'ENTITY_ERROR.INVALID_ID',
    TITLES.entityInvalid,
    `The id '${String(bodyId)}' in the request body does not match the id '${pathId}' in the path.`,
    '/data/id',
  );
}
