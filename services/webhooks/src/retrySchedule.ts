/** When a failed delivery is tried again, and when it is given up (dead-lettered). */
export interface RetrySchedule {
  maxAttempts: number;
  baseMs: number;
  factor: number;
  maxDelayMs: number;
  /** Each delay is spread uniformly over ± this fraction of itself. */
  jitter: number;
}

/**
 * The delay before the next attempt once `attemptsMade` attempts have failed, or null when the
 * schedule is spent. Exponential (base × factor^(n-1), capped), jittered with `random` in [0, 1).
 */
export function retryDelayMs(attemptsMade: number, s: RetrySchedule, random: () => number): number | null {
  if (attemptsMade >= s.maxAttempts) return null;
  const nominal = Math.min(s.maxDelayMs, s.baseMs * s.factor ** Math.max(0, attemptsMade - 1));
  return Math.max(0, Math.round(nominal * (1 - s.jitter + 2 * s.jitter * random())));
}

/** The nominal delays (no jitter) between the attempts of one delivery, for logs and docs. */
export function nominalDelaysMs(s: RetrySchedule): number[] {
  const delays: number[] = [];
  for (let n = 1; n < s.maxAttempts; n++) delays.push(retryDelayMs(n, { ...s, jitter: 0 }, () => 0)!);
  return delays;
}
