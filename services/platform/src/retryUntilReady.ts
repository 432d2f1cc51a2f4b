import type { Logger } from '@fuzzforge/observability';

/**
 * Retries a start-up step until its dependency answers, with capped back-off. A process started while
 * NATS, Postgres or Temporal is down waits for it instead of crash-looping.
 */
export async function retryUntilReady<T>(
  what: string,
  step: () => Promise<T>,
  log: Logger,
  options: { maxDelayMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (options.signal?.aborted) throw err;
      const delayMs = Math.min(maxDelayMs, 200 * 2 ** Math.min(attempt, 10));
      log.warn(`waiting for ${what}`, {
        attempt,
        delayMs,
        err: err instanceof Error ? err.message : String(err),
      });
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}
