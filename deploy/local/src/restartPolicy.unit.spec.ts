import { describe, expect, it } from 'vitest';
import { recentCrashes, restartDelayMs } from './restartPolicy';

describe('service restart policy', () => {
  it('backs off exponentially and caps the delay', () => {
    expect([1, 2, 3, 4].map((n) => restartDelayMs(n, 100, 500))).toEqual([100, 200, 400, 500]);
  });

  it('forgets crashes older than the window', () => {
    expect(recentCrashes([0, 50_000, 95_000], 100_000, 60_000)).toBe(2);
  });
});
