// The fault matrix's read rows: every read method of AscApi, each on the request that carries it (method, path
// and the query that tells it from its neighbours), in a world where it occurs (read-worlds.ts), past the caps
// included. A row may need a first fault (a lost answer) for its read-back to occur.
import type { AscApi } from '../../src/asc/index.js';
import type { Fault } from '../fake-asc/types.js';
import type { RequestMatch } from './fault-checks.js';
import type { ReadWorldName } from './read-worlds.js';

/** The AscApi methods that change something: each carried by an operation kind's request. */
export const CHANGING_METHODS = [
  'setUsesNonExemptEncryption',
  'expireBuild',
  'assignEncryptionDeclaration',
  'createBetaAppLocalization',
  'updateBetaAppLocalization',
  'updateReviewDetail',
  'updateLicenseAgreement',
  'createGroup',
  'updateGroup',
  'addBuildToGroups',
  'deleteGroup',
  'createRecruitmentCriteria',
  'updateRecruitmentCriteria',
  'deleteRecruitmentCriteria',
  'addTestersToGroup',
  'removeTestersFromGroup',
  'createTester',
  'createLocalization',
  'updateLocalization',
  'createReviewSubmission',
  'sendBuildNotification',
] as const satisfies readonly (keyof AscApi)[];

/**
 * Read methods no code in src/ calls (the client's surface for its own tests), or whose request the fake
 * cannot make occur, with why. The coverage test holds the first to "no call in src/".
 */
export const READS_WITHOUT_ROWS = {
  findAppById: 'not called by the action: readApp asks GET /v1/apps/{id} with its includes',
  findAppByBundleId: 'not called by the action: readApp asks GET /v1/apps?filter[bundleId]=',
  countAppTesters:
    'called only when the first tester page has no meta.paging.total, which Apple and the fake always send',
} as const;
export const NOT_CALLED_BY_THE_ACTION = ['findAppById', 'findAppByBundleId'] as const;

type ReadMethod = Exclude<
  keyof AscApi,
  | (typeof CHANGING_METHODS)[number]
  | keyof typeof READS_WITHOUT_ROWS
  | 'rateLimit'
  | 'changingCalls'
>;

export interface ReadRow {
  name: string;
  world: ReadWorldName;
  request: RequestMatch;
  /** Faults armed first, once each, so the read occurs (a lost answer, which is then read back). */
  prelude?: Fault[];
  /** The method that sends this request, when not the row's own (a read-back inside a changing call). */
  madeBy?: keyof AscApi;
  /** The read comes before the first change: a run it fails has changed nothing. */
  beforeChanges: boolean;
}

const id = (s: string) => new RegExp(`^/v1/${s}$`);
const GROUP = '[^/]+';
const BUILD_INCLUDE = 'preReleaseVersion,buildBetaDetail';
/** The app's groups and nothing else (not a build's groups, not the criteria). */
const ONLY_THE_APP = { 'filter[app]': /./, 'filter[builds]': null, include: null };

/** Every read method's rows: a Record, so a read method added to AscApi does not compile until it has one. */
export const READ_ROWS: Readonly<Record<ReadMethod, readonly ReadRow[]>> = {
  readApp: [
    row('by bundle ID', 'first-distribution', 'GET', id('apps'), { 'filter[bundleId]': /./ }),
    row('by ID', 'past-the-caps', 'GET', id(`apps/${GROUP}`)),
    row('groups past 50', 'past-the-caps', 'GET', id('betaGroups'), ONLY_THE_APP),
    row('declarations past 50', 'past-the-caps', 'GET', id('appEncryptionDeclarations')),
    readBack(
      row('Test Information read back', 'first-distribution', 'GET', id('betaAppLocalizations')),
      'createBetaAppLocalization',
      { method: 'POST', path: '/v1/betaAppLocalizations' },
    ),
  ],
  listAppBuilds: [
    row('the app’s builds', 'first-distribution', 'GET', id('builds'), {
      'filter[expired]': 'false',
    }),
  ],
  findBuilds: [
    row('the processing wait', 'processing-and-review', 'GET', id('builds'), {
      'filter[version]': /./,
    }),
  ],
  getBuild: [
    row('after the changes', 'first-distribution', 'GET', id(`builds/${GROUP}`), {
      include: BUILD_INCLUDE,
    }),
  ],
  getBuildReview: [
    row('the review wait', 'processing-and-review', 'GET', id(`builds/${GROUP}`), {
      include: /betaAppReviewSubmission/,
    }),
  ],
  appTesterPages: [
    row('the app’s testers', 'first-distribution', 'GET', id('betaTesters'), {
      'filter[apps]': /./,
    }),
    row(
      'a tester’s groups past 50',
      'past-the-caps',
      'GET',
      id(`betaTesters/${GROUP}/relationships/betaGroups`),
    ),
  ],
  findTestersWithGroups: [
    row('listed testers of a large app', 'large-app', 'GET', id('betaTesters'), {
      'filter[email]': /./,
      include: 'betaGroups',
    }),
  ],
  findTestersByEmail: [
    row('testers new to the app', 'first-distribution', 'GET', id('betaTesters'), {
      'filter[email]': /./,
      include: null,
    }),
    readBack(
      row('a lost tester create read back', 'first-distribution', 'GET', id('betaTesters'), {
        'filter[email]': /./,
        include: null,
      }),
      'createTester',
      { method: 'POST', path: '/v1/betaTesters' },
    ),
  ],
  findTeamMembers: [row('the team', 'large-app', 'GET', id('users'))],
  listGroupTesters: [
    row('an internal group’s members', 'large-app', 'GET', id(`betaGroups/${GROUP}/betaTesters`)),
  ],
  listGroupMembers: [
    row('every member, for the export', 'export', 'GET', id(`betaGroups/${GROUP}/betaTesters`)),
  ],
  listGroups: [
    row('a created group’s twin looked for', 'first-distribution', 'GET', id('betaGroups'), {
      ...ONLY_THE_APP,
      'filter[name]': null,
    }),
    readBack(
      row('a lost create read back by name', 'first-distribution', 'GET', id('betaGroups'), {
        'filter[name]': /./,
      }),
      'createGroup',
      { method: 'POST', path: '/v1/betaGroups' },
    ),
  ],
  listGroupIdsWithBuild: [
    row('a build’s groups past 50', 'past-the-caps', 'GET', id('betaGroups'), {
      'filter[builds]': /./,
    }),
  ],
  groupHasBuilds: [
    row(
      'a public link on a group the run gives no build',
      'past-the-caps',
      'GET',
      id(`betaGroups/${GROUP}/relationships/builds`),
    ),
  ],
  listRecruitmentCriteria: [
    row('every group’s criteria', 'processing-and-review', 'GET', id('betaGroups'), {
      include: 'betaRecruitmentCriteria',
    }),
    row('every group’s criteria, for the export', 'export', 'GET', id('betaGroups'), {
      include: 'betaRecruitmentCriteria',
    }),
  ],
  readGroupRecruitmentCriteria: [
    {
      ...row(
        'created criteria read back',
        'first-distribution',
        'GET',
        id(`betaGroups/${GROUP}/betaRecruitmentCriteria`),
      ),
      prelude: [{ kind: 'reset-after', method: 'POST', path: '/v1/betaRecruitmentCriteria' }],
      madeBy: 'createRecruitmentCriteria',
    },
  ],
  checkCompatibleBuild: [
    row(
      'a compatible build',
      'first-distribution',
      'GET',
      /\/betaRecruitmentCriterionCompatibleBuildCheck$/,
    ),
  ],
  listLocalizations: [
    row('What to Test past 50 locales', 'past-the-caps', 'GET', id('betaBuildLocalizations')),
    readBack(
      row('What to Test read back', 'first-distribution', 'GET', id('betaBuildLocalizations')),
      'createLocalization',
      { method: 'POST', path: '/v1/betaBuildLocalizations' },
    ),
  ],
  listReviewSubmissions: [
    readBack(
      row('a submission read back', 'first-distribution', 'GET', id('betaAppReviewSubmissions')),
      'createReviewSubmission',
      { method: 'POST', path: '/v1/betaAppReviewSubmissions' },
    ),
  ],
  readGroupTesterUsage: [row('tester usage', 'metrics', 'GET', /\/metrics\/betaTesterUsages$/)],
  readPublicLinkUsage: [row('public link usage', 'metrics', 'GET', /\/metrics\/publicLinkUsages$/)],
  sampleGroupTesters: [
    row('members the run did not read', 'metrics', 'GET', id(`betaGroups/${GROUP}/betaTesters`), {
      'fields[betaTesters]': 'email,state',
    }),
  ],
};

/**
 * Reads after or beside the first change, besides the read-backs: the team-wide lookup of emails the app does
 * not know (only what it decides waits for it), the build read again, the review wait, the twin check, the
 * compatible-build check.
 */
const AFTER_CHANGES = new Set([
  'findTestersByEmail',
  'getBuild',
  'getBuildReview',
  'listGroups',
  'checkCompatibleBuild',
]);

/** A read-back: the read a changing call makes when its answer was lost (the prelude loses it once). */
function readBack(
  r: ReadRow,
  madeBy: keyof AscApi,
  lostAnswer: { method: string; path: string | RegExp },
): ReadRow {
  return { ...r, madeBy, prelude: [{ kind: 'reset-after', ...lostAnswer }] };
}

function row(
  name: string,
  world: ReadWorldName,
  method: string,
  path: string | RegExp,
  query?: Record<string, string | RegExp | null>,
): ReadRow {
  return {
    name,
    world,
    request: { method, path, ...(query ? { query } : {}) },
    beforeChanges: true,
  };
}

/** Every row, named by its method: the matrix's read rows. */
export const READS: readonly (ReadRow & { method: ReadMethod })[] = (
  Object.entries(READ_ROWS) as [ReadMethod, readonly ReadRow[]][]
).flatMap(([method, rows]) =>
  rows.map((r) => ({
    ...r,
    method,
    name: `${method}: ${r.name}`,
    beforeChanges:
      r.world !== 'metrics' && r.world !== 'export' && !r.prelude && !AFTER_CHANGES.has(method),
  })),
);
