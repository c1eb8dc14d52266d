// The public interface of the fake App Store Connect server. Tests of the client and of the action
// are written against exactly this; the implementation lives beside it in test/fake-asc/.
import type { KeyObject } from 'node:crypto';
import type {
  FakeApp,
  FakeBetaAppLocalization,
  FakeBuild,
  FakeEncryptionDeclaration,
  FakeGroup,
  FakeLicenseAgreement,
  FakeLocalization,
  FakeProcessingState,
  FakeRecruitmentCriterion,
  FakePublicLinkUsage,
  FakeReviewDetail,
  FakeReviewSubmission,
  FakeTestInformation,
  FakeTester,
  FakeTesterUsage,
  FakeUser,
} from './records.js';

export type * from './records.js';

/** An API key the fake accepts. `issuerId` undefined = individual key (JWT has `sub: "user"`, no `iss`). */
export interface FakeKey {
  kid: string;
  issuerId?: string;
  publicKey: KeyObject;
  /** Whether the key's role may list the team (`GET /v1/users`); false answers 403 FORBIDDEN_ERROR. Default true. */
  canListUsers?: boolean;
}

export interface FakeAscOptions {
  keys: FakeKey[];
  /** Milliseconds since the epoch; drives JWT expiry, build processing and the rate-limit window. Default Date.now. */
  now?: () => number;
  /** Requests per rolling hour per key (X-Rate-Limit user-hour-lim). Default 3600. */
  rateLimitPerHour?: number;
  /** Optional burst limit: at most `requests` per `windowMs` per key, else 429. */
  burstLimit?: { requests: number; windowMs: number };
  /** Seconds sent as Retry-After with rate-limit 429s; omitted = no header. */
  retryAfterSeconds?: number;
  /** Allowed JWT `iat` skew into the future, seconds. Default 60. */
  clockSkewSeconds?: number;
  /**
   * Re-linking a tester or build already in the group answers 409 ENTITY_ERROR.RELATIONSHIP.INVALID, as Apple
   * does in the field (README "Evidence"). Default true; false answers 204, as Apple also has.
   */
  conflictOnRelink?: boolean;
  /** Validate every request and response against Apple's spec; mismatches go to `violations`. Default true. */
  validate?: boolean;
  /** Seed the demo data set (see seedDemo). Default false: empty state. */
  seedDemo?: boolean;
  /**
   * Send `null` for attributes without a value, as Apple really does (recorded/README.md); the response
   * validator accepts exactly the nulls listed in apple-nulls.ts. Default true. False is the spec-strict
   * mode: such attributes are left out, and the validator accepts no null the spec does not allow.
   */
  appleNulls?: boolean;
  /** Port on 127.0.0.1. Default 0: any free port (tests); the CLI takes --port for a stable demo URL. */
  port?: number;
  /**
   * Called with a request's log entry once its answer is decided, before the answer is sent. Lets a test of a
   * process it cannot give a clock to (the bundled action) change the state between two of its requests, e.g.
   * finish processing a build right after the first look, however long the process took to get there.
   */
  onAnswer?: (entry: RequestLogEntry) => void;
  /**
   * Called with a request's log entry once its answer has been handed to the socket (not for a cut connection):
   * a test that kills the client here knows the answer was sent, though not whether the client read it.
   */
  onAnswered?: (entry: RequestLogEntry) => void;
  /**
   * Awaited with a request's log entry before the fake handles it: a test holds requests until another process
   * has caught up (two runs at once, both reading before either writes).
   */
  hold?: (entry: RequestLogEntry) => Promise<void> | void;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query, e.g. /v1/betaGroups/abc/relationships/builds */
  path: string;
  /** Decoded query parameters, e.g. { 'filter[app]': '123' } */
  query: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** 0 when no response was sent: a `reset` or `hang` fault, or a request cut off by close(). */
  status: number;
  /** The fake's clock at arrival, ms. */
  time: number;
  /**
   * `performance.now()` in the fake's process when the request arrived, and when its answer was written or its
   * connection cut (undefined while it has neither: a hang). Real time on one clock, whatever `now` is injected,
   * as the latency fault is real time too: the benchmarks read round trips and requests in flight from these.
   */
  receivedAt: number;
  answeredAt?: number;
  /** kid of the JWT, when one verified. */
  kid?: string;
}

export interface SpecViolation {
  direction: 'request' | 'response';
  method: string;
  path: string;
  status?: number;
  errors: string[];
}

/** A fault applies to matching requests, `times` times (default 1; Infinity for always). */
export type FaultKind =
  | { kind: 'latency'; ms: number }
  // 414: a front end (Apple's or a proxy's) refusing a URL too long, before the API sees it.
  // retryAfterSeconds: a Retry-After header on it (a front end asking for a pause).
  | {
      kind: 'status';
      status: 414 | 500 | 502 | 503 | 504;
      body: 'json' | 'html';
      retryAfterSeconds?: number;
    }
  | { kind: 'rate-limit'; retryAfterSeconds?: number }
  | { kind: 'reset' } // destroy the socket before handling the request (nothing happens)
  | { kind: 'reset-after' } // handle the request (state changes), then destroy the socket: a lost response
  | { kind: 'status-after'; status: 504 } // handle the request (state changes), then a gateway's 504 page
  | { kind: 'hang' } // never answer (until close())
  | { kind: 'unauthorized' } // one spurious 401 NOT_AUTHORIZED
  | { kind: 'forbidden' }; // 403 FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED, as when agreements lapse

/**
 * Which requests a fault applies to. `query` names parameters each request must carry (a string is the whole
 * value, a RegExp tests it) or must not (null); `requestBody` tests the request's JSON text: requests of one method and path that do
 * different things (a filter, an attribute) are faulted apart.
 */
export type Fault = FaultKind & {
  method?: string;
  path?: string | RegExp;
  query?: Record<string, string | RegExp | null>;
  requestBody?: RegExp;
  times?: number;
};

export interface FaultControl {
  add(fault: Fault): void;
  clear(): void;
  /** Faults still armed. */
  readonly pending: number;
}

/** The fake's data, readable and seedable by tests. IDs are generated when omitted. */
export interface FakeState {
  /** The fake's clock, ms since the epoch (FakeAscOptions.now): seeds dated "days ago" count back from it. */
  readonly now: () => number;
  readonly apps: Map<string, FakeApp>;
  readonly builds: Map<string, FakeBuild>;
  readonly groups: Map<string, FakeGroup>;
  readonly testers: Map<string, FakeTester>;
  readonly localizations: Map<string, FakeLocalization>;
  readonly reviewSubmissions: Map<string, FakeReviewSubmission>;
  /** A group's recruitment criteria, by their ID (at most one per group). */
  readonly recruitmentCriteria: Map<string, FakeRecruitmentCriterion>;
  /** Emails of App Store Connect team members: the only ones an internal group accepts. */
  readonly teamEmails: Set<string>;
  /** The team as `/v1/users` serves it, by user ID: a fresh view (seed with addTeamMember or teamEmails). */
  readonly users: Map<string, FakeUser>;
  /** Test Information per locale, by ID. */
  readonly betaAppLocalizations: Map<string, FakeBetaAppLocalization>;
  /** App ID → its Beta App Review detail (every app has one from creation). */
  readonly reviewDetails: Map<string, FakeReviewDetail>;
  /** App ID → its beta license agreement (every app has one from creation). */
  readonly licenseAgreements: Map<string, FakeLicenseAgreement>;
  readonly encryptionDeclarations: Map<string, FakeEncryptionDeclaration>;
  /** Usage of the apps' beta builds, one entry per tester, app and day (addTesterUsage). */
  readonly testerUsages: readonly FakeTesterUsage[];
  /** Group ID → its public link usage (setPublicLinkUsage); a group without one has views only from joins. */
  readonly publicLinkUsages: Map<string, FakePublicLinkUsage>;

  addApp(app: Partial<FakeApp> & { bundleId: string }): FakeApp;
  /**
   * `uploadedAt` is the upload date (the build expires 90 days later), `audience` its buildAudienceType; a
   * seeded build has export compliance (`usesNonExemptEncryption: false`) unless given `null`.
   */
  addBuild(
    build: Partial<Omit<FakeBuild, 'preReleaseVersionId' | 'buildBetaDetailId'>> & {
      appId: string;
      version: string;
    },
  ): FakeBuild;
  addGroup(
    group: Partial<Omit<FakeGroup, 'testerIds' | 'buildIds'>> & {
      appId: string;
      name: string;
      testerIds?: Iterable<string>;
      buildIds?: Iterable<string>;
    },
  ): FakeGroup;
  addTester(
    tester: Partial<Omit<FakeTester, 'appIds'>> & {
      email: string;
      appIds?: Iterable<string>;
      groupIds?: Iterable<string>;
    },
  ): FakeTester;
  /** A team member (`/v1/users`, and allowed in internal groups); names default from the email. */
  addTeamMember(
    email: string,
    user?: Partial<Omit<FakeUser, 'id' | 'username' | 'visibleAppIds'>> & {
      visibleAppIds?: Iterable<string>;
    },
  ): FakeUser;
  /** Fills in an app's Test Information: localizations, review detail, license agreement. */
  setTestInformation(appId: string, info: FakeTestInformation): void;
  addEncryptionDeclaration(
    d: Partial<Omit<FakeEncryptionDeclaration, 'appId'>> & { appId: string },
  ): FakeEncryptionDeclaration;
  addLocalization(l: Omit<FakeLocalization, 'id'> & { id?: string }): FakeLocalization;
  /**
   * A tester's sessions, crashes and feedback on an app's beta builds (`at` defaults to now): what
   * `…/metrics/betaTesterUsages` sums over its period. Counts default to 0.
   */
  addTesterUsage(
    usage: Partial<Omit<FakeTesterUsage, 'testerId' | 'appId'>> & {
      testerId: string;
      appId: string;
    },
  ): FakeTesterUsage;
  /** A group's public link usage (`…/metrics/publicLinkUsages`); counts and ratios default to 0. */
  setPublicLinkUsage(groupId: string, usage: Partial<FakePublicLinkUsage>): FakePublicLinkUsage;
  addReviewSubmission(
    s: Omit<FakeReviewSubmission, 'id' | 'submittedAt'> & { id?: string; submittedAt?: number },
  ): FakeReviewSubmission;
  /** The build's processingState now (per the clock), or undefined while it has not appeared. */
  processingState(buildId: string): FakeProcessingState | undefined;
}

export interface FakeAsc {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  state: FakeState;
  requests: RequestLogEntry[];
  violations: SpecViolation[];
  faults: FaultControl;
  /** The keys' hourly budgets, as other jobs sharing a key and the passing hour change them. */
  rateLimit: {
    /** Another job with the key made `requests` requests just now: they count against this hour. */
    spend(kid: string, requests: number): void;
    /** The rolling hour has passed for the key: its whole budget is back. */
    recover(kid: string): void;
    remaining(kid: string): number;
  };
  /** Every bearer token (JWT) it was sent, whether or not it verified: secrets the action must never show. */
  bearerTokens: ReadonlySet<string>;
  close(): Promise<void>;
}
