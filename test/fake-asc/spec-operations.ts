// Apple's spec as the fake's routing table: which operations exist and which query parameters each takes.
import { readFileSync } from 'node:fs';
import { methodNotAllowed, parameterError, pathNotFound } from './errors.js';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
  maximum?: number;
  format?: string;
  oneOf?: JsonSchema[];
  $ref?: string;
}

interface QueryParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface SpecOperation {
  method: string;
  /** e.g. /v1/betaGroups/{id}/relationships/builds */
  template: string;
  operationId: string;
  query: Map<string, QueryParameter>;
  requestSchema?: JsonSchema;
  statuses: string[];
}

interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema> };
}

const SPEC_URL = new URL('../../spec/asc-openapi/asc-testflight.oas.json', import.meta.url);

/** Apple puts `cursor` in every links.next but the spec lists it nowhere; it is always accepted. */
export const CURSOR_PARAMETER = 'cursor';

export class SpecOperations {
  readonly schemas: Record<string, JsonSchema>;
  private readonly byTemplate = new Map<string, Map<string, SpecOperation>>();
  private readonly matchers: { template: string; pattern: RegExp }[] = [];

  constructor(spec: SpecDocument) {
    this.schemas = spec.components.schemas;
    for (const [template, item] of Object.entries(spec.paths)) {
      const ops = new Map<string, SpecOperation>();
      for (const [method, raw] of Object.entries(item)) {
        if (method === 'parameters') continue;
        const op = raw as {
          operationId: string;
          parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
          responses: Record<string, unknown>;
        };
        const query = new Map<string, QueryParameter>();
        for (const p of op.parameters ?? []) {
          if (p.in === 'query')
            query.set(p.name, { name: p.name, required: !!p.required, schema: p.schema });
        }
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        ops.set(method.toUpperCase(), {
          method: method.toUpperCase(),
          template,
          operationId: op.operationId,
          query,
          ...(bodySchema ? { requestSchema: this.resolve(bodySchema) } : {}),
          statuses: Object.keys(op.responses),
        });
      }
      this.byTemplate.set(template, ops);
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
      this.matchers.push({ template, pattern });
    }
  }

  resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = this.schemas[name];
    if (!target) throw new Error(`fake-asc: unresolved ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    return { ...this.resolve(target), ...rest };
  }

  /** The operation for a request, or Apple's 404/405. Path parameters come back in order. */
  match(method: string, path: string): { op: SpecOperation; params: string[] } {
    for (const { template, pattern } of this.matchers) {
      const m = pattern.exec(path);
      if (!m) continue;
      const op = this.byTemplate.get(template)?.get(method);
      if (!op) throw methodNotAllowed(method);
      return { op, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    }
    throw pathNotFound(path);
  }

  has(method: string, template: string): boolean {
    return this.byTemplate.get(template)?.has(method) ?? false;
  }

  all(): SpecOperation[] {
    return [...this.byTemplate.values()].flatMap((ops) => [...ops.values()]);
  }

  /** 400 PARAMETER_ERROR.* for anything the operation does not define or accept, as Apple does. */
  checkQuery(op: SpecOperation, query: Record<string, string>): void {
    for (const [name, value] of Object.entries(query)) {
      if (name === CURSOR_PARAMETER) continue;
      const parameter = op.query.get(name);
      if (!parameter) {
        throw parameterError(
          'ILLEGAL',
          name,
          `The parameter '${name}' can not be used with this request`,
        );
      }
      checkValue(parameter, value);
    }
    for (const parameter of op.query.values()) {
      if (parameter.required && query[parameter.name] === undefined) {
        throw parameterError(
          'REQUIRED',
          parameter.name,
          `The parameter '${parameter.name}' is required for this request`,
        );
      }
    }
  }
}

function checkValue(parameter: QueryParameter, value: string): void {
  const { name, schema } = parameter;
  const invalid = (detail: string) => parameterError('INVALID', name, detail);
  if (schema.type === 'integer') {
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw invalid(`'${value}' is not a valid value for the parameter '${name}'`);
    }
    if (schema.maximum !== undefined && Number(value) > schema.maximum) {
      throw invalid(
        `The value '${value}' exceeds the maximum allowed value of '${schema.maximum}' for the parameter '${name}'`,
      );
    }
    return;
  }
  if (schema.type === 'boolean') {
    if (value !== 'true' && value !== 'false') {
      throw invalid(
        `'${value}' is not a valid value for the parameter '${name}'; use true or false`,
      );
    }
    return;
  }
  const values = schema.type === 'array' ? value.split(',') : [value];
  const allowed = (schema.type === 'array' ? schema.items?.enum : schema.enum) as
    string[] | undefined;
  for (const v of values) {
    if (v === '') throw invalid(`The parameter '${name}' has an empty value`);
    if (allowed && !allowed.includes(v)) {
      throw invalid(
        `'${v}' is not a valid value for the parameter '${name}'. Allowed values: ${allowed.join(', ')}`,
      );
    }
  }
}

let loaded: SpecOperations | undefined;

export function loadSpecOperations(): SpecOperations {
  loaded ??= new SpecOperations(JSON.parse(readFileSync(SPEC_URL, 'utf8')) as SpecDocument);
  return loaded;
}
