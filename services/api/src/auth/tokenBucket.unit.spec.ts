import { describe, expect, it } from 'vitest';
import { isFull, takeToken, type Bucket } from './tokenBucket';

const limit = { perSecond: 2, burst: 3 };

/** Takes `n` tokens at time `at`, returning how many were allowed and the last bucket. */
function takeMany(bucket: Bucket | undefined, at: number, n: number) {
  let allowed = 0;
  let last = bucket;
  let retryAfter: number | undefined;
  for (let i = 0; i < n; i++) {
    const r = takeToken(last, at, limit);
    last = r.bucket;
    if (r.allowed) allowed++;
    else retryAfter = r.retryAfterSeconds;
  }
  return { allowed, bucket: last!, retryAfter };
}

describe('takeToken', () => {
  it('allows a burst, then refuses with the time until the next token', () => {
    const r = takeMany(undefined, 0, 5);
    expect(r.allowed).toBe(3);
    expect(r.retryAfter).toBe(1);
  });

  it('refills at the sustained rate, never above the burst', () => {
    const empty = takeMany(undefined, 0, 3).bucket;
    expect(takeMany(empty, 500, 2).allowed).toBe(1);
    expect(takeMany(empty, 60_000, 10).allowed).toBe(3);
  });

  it('does not charge refused requests', () => {
    const empty = takeMany(undefined, 0, 3).bucket;
    const refused = takeMany(empty, 0, 100).bucket;
    expect(takeMany(refused, 500, 1).allowed).toBe(1);
  });

  it('rounds Retry-After up to whole seconds for slow limits', () => {
    const slow = { perSecond: 0.1, burst: 1 };
    const first = takeToken(undefined, 0, slow);
    const second = takeToken(first.bucket, 0, slow);
    expect(second).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
  });

  it('tells when a bucket has refilled completely', () => {
    const empty = takeMany(undefined, 0, 3).bucket;
    expect(isFull(empty, 1_000, limit)).toBe(false);
    expect(isFull(empty, 1_500, limit)).toBe(true);
  });
});
