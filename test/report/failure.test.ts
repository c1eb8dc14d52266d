import { describe, expect, it } from 'vitest';
import { AscError } from '../../src/asc/index.js';
import { ReconcileError } from '../../src/reconcile/index.js';
import { failureMessage } from '../../src/report/failure.js';

const entry = (status: string, code: string, detail: string | null) => ({
  id: null,
  status,
  code,
  title: 'title',
  detail,
  pointer: null,
  parameter: null,
  meta: null,
});

describe('failure sentence', () => {
  it('puts a 401 in terms of the three key inputs', () => {
    const error = new AscError({
      method: 'GET',
      path: '/v1/apps/1',
      status: 401,
      errors: [
        entry('401', 'NOT_AUTHORIZED', 'Provide a properly configured and signed bearer token'),
      ],
    });
    expect(failureMessage(error, 'https://api.appstoreconnect.apple.com')).toBe(
      'App Store Connect did not accept the API key (GET /v1/apps/1: 401 NOT_AUTHORIZED): check that `key-id`, `issuer-id` (empty for an individual key) and `private-key` belong to the same key, and that the key has not been revoked.',
    );
  });

  it('puts a 403 in terms of the key role and agreements, with Apple’s detail, also when wrapped', () => {
    const cause = new AscError({
      method: 'POST',
      path: '/v1/betaGroups',
      status: 403,
      errors: [entry('403', 'FORBIDDEN_ERROR', 'This API key does not have permission.')],
    });
    const wrapped = new ReconcileError('App Store Connect refused to create group Beta.', {
      cause,
    });
    expect(failureMessage(wrapped, null)).toBe(
      'App Store Connect refused this API key access (POST /v1/betaGroups: 403 FORBIDDEN_ERROR: This API key does not have permission.): give the key the App Manager or Admin role in Users and Access, and accept any pending agreements, then re-run.',
    );
  });

  it('names the URL when App Store Connect could not be reached at all', () => {
    const error = new AscError({
      method: 'GET',
      path: '/v1/apps/1',
      status: null,
      reason: '(could not connect: ECONNREFUSED)',
    });
    expect(failureMessage(error, 'http://127.0.0.1:1')).toBe(
      `Could not reach App Store Connect at http://127.0.0.1:1 (${error.message}): check \`api-base-url\` and the runner's network, then re-run.`,
    );
  });

  it('keeps sentences that already say what to do', () => {
    const error = new ReconcileError('Beta group "X" does not exist.');
    expect(failureMessage(error, 'https://api.appstoreconnect.apple.com')).toBe(
      'Beta group "X" does not exist.',
    );
    expect(failureMessage('plain', null)).toBe('plain');
  });
});
