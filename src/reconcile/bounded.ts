// Runs independent calls concurrently, at most `limit` at a time, keeping results in input order.
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    // Once one call fails, start no new ones: the caller is about to report the failure.
    while (next < items.length && failures.length === 0) {
      const index = next++;
      try {
        results[index] = await run(items[index]!, index);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  // The first failure is thrown once the calls in flight have settled, so the report counts what they did.
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
  return results;
}

/** Concurrent reads of different kinds, bounded like mapBounded. */
export async function allBounded(limit: number, tasks: (() => Promise<void>)[]): Promise<void> {
  await mapBounded(tasks, limit, (task) => task());
}
