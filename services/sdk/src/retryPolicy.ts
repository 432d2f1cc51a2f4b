/** How a client retries transient failures: attempts in all, and the back-off between them. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 4). */
  attempts: number;
  /** First back-off in ms, doubled each time with full jitter (default 250). */
  baseDelayMs: number;
  /** Longest wait between attempts, Retry-After included (default 10 000). */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 10_000 };

/**
 * Statuses worth another attempt: rate limited, or the platform briefly unavailable. Everything else
 * is an answer about the request itself.
 */
export const isTransientStatus = (status: number): boolean =>
  status === 429 || status === 502 || status === 503 || status === 504;

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): what the server asked for in
 * Retry-After, else exponential back-off with full jitter; both capped. `random` is injectable for tests.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined) return Math.min(policy.maxDelayMs, retryAfterSeconds * 1000);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Retry-After in seconds (delta form; an HTTP date is read relative to `now`). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
