// Runs an async step over items with at most `limit` in flight: how the Actions API is read one request per run
// (jobs), fast enough and well inside GitHub's secondary rate limits. Stops taking new items once `stop()` says so.

/** Parallel requests for per-run reads. */
export const API_CONCURRENCY = 4;

export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  step: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      await step(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
