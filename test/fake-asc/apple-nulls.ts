// The nulls Apple sends that its spec does not allow, as one list: the response validator accepts these
// and nothing else (every other violation still fails). Sources are in README "Evidence".
type Json = Record<string, unknown>;
interface SpecText {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/**
 * Response attributes Apple sends as `null` when unset, though the spec marks none of them nullable.
 * Recorded: BetaGroup's public-link attributes and hasAccessToAllBuilds (recorded/fastlane__testflight__beta_groups.json,
 * …beta_create_group.json, Apple's example of an internal group), BetaTester's names (…beta_testers.json),
 * Build's lsMinimumSystemVersion (recorded/codemagic__mocks__build.json). Unset by nature: a build without export
 * compliance, What to Test not written yet, and the Test Information fields the spec's own update bodies take as null.
 */
export const APPLE_NULL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  BetaGroup: [
    'hasAccessToAllBuilds',
    'publicLinkEnabled',
    'publicLinkId',
    'publicLinkLimitEnabled',
    'publicLinkLimit',
    'publicLink',
  ],
  BetaTester: ['firstName', 'lastName'],
  Build: ['lsMinimumSystemVersion', 'usesNonExemptEncryption'],
  BetaBuildLocalization: ['whatsNew'],
  BetaAppLocalization: [
    'description',
    'feedbackEmail',
    'marketingUrl',
    'privacyPolicyUrl',
    'tvOsPrivacyPolicy',
  ],
  BetaAppReviewDetail: [
    'contactFirstName',
    'contactLastName',
    'contactPhone',
    'contactEmail',
    'demoAccountName',
    'demoAccountPassword',
    'notes',
  ],
  BetaLicenseAgreement: ['agreementText'],
  AppEncryptionDeclaration: ['codeValue', 'documentUrl', 'documentName', 'documentType'],
};

/** OpenAPI's `nullable` where the schema has a type (ajv keeps the type's error message); else anyOf. */
function orNull(schema: unknown): unknown {
  const typed = schema as { type?: unknown } | undefined;
  if (typeof typed?.type === 'string') return { ...typed, nullable: true };
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * Loosens a copy of the spec for Apple's nulls: the listed attributes, and an empty to-one relationship, which
 * JSON:API writes as `data: null` (in a relationship object, and as the whole of a to-one related or linkage
 * document, e.g. GET /v1/builds/{id}/appEncryptionDeclaration for a build without one).
 */
export function allowAppleNulls(spec: SpecText): void {
  const schemas = spec.components.schemas;
  for (const [name, attributes] of Object.entries(APPLE_NULL_ATTRIBUTES)) {
    const properties = propertiesOf(propertiesOf(schemas[name])?.attributes);
    if (!properties) throw new Error(`fake-asc: apple-nulls names ${name}, which the spec lacks`);
    for (const attribute of attributes) {
      if (!(attribute in properties)) {
        throw new Error(`fake-asc: apple-nulls names ${name}.${attribute}, which the spec lacks`);
      }
      properties[attribute] = orNull(properties[attribute]);
    }
  }
  for (const schema of Object.values(schemas)) {
    for (const relationship of Object.values(
      propertiesOf(propertiesOf(schema)?.relationships) ?? {},
    )) {
      const rel = propertiesOf(relationship);
      if (rel && isObjectSchema(rel.data)) rel.data = orNull(rel.data);
    }
  }
  for (const ref of toOneDocuments(spec)) {
    const document = propertiesOf(schemas[ref]);
    if (document && !isNullable(document.data)) document.data = orNull(document.data);
  }
}

/** Response schemas of GET /v1/x/{id}/y and …/relationships/y whose data is one resource. */
function toOneDocuments(spec: SpecText): Set<string> {
  const found = new Set<string>();
  for (const [template, item] of Object.entries(spec.paths)) {
    if (!/^\/v1\/[A-Za-z]+\/\{id\}\/.+/.test(template)) continue;
    const ok = (item.get as { responses?: Record<string, Json> } | undefined)?.responses?.['200'];
    const ref = (ok?.content as Record<string, { schema?: { $ref?: string } }> | undefined)?.[
      'application/json'
    ]?.schema?.$ref;
    const name = ref?.replace('#/components/schemas/', '');
    const data = name === undefined ? undefined : propertiesOf(spec.components.schemas[name])?.data;
    if (name !== undefined && data !== undefined && !isArraySchema(data)) found.add(name);
  }
  return found;
}

function propertiesOf(schema: unknown): Json | undefined {
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return typeof properties === 'object' && properties !== null ? (properties as Json) : undefined;
}

function isObjectSchema(schema: unknown): boolean {
  return (schema as { type?: unknown } | undefined)?.type === 'object';
}

function isArraySchema(schema: unknown): boolean {
  return (schema as { type?: unknown } | undefined)?.type === 'array';
}

function isNullable(schema: unknown): boolean {
  const s = schema as { anyOf?: unknown; nullable?: unknown } | undefined;
  return s?.nullable === true || Array.isArray(s?.anyOf);
}
