// Every workflow the repository holds or shows (files, examples, README blocks) follows GitHub's security
// advice and runs one at a time; examples live where they cannot run.
import { describe, expect, it } from 'vitest';
import { actionMetadata } from './action-yml.js';
import { findWorkflows, stepsOf } from './workflows.js';

const workflows = findWorkflows();

describe('workflows in the repository', () => {
  it('are found: the project workflows, the example and the README usage block', () => {
    const sources = workflows.map((found) => found.source);
    expect(sources).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        'examples/release-to-testflight.yml',
        'examples/plan-on-pull-request.yml',
      ]),
    );
    expect(sources.some((source) => source.startsWith('README.md (YAML block'))).toBe(true);
  });

  it('never put ${{ }} inside a run: script (values reach the shell through env:)', () => {
    // A step output, an event field or an input expanded into the script text can become shell code:
    // GitHub's security hardening guide's script-injection pattern.
    const injected = workflows
      .flatMap(stepsOf)
      .flatMap(({ where, step }) =>
        [...(step.run ?? '').matchAll(/\$\{\{.*?\}\}/g)].map((m) => `${where}: ${m[0]}`),
      );
    expect(injected).toEqual([]);
  });

  it('each declare a concurrency group, with a comment above it saying why', () => {
    for (const found of workflows) {
      const group = found.workflow.concurrency;
      expect(typeof group === 'string' ? group : group?.group, found.source).toBeTruthy();
      expect(found.text, found.source).toMatch(/^#[^\n]*\n(?:#[^\n]*\n)*concurrency:/m);
    }
  });

  it('that reconcile TestFlight never cancel a run halfway, and share one group across tags', () => {
    const reconciling = workflows.filter((found) =>
      stepsOf(found).some(({ step }) => step.uses?.startsWith('testflight-beta-groups/')),
    );
    expect(reconciling.length).toBeGreaterThanOrEqual(2);
    for (const found of reconciling) {
      expect(found.workflow.concurrency, found.source).toMatchObject({
        'cancel-in-progress': false,
      });
      // A group named after the tag would let two release tags reconcile at once.
      expect(JSON.stringify(found.workflow.concurrency), found.source).not.toContain('github.ref');
    }
  });

  it('in .github/workflows/ are the project’s own: an example there would run in every fork', () => {
    const own = workflows.filter((found) => found.source.startsWith('.github/workflows/'));
    for (const found of own) {
      for (const { where, step } of stepsOf(found)) {
        expect(step.uses ?? '', where).not.toMatch(
          /^testflight-beta-groups\/testflight-beta-groups@/,
        );
      }
    }
  });

  it('give this action only inputs action.yml declares', () => {
    const inputs = Object.keys(actionMetadata().inputs);
    const uses = workflows
      .flatMap(stepsOf)
      .filter(({ step }) => step.uses === './' || step.uses?.startsWith('testflight-beta-groups/'));
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const { where, step } of uses) {
      for (const name of Object.keys(step.with ?? {})) expect(inputs, where).toContain(name);
    }
  });
});
