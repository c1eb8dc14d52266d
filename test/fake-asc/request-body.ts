// Strict request bodies: each one is checked against the operation's schema in Apple's spec, and what
// does not fit becomes the 409 ENTITY_ERROR… Apple sends (unknown attributes included: Apple refuses them).
import { AscError, TITLES, type ErrorSpec } from './errors.js';
import type { JsonSchema, SpecOperation, SpecOperations } from './spec-operations.js';

type Problem = 'missing' | 'unknown' | 'invalid';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkRequestBody(spec: SpecOperations, op: SpecOperation, body: unknown): void {
  if (!op.requestSchema) return;
  const errors: ErrorSpec[] = [];
  if (body === undefined) {
    errors.push(describe('', 'missing', 'The request body is required for this operation.'));
  } else {
    walk(spec, body, op.requestSchema, '', errors);
  }
  if (errors.length > 0) throw new AscError(409, ...errors);
}

function walk(
  spec: SpecOperations,
  value: unknown,
  raw: JsonSchema,
  pointer: string,
  errors: ErrorSpec[],
): void {
  const schema = spec.resolve(raw);
  if (value === null) {
    if (!schema.nullable)
      errors.push(describe(pointer, 'invalid', `'${name(pointer)}' may not be null`));
    return;
  }
  if (schema.oneOf) {
    const fits = schema.oneOf.some((s) => {
      const trial: ErrorSpec[] = [];
      walk(spec, value, s, pointer, trial);
      return trial.length === 0;
    });
    if (!fits) errors.push(describe(pointer, 'invalid', `'${name(pointer)}' has an invalid value`));
    return;
  }
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        errors.push(describe(pointer, 'invalid', `'${name(pointer)}' must be an object`));
        return;
      }
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      for (const key of schema.required ?? []) {
        if (record[key] === undefined) {
          errors.push(
            describe(`${pointer}/${key}`, 'missing', requiredDetail(`${pointer}/${key}`)),
          );
        }
      }
      for (const [key, child] of Object.entries(record)) {
        const childSchema = properties[key];
        if (!childSchema) {
          errors.push(
            describe(
              `${pointer}/${key}`,
              'unknown',
              `'${key}' is not a valid field for this request`,
            ),
          );
        } else if (child !== undefined) {
          walk(spec, child, childSchema, `${pointer}/${key}`, errors);
        }
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) {
        errors.push(describe(pointer, 'invalid', `'${name(pointer)}' must be an array`));
        return;
      }
      value.forEach((item, i) => walk(spec, item, schema.items ?? {}, `${pointer}/${i}`, errors));
      return;
    case 'string':
      if (typeof value !== 'string') {
        errors.push(describe(pointer, 'invalid', `'${name(pointer)}' must be a string`));
      } else if (schema.enum && !schema.enum.includes(value)) {
        errors.push(
          describe(
            pointer,
            'invalid',
            `'${value}' is not a valid value for '${name(pointer)}'; expected ${schema.enum.join(', ')}`,
          ),
        );
      } else if (schema.format === 'email' && !EMAIL.test(value)) {
        errors.push(describe(pointer, 'invalid', `'${value}' is not a valid email address`));
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        errors.push(describe(pointer, 'invalid', `'${name(pointer)}' must be true or false`));
      }
      return;
    case 'integer':
      if (!Number.isInteger(value)) {
        errors.push(describe(pointer, 'invalid', `'${name(pointer)}' must be an integer`));
      }
      return;
    case 'number':
      if (typeof value !== 'number') {
        errors.push(describe(pointer, 'invalid', `'${name(pointer)}' must be a number`));
      }
      return;
    default:
      return;
  }
}

function name(pointer: string): string {
  return pointer.split('/').at(-1) || 'body';
}

function requiredDetail(pointer: string): string {
  const rel = /^\/data\/relationships\/([^/]+)$/.exec(pointer);
  if (rel) return `You must provide a value for the relationship '${rel[1]}' with this request`;
  return `You must provide a value for the attribute '${name(pointer)}' with this request`;
}

/** Apple's codes are chosen by where in the document the problem is. */
function describe(pointer: string, problem: Problem, detail: string): ErrorSpec {
  const suffix = { missing: 'REQUIRED', unknown: 'UNKNOWN', invalid: 'INVALID' }[problem];
  const source = { pointer: pointer || '/' };
  if (/^\/data\/attributes\/[^/]+/.test(pointer)) {
    const title = {
      missing: TITLES.attributeRequired,
      unknown: TITLES.attributeUnknown,
      invalid: TITLES.attributeInvalid,
    }[problem];
    return { code: `ENTITY_ERROR.ATTRIBUTE.${suffix}`, title, detail, source };
  }
  if (/^\/data\/relationships\/[^/]+/.test(pointer) || /^\/data\/\d+/.test(pointer)) {
    const title = {
      missing: TITLES.relationshipRequired,
      unknown: TITLES.relationshipUnknown,
      invalid: TITLES.relationshipInvalid,
    }[problem];
    return { code: `ENTITY_ERROR.RELATIONSHIP.${suffix}`, title, detail, source };
  }
  return { code: 'ENTITY_ERROR', title: TITLES.entityInvalid, detail, source };
}
