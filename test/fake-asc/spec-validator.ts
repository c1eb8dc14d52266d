// Checks requests and responses of the fake App Store Connect server against Apple's OpenAPI spec.
//
// Libraries: openapi-backend (maintained, ajv-based) routes a request to its operation and validates
// parameters and body the OpenAPI way: `style: form, explode: false` arrays are split on commas and checked
// item by item, query strings are coerced to the parameter's type (so `limit` gets its integer maximum), and
// query parameters the operation does not define are rejected. Its own response validation compiles each
// operation's fully inlined schema (about 0.5 s for GET /v1/builds, per test file), so responses go through
// one shared ajv instance that holds the spec's components instead: each component compiles once per process.
//
// Choices, all stricter than the spec text demands, because the fake is the project's stand-in for Apple:
// - Formats (date-time, uri, uri-reference, email) are enforced everywhere via ajv-formats. Apple's real
//   timestamps with zone offsets and milliseconds are valid RFC 3339 date-times.
// - Objects that list `properties` are closed (additionalProperties: false): the fake must not invent or
//   misspell attributes, and a client must not send attributes the spec lacks (e.g. isInternalGroup on PATCH).
//   The one exception is ErrorLinks, where Apple's real 403 body has a `see` link the spec does not define.
// - `cursor` is accepted on every operation that takes `limit`: the spec omits it, yet Apple's `links.next`
//   carries it (see recorded/ and asc-openapi/DIGEST.md, "Paging").
// - A status the operation does not list is an error, except 5xx (the spec lists none; Apple's gateway may
//   answer in HTML, so only a JSON object body is checked, as an ErrorResponse) and 429 (checked likewise).
// - A query parameter with a single-value schema is never split on commas (see prepare()).
// - A request with no matching operation answered with an error status is checked as an ErrorResponse.
// - Apple's nulls (apple-nulls.ts) are accepted in responses unless the spec-strict validator is asked for.
import { readFile } from 'node:fs/promises';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import { Ajv, type ErrorObject, type Options as AjvOptions, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { allowAppleNulls } from './apple-nulls.js';

export interface SpecValidator {
  /** Errors of a request against the operation's parameters and request body; [] when valid. */
  validateRequest(r: {
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
  }): string[];
  /** Errors of a response body against the operation's response for that status; [] when valid. */
  validateResponse(r: { method: string; path: string; status: number; body: unknown }): string[];
}

const SPEC_URL = new URL('../../spec/asc-openapi/asc-testflight.oas.json', import.meta.url);
// ajv-formats is CommonJS; under NodeNext its default export arrives as module.exports.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// discriminator: true makes ajv check an `included` item only against the schema its `type` selects,
// which keeps error messages to the one resource that is wrong. Without code optimisation and ref
// inlining, compiling GET /v1/builds' response takes ~35 ms instead of ~300 ms, and validation stays fast.
const AJV_OPTIONS: AjvOptions = {
  strict: false,
  allErrors: true,
  discriminator: true,
  inlineRefs: false,
  code: { optimize: false },
};

type Json = Record<string, unknown>;
interface SpecOperation {
  parameters?: Json[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Spec {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, unknown> };
}

const loading = new Map<boolean, Promise<SpecValidator>>();

/**
 * The validator, built once per process and mode (each vitest worker builds its own). `appleNulls: false`
 * is the spec-strict one: no null the spec does not allow.
 */
export async function loadSpecValidator({ appleNulls = true } = {}): Promise<SpecValidator> {
  let validator = loading.get(appleNulls);
  if (!validator) loading.set(appleNulls, (validator = build(appleNulls)));
  return validator;
}

async function build(appleNulls: boolean): Promise<SpecValidator> {
  const spec = prepare(JSON.parse(await readFile(SPEC_URL, 'utf8')) as Spec);
  if (appleNulls) allowAppleNulls(spec);
  // openapi-backend dereferences its definition in place, so it gets its own copy.
  const api = new OpenAPIBackend({
    definition: structuredClone(spec) as unknown as Document,
    quick: true, // no spec self-check and lazy compilation per operation: init takes ~25 ms
    ajvOpts: AJV_OPTIONS,
    customizeAjv: (ajv) => addFormats(ajv),
  });
  await api.init();

  const responseAjv = addFormats(new Ajv({ ...AJV_OPTIONS, validateSchema: false }));
  responseAjv.addSchema({ components: spec.components }, 'asc');
  const compiled = new Map<string, ValidateFunction>();
  const schemaFor = (ref: string): ValidateFunction => {
    let validate = compiled.get(ref);
    if (!validate) {
      validate = responseAjv.compile({ $ref: `asc${ref}` });
      compiled.set(ref, validate);
    }
    return validate;
  };

  const match = (method: string, path: string): Operation | string => {
    try {
      return api.router.matchOperation({ method: method.toLowerCase(), path, headers: {} }, true)!;
    } catch (e) {
      const why = String(e).includes('405')
        ? 'has no such method for this path'
        : 'has no such path';
      return `${method.toUpperCase()} ${path}: Apple's spec ${why}`;
    }
  };

  return {
    validateRequest({ method, path, query, body }) {
      const op = match(method, path);
      if (typeof op === 'string') return [op];
      const name = `${op.method.toUpperCase()} ${op.path}`;
      if (body !== undefined && !op.requestBody) return [`${name}: takes no request body`];
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      const result = api.validator.validateRequest({ method, path, query, body, headers }, op);
      return describe(result.errors ?? [], { query, requestBody: body }, name);
    },

    validateResponse({ method, path, status, body }) {
      const op = match(method, path);
      const name = typeof op === 'string' ? op : `${op.method.toUpperCase()} ${op.path}`;
      const errorBody = () =>
        describe(check(schemaFor('#/components/schemas/ErrorResponse'), body), body, name);
      if (typeof op === 'string') return status >= 400 ? errorBody() : [op];
      const responses = spec.paths[op.path]![op.method]!.responses;
      const declared = responses[String(status)];
      if (!declared) {
        if (status >= 500) return isJsonObject(body) ? errorBody() : [];
        if (status === 429) return errorBody();
        const listed = Object.keys(responses).join(', ');
        return [`${name}: status ${status} is not a response the spec lists (it lists ${listed})`];
      }
      const ref = declared.content?.['application/json']?.schema?.$ref;
      if (!ref) {
        const empty = body === undefined || body === null || body === '';
        return empty ? [] : [`${name}: a ${status} has no body in the spec, got ${show(body)}`];
      }
      return describe(check(schemaFor(ref), body), body, `${name} → ${status}`);
    },
  };
}

function check(validate: ValidateFunction, body: unknown): ErrorObject[] {
  return validate(body) ? [] : (validate.errors ?? []);
}

/** Adjusts Apple's spec to the choices described at the top of this file. */
function prepare(spec: Spec): Spec {
  closeObjects(spec.components.schemas);
  // Apple's real 403 FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED carries links.see (recorded/), a key
  // ErrorLinks lacks: the real body wins over the spec, so error links stay open.
  const errorLinks = spec.components.schemas.ErrorLinks;
  if (isJsonObject(errorLinks)) errorLinks.additionalProperties = true;
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      const params = op.parameters;
      // `explode` means nothing for a single value, yet openapi-backend splits any explode: false
      // parameter on commas, turning e.g. period=P30D into an array.
      for (const p of params ?? []) {
        if ((p.schema as Json | undefined)?.type !== 'array') delete p.explode;
      }
      if (params?.some((p) => p.name === 'limit')) {
        params.push({ name: 'cursor', in: 'query', schema: { type: 'string' }, required: false });
      }
    }
  }
  return spec;
}

function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!isJsonObject(node)) return;
  if (isJsonObject(node.properties) && node.additionalProperties === undefined) {
    node.additionalProperties = false;
  }
  // ajv builds the mapping itself from each branch's `type` enum and refuses an explicit one.
  if (isJsonObject(node.discriminator)) delete node.discriminator.mapping;
  Object.values(node).forEach(closeObjects);
}

/** One readable sentence per ajv error, naming where it is and what was found there. */
function describe(errors: ErrorObject[], data: unknown, name: string): string[] {
  return errors
    .filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    .map((e) => {
      const where = location(e.instancePath);
      const p = e.params as Json;
      const value = at(data, e.instancePath);
      switch (e.keyword) {
        case 'additionalProperties':
          return e.instancePath === '/query'
            ? `${name}: query parameter ${p.additionalProperty} is not defined for this operation`
            : `${name}: ${where} has property "${p.additionalProperty}", which the spec does not define`;
        case 'required':
          if (p.missingProperty === 'requestBody') return `${name}: request body is required`;
          if (e.instancePath === '/query') {
            return `${name}: query parameter ${p.missingProperty} is required`;
          }
          return `${name}: ${where} lacks required property "${p.missingProperty}"`;
        case 'enum':
          return `${name}: ${where} is ${show(value)}, not one of ${(p.allowedValues as unknown[]).join(', ')}`;
        default:
          return `${name}: ${where} ${e.message ?? e.keyword}, got ${show(value)}`;
      }
    });
}

function location(instancePath: string): string {
  const parts = pointer(instancePath);
  if (parts[0] === 'query' && parts[1] !== undefined) {
    return `query parameter ${parts[1]}${parts[2] === undefined ? '' : ` item ${parts[2]}`}`;
  }
  if (parts[0] === 'requestBody') return `request body ${slash(parts.slice(1))}`;
  return `response body ${slash(parts)}`;
}

/** The value at a JSON pointer; a comma-joined query value is indexed item by item. */
function at(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const key of pointer(instancePath)) {
    if (typeof value === 'string' && /^\d+$/.test(key)) value = value.split(',');
    value = isJsonObject(value) || Array.isArray(value) ? (value as Json)[key] : undefined;
  }
  return value;
}

function pointer(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const slash = (parts: string[]) => (parts.length ? `/${parts.join('/')}` : '(root)');

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
