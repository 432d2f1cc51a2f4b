import { describe, expect, it } from 'vitest';
import { nominalDelaysMs, retryDelayMs, type RetrySchedule } from './retrySchedule';

const schedule: RetrySchedule = {
  maxAttempts: 8,
  baseMs: 5_000,
  factor: 5,
  maxDelayMs: 36_000_000,
  jitter: 0.2,
};

describe('retry schedule', () => {
  it('grows exponentially up to its cap and ends after the last attempt', () => {
    expect(nominalDelaysMs(schedule)).toEqual([
      5_000, 25_000, 125_000, 625_000, 3_125_000, 15_625_000, 36_000_000,
    ]);
    expect(retryDelayMs(8, schedule, () => 0.5)).toBeNull();
    expect(retryDelayMs(1, { ...schedule, maxAttempts: 1 }, () => 0.5)).toBeNull();
  });

  it('spreads each delay by ± the jitter fraction', () => {
    expect(retryDelayMs(2, schedule, () => 0)).toBe(20_000);
    expect(retryDelayMs(2, schedule, () => 0.5)).toBe(25_000);
    expect(retryDelayMs(2, schedule, () => 0.999_999)).toBe(30_000);
    expect(retryDelayMs(2, { ...schedule, jitter: 0 }, () => 0.9)).toBe(25_000);
  });
});
