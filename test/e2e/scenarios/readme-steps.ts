// The README's examples as the e2e scenarios run them: the `with:` of every step that uses the action, the
// config file example (the YAML block that starts with its `# yaml-language-server: $schema=` line), and the
// secrets and `github` values a workflow would fill in.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEMO_ACCOUNT_INPUT } from '../fixtures.js';
import { teamKey, type Inputs } from './scenario-test.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const YAML_BLOCKS = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The `with:` of every step that uses the action, in the README's YAML blocks, in order. */
export function readmeSteps(): Inputs[] {
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
  YAML_BLOCKS.forEach((block) => visit(parse(block) as unknown));
  return steps;
}

/** The README's config file example, as written there. */
export function readmeConfigFile(): string {
  const block = YAML_BLOCKS.find((b) => b.startsWith('# yaml-language-server: $schema='));
  if (!block)
    throw new Error('README.md has no config file example (a yaml block with its $schema line)');
  return block;
}

const VALUES: Record<string, string> = {
  'secrets.ASC_KEY_ID': teamKey.kid,
  'secrets.ASC_ISSUER_ID': teamKey.issuerId!,
  'secrets.ASC_PRIVATE_KEY': teamKey.pem,
  'secrets.TESTFLIGHT_DEMO_ACCOUNT': DEMO_ACCOUNT_INPUT,
  'github.run_number': '100',
  'github.ref_name': 'v3.1.0',
};

/** A README step with its `${{ … }}` filled in as a workflow would. */
export function fillReadmeStep(step: Inputs): Inputs {
  return Object.fromEntries(
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
}

/** A README step as the runner would pass it, against the fake's scenario app. */
export function asRun(step: Inputs, url: string, extra: Inputs = {}): Inputs {
  return {
    ...fillReadmeStep(step),
    'bundle-id': 'com.example.scenarios',
    'wait-for-processing': '0',
    'api-base-url': url,
    ...extra,
  };
}
