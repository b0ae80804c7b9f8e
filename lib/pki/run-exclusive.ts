/**
 * Runs `task` after every earlier task queued under the same key in `queues` has settled: a per-key
 * mutex within this process.
 */
export async function runExclusive<K, T>(
  queues: Map<K, Promise<unknown>>,
  key: K,
  task: () => Promise<T>,
): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(task);
  queues.set(key, next);
  try {
    return await next;
  } finally {
    if (queues.get(key) === next) queues.delete(key);
  }
}
