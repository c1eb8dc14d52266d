// The README's YAML examples as the inputs a runner would pass: every step that uses the action, in order, with
// the secrets and `github` values filled in and the app pointed at the fake's scenario app.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEMO_ACCOUNT_INPUT } from '../fixtures.js';
import { teamKey, type Inputs } from './scenario-test.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The `with:` of every step that uses the action, in the README's YAML blocks, in order. */
export function readmeSteps(): Inputs[] {
  const blocks = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    (m) => parse(m[1]!) as unknown,
  );
  const steps: Inputs[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const step = node as { uses?: unknown; with?: Record<string, unknown> };
      if (
        typeof step.uses === 'string' &&
        step.uses.startsWith('testflight-beta-groups/') &&
        step.with
      ) {
        steps.push(Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, String(v)])));
      }
      Object.values(node).forEach(visit);
    }
  };
  blocks.forEach(visit);
  return steps;
}

const VALUES: Record<string, string> = {
  'secrets.ASC_KEY_ID': teamKey.kid,
  'secrets.ASC_ISSUER_ID': teamKey.issuerId!,
  'secrets.ASC_PRIVATE_KEY': teamKey.pem,
  'secrets.TESTFLIGHT_DEMO_ACCOUNT': DEMO_ACCOUNT_INPUT,
  'github.run_number': '100',
  'github.ref_name': 'v3.1.0',
};

/** A README step as the runner would pass it, against the fake's scenario app. */
export function asRun(step: Inputs, url: string, extra: Inputs = {}): Inputs {
  const filled = Object.fromEntries(
    Object.entries(step).map(([name, value]) => [
      name,
      value.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expr: string) => {
        const known = VALUES[expr];
        if (known === undefined)
          throw new Error(`README uses \${{ ${expr} }}, which this test does not fill`);
        return known;
      }),
    ]),
  );
  return {
    ...filled,
    'bundle-id': 'com.example.scenarios',
    'wait-for-processing': '0',
    'api-base-url': url,
    ...extra,
  };
}
