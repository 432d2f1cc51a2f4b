import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, isTransientStatus, parseRetryAfter, retryDelayMs } from './retryPolicy';

describe('retry policy', () => {
  it('retries rate limits and unavailability, never answers about the request', () => {
    for (const status of [429, 502, 503, 504]) expect(isTransientStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 500])
      expect(isTransientStatus(status)).toBe(false);
  });

  it('waits what Retry-After asks, capped', () => {
    expect(retryDelayMs(defaultRetryPolicy, 1, 3)).toBe(3000);
    expect(retryDelayMs(defaultRetryPolicy, 1, 3600)).toBe(defaultRetryPolicy.maxDelayMs);
  });

  it('backs off exponentially with full jitter otherwise', () => {
    const top = () => 1;
    expect(retryDelayMs(defaultRetryPolicy, 1, undefined, top)).toBe(250);
    expect(retryDelayMs(defaultRetryPolicy, 3, undefined, top)).toBe(1000);
    expect(retryDelayMs(defaultRetryPolicy, 20, undefined, top)).toBe(defaultRetryPolicy.maxDelayMs);
    expect(retryDelayMs(defaultRetryPolicy, 3, undefined, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
