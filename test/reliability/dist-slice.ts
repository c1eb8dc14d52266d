// The slice of the fault matrix run through dist/index.js: the two operation worlds as a workflow declares them
// (a config file and inputs), each fault once on the kind where it matters most, and 503 on every attempt of
// each operation kind and of the first distribution's reads.
import type { OperationKind } from '../../src/reconcile/result.js';
import type { FaultKind } from '../fake-asc/types.js';
import { FAULTS, type MatrixFault } from './fault-matrix.js';
import { DEMO_PASSWORD, type WorldName } from './fault-world.js';

export const CONFIG_FILE = '.github/testflight.yml';

/** Each world's declaration: the config file and the inputs beside it, as seedWorld's desired state says. */
export const WORLD_DECLARATION: Record<
  WorldName,
  { config: string; inputs: Record<string, string> }
> = {
  'first-distribution': {
    config: `app: com.example.app
test-information:
  locales:
    en-US: { description: A beta of the app., feedback-email: beta@example.com }
  review:
    contact: Jane Appleseed <jane@example.com> +1 555 0100
    notes: Use the demo account.
  license-agreement: "Beta terms: do not share."
what-to-test: Try the new onboarding.
groups:
  - name: Beta
    feedback: false
    remove-unlisted-testers: true
    testers: [kept@example.com, known@example.com, "New Tester <new@example.com>"]
  - name: Public
    create: true
    recruitment: [{ device-family: IPHONE, minimum-os: "17.0" }]
`,
    inputs: {
      'build-number': '42',
      'uses-non-exempt-encryption': 'false',
      'notify-testers': 'true',
      'keep-builds': '1',
      'demo-account': `reviewer:${DEMO_PASSWORD}`,
    },
  },
  'changes-and-removals': {
    config: `app: com.example.app
groups:
  - name: Beta
    recruitment: [{ device-family: IPHONE, minimum-os: "17.0" }]
  - name: Wide
    recruitment: []
  - name: Gone
    absent: true
`,
    inputs: {
      'build-number': '42',
      'encryption-declaration': 'auto',
      'submit-for-review': 'false',
    },
  },
};

const fault = (name: string): MatrixFault => FAULTS.find((f) => f.name === name)!;

/** Each fault once, on the kind where it tests the most (a lost answer where a duplicate would follow). */
export const EACH_FAULT_ONCE: readonly { kind: OperationKind; fault: MatrixFault }[] = [
  { kind: 'create-group', fault: fault('500') },
  { kind: 'add-build', fault: fault('502 (HTML)') },
  { kind: 'set-test-information', fault: fault('503') },
  { kind: 'set-what-to-test', fault: fault('504') },
  { kind: 'add-testers', fault: fault('429') },
  { kind: 'update-group', fault: fault('429 Retry-After: 7') },
  { kind: 'create-tester', fault: fault('reset') },
  { kind: 'submit-for-review', fault: fault('reset after the change') },
  { kind: 'create-recruitment-criteria', fault: fault('504 after the change') },
  { kind: 'set-review-details', fault: fault('hang') },
  { kind: 'expire-build', fault: fault('spurious 401') },
];

/**
 * 503 on every attempt. It carries Retry-After: 0, so the client's retries wait under a second each on the real
 * clock a process has, rather than its backoff of up to 30 s (which the in-process matrix covers on a TestClock).
 */
export const EVERY_ATTEMPT_503: MatrixFault = {
  name: '503 on every attempt',
  fault: { kind: 'status', status: 503, body: 'json', retryAfterSeconds: 0 } satisfies FaultKind,
  says: /\b503\b/,
};
