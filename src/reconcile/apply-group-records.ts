// The operations on a group's records beside its settings and members: its recruitment criteria, and the
// group itself when it is declared absent. A group this run creates is known by the ID create-group learnt.
import type { AscApi } from '../asc/index.js';
import type { GroupRef, Operation } from './operations.js';

export type GroupRecordOperation = Extract<
  Operation,
  {
    op:
      | 'delete-group'
      | 'create-recruitment-criteria'
      | 'update-recruitment-criteria'
      | 'delete-recruitment-criteria';
  }
>;

export function isGroupRecordOperation(op: Operation): op is GroupRecordOperation {
  return (
    op.op === 'delete-group' ||
    op.op === 'create-recruitment-criteria' ||
    op.op === 'update-recruitment-criteria' ||
    op.op === 'delete-recruitment-criteria'
  );
}

export async function applyGroupRecord(
  op: GroupRecordOperation,
  idOf: (ref: GroupRef) => string,
  api: AscApi,
): Promise<void> {
  switch (op.op) {
    case 'delete-group':
      return api.deleteGroup(op.groupId);
    case 'create-recruitment-criteria':
      await api.createRecruitmentCriteria(idOf(op.group), op.filters);
      return;
    case 'update-recruitment-criteria':
      return api.updateRecruitmentCriteria(op.criteriaId, op.filters);
    case 'delete-recruitment-criteria':
      return api.deleteRecruitmentCriteria(op.criteriaId);
  }
}
