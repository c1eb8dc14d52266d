// A failure the user can act on; main.ts reports its message as the step's failure sentence.
export class ReconcileError extends Error {
  override name = 'ReconcileError';
}
