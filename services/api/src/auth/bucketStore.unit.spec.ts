import { describe, expect, it } from 'vitest';
import { BucketStore } from './bucketStore';

describe('BucketStore', () => {
  it('keeps buckets apart by name', () => {
    const store = new BucketStore(() => 0);
    const limit = { perSecond: 1, burst: 1 };
    expect(store.take('a', limit).allowed).toBe(true);
    expect(store.take('a', limit).allowed).toBe(false);
    expect(store.take('b', limit).allowed).toBe(true);
  });

  it('forgets only buckets that refilled under their own limit', () => {
    let now = 0;
    const store = new BucketStore(() => now);
    const slow = { perSecond: 0.1, burst: 10 };
    for (let i = 0; i < 10; i++) expect(store.take('slow', slow).allowed).toBe(true);
    // 61 s later a sweep runs: the slow bucket has 6.1 of its 10 tokens back, so it must be kept.
    now = 61_000;
    store.take('other', { perSecond: 50, burst: 200 });
    let allowed = 0;
    while (store.take('slow', slow).allowed) allowed++;
    expect(allowed).toBe(6);
  });
});
