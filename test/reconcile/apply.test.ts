// applyPlan's reading of Apple's answers that the fake does not produce in every form: the review refusal
// without its code. The fake's form (with the code) is covered in reconcile.test.ts over HTTP. A hotfix of a
// version already in review is no failure: the submission is skipped with a warning.
import { describe, expect, it } from 'vitest';
import { AscError, RateBudgetError, type AscApi } from '../../src/asc/index.js';
import { applyPlan } from '../../src/reconcile/apply.js';
import { planOf } from './plan-fixtures.js';

const plan = planOf({
  op: 'submit-for-review',
  target: 'build 42',
  detail: 'submit build 42',
  change: 'to Beta App Review',
  buildId: 'b1',
});

function refusingWith(code: string, title: string, detail: string): AscApi {
  const error = new AscError({
    method: 'POST',
    path: '/v1/betaAppReviewSubmissions',
    status: 422,
    errors: [
      { id: null, status: '422', code, title, detail, pointer: null, parameter: null, meta: null },
    ],
  });
  return {
    createReviewSubmission: () => Promise.reject(error),
  } as unknown as AscApi;
}

describe('applyPlan: another build in review', () => {
  it.each([
    ['ENTITY_UNPROCESSABLE.ANOTHER_BUILD_IN_REVIEW', 'Unprocessable', 'No.'],
    [
      'ENTITY_UNPROCESSABLE',
      'Another build is in review.',
      'Another build in the same train is already in beta review. Please submit it again once it gets completed.',
    ],
    [
      'ENTITY_UNPROCESSABLE',
      'The request entity is not processable.',
      'Another build in the same train is already in beta review. Please submit it again once it gets completed.',
    ],
  ])('recognises %s / %s and skips the review with a warning', async (code, title, detail) => {
    const outcome = await applyPlan(plan, 'app', refusingWith(code, title, detail), () => {});
    expect(outcome.reviewState).toBe('skipped');
    expect(outcome.warnings).toEqual([
      'Build 42 was not submitted for Beta App Review because another build of the same version is already waiting for or in review, and Apple reviews one build per version at a time: re-run once that review is done, or remove that build from review in App Store Connect.',
    ]);
  });

  it('passes on any other refusal with what was being done', async () => {
    const failure = await applyPlan(
      plan,
      'app',
      refusingWith('ENTITY_UNPROCESSABLE', 'Build is not assignable.', 'Not ready.'),
      () => {},
    ).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/^App Store Connect refused to submit build 42 \(/);
  });
});

describe('applyPlan: a spent hourly budget', () => {
  it('says the budget ran out, what was done and what is left, with the budget error as its cause', async () => {
    const spent = new RateBudgetError({
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      limit: 3600,
      sent: false,
    });
    const api = { createReviewSubmission: () => Promise.reject(spent) } as unknown as AscApi;
    const failure = await applyPlan(plan, 'app', api, () => {}).catch((e: unknown) => e);
    expect((failure as Error).cause).toBe(spent);
    expect((failure as Error).message).toBe(
      "App Store Connect's hourly request budget for this key ran out during the run (0 of 3600 left) when it came to submit build 42: 0 of the plan's 1 change were made and 1 is left, which a re-run makes once the budget recovers (requests are counted over a rolling hour), or use another key.",
    );
  });
});
