// The operations that write one record each beside the groups: Test Information (a beta app localization,
// the review detail, the license agreement), export compliance through an encryption declaration, and expiry.
import type { AscApi } from '../asc/index.js';
import type { Operation } from './operations.js';

export type AppRecordOperation = Extract<
  Operation,
  {
    op:
      | 'set-test-information'
      | 'set-review-details'
      | 'set-license-agreement'
      | 'assign-encryption-declaration'
      | 'expire-build';
  }
>;

export function isAppRecordOperation(op: Operation): op is AppRecordOperation {
  return (
    op.op === 'set-test-information' ||
    op.op === 'set-review-details' ||
    op.op === 'set-license-agreement' ||
    op.op === 'assign-encryption-declaration' ||
    op.op === 'expire-build'
  );
}

export async function applyAppRecord(
  op: AppRecordOperation,
  appId: string,
  api: AscApi,
): Promise<void> {
  switch (op.op) {
    case 'set-test-information':
      if (op.localizationId) await api.updateBetaAppLocalization(op.localizationId, op.fields);
      else await api.createBetaAppLocalization(appId, op.locale, op.fields);
      return;
    case 'set-review-details':
      return api.updateReviewDetail(op.reviewDetailId, op.fields);
    case 'set-license-agreement':
      return api.updateLicenseAgreement(op.agreementId, op.text);
    case 'assign-encryption-declaration':
      return api.assignEncryptionDeclaration(op.declarationId, op.buildId);
    case 'expire-build':
      return api.expireBuild(op.buildId);
  }
}
