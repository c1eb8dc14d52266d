// Every operation of the spec mapped to its handler: explicit writes first, generic reads for the rest.
import { betaGroupRoutes } from './beta-groups.js';
import { betaReviewRoutes } from './beta-review.js';
import { betaTesterRoutes } from './beta-testers.js';
import { buildRoutes } from './builds.js';
import { genericRead } from './generic-reads.js';
import type { RouteHandler, RouteTable } from './route.js';
import { testInformationRoutes } from './test-information.js';

const EXPLICIT: RouteTable = {
  ...betaGroupRoutes,
  ...buildRoutes,
  ...betaTesterRoutes,
  ...betaReviewRoutes,
  ...testInformationRoutes,
};

export function handlerFor(method: string, template: string): RouteHandler | undefined {
  return (
    EXPLICIT[`${method} ${template}`] ?? (method === 'GET' ? genericRead(template) : undefined)
  );
}
