// Every resource type the fake serves, by its JSON:API type, with its relationships as the spec names them.
import * as app from './kinds-app.js';
import * as beta from './kinds-beta.js';
import * as build from './kinds-build.js';
import type { ResourceKind } from './resource-kind.js';
import type { SpecOperations } from './spec-operations.js';

const ALL: ResourceKind[] = [
  build.apps,
  build.builds,
  build.preReleaseVersions,
  build.buildBetaDetails,
  beta.betaGroups,
  beta.betaTesters,
  beta.betaBuildLocalizations,
  beta.betaAppReviewSubmissions,
  beta.betaRecruitmentCriteria,
  beta.betaRecruitmentCriterionCompatibleBuildChecks,
  beta.buildBetaNotifications,
  beta.betaTesterInvitations,
  beta.betaRecruitmentCriterionOptions,
  app.betaAppLocalizations,
  app.betaAppReviewDetails,
  app.betaLicenseAgreements,
  app.appEncryptionDeclarations,
  app.users,
];

export const KINDS: ReadonlyMap<string, ResourceKind> = new Map(ALL.map((k) => [k.type, k]));

export function kindOf(type: string): ResourceKind {
  const kind = KINDS.get(type);
  if (!kind) throw new Error(`fake-asc: no resource kind '${type}'`);
  return kind;
}

export interface RelationshipShape {
  many: boolean;
  /** Whether the spec gives this relationship `links` (some, like builds' buildUpload, have data only). */
  links: boolean;
  /** The related type; undefined for relationships that only carry links. */
  type?: string;
}

interface RelationshipSchema {
  properties?: {
    links?: unknown;
    data?: { type?: string; items?: { properties?: { type?: { enum?: string[] } } } } & {
      properties?: { type?: { enum?: string[] } };
    };
  };
}

const shapes = new Map<string, Map<string, RelationshipShape>>();

// Links-only relationships whose target type the spec names only in the path.
const LINK_ONLY_TYPES: Record<string, string> = {
  betaRecruitmentCriterionCompatibleBuildCheck: 'betaRecruitmentCriterionCompatibleBuildChecks',
};

/** The relationships the spec gives a resource type, read from its schema once. */
export function relationshipsOf(spec: SpecOperations, kind: ResourceKind) {
  let found = shapes.get(kind.type);
  if (found) return found;
  found = new Map();
  const schema = spec.schemas[kind.schema] as
    | { properties?: { relationships?: { properties?: Record<string, RelationshipSchema> } } }
    | undefined;
  for (const [name, rel] of Object.entries(schema?.properties?.relationships?.properties ?? {})) {
    const data = rel.properties?.data;
    const links = rel.properties?.links !== undefined;
    const many = data?.type === 'array';
    const type = !data
      ? LINK_ONLY_TYPES[name]
      : many
        ? data.items?.properties?.type?.enum?.[0]
        : data.properties?.type?.enum?.[0];
    found.set(name, type ? { many, links, type } : { many, links });
  }
  shapes.set(kind.type, found);
  return found;
}
