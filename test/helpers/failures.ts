// What a failure said: the message of an error of the expected kind, so a test can compare the sentence whole.
import { expect } from 'vitest';

type ErrorKind = abstract new (...args: never[]) => Error;

/** The message of what `run` throws, which must be a `kind`. */
export function thrownMessage(run: () => unknown, kind: ErrorKind): string {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(kind);
  return (caught as Error).message;
}

/** The message `promise` rejects with, which must be a `kind`. */
export async function rejectionMessage(
  promise: Promise<unknown>,
  kind: ErrorKind,
): Promise<string> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(kind);
  return (caught as Error).message;
}
