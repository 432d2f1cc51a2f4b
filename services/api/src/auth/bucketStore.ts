import type { RateLimit } from '@fuzzforge/contracts';
import { isFull, takeToken, type Bucket, type TakeResult } from './tokenBucket';

/**
 * Token buckets by name (an API key id, a client address), each remembering its own limit, kept in
 * this process. Buckets that have refilled completely carry no state and are forgotten once a minute,
 * so the store stays as small as the set of recently active callers.
 */
export class BucketStore {
  private readonly buckets = new Map<string, { bucket: Bucket; limit: RateLimit }>();
  private sweptAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.sweptAt = now();
  }

  take(name: string, limit: RateLimit): TakeResult {
    const at = this.now();
    const taken = takeToken(this.buckets.get(name)?.bucket, at, limit);
    this.buckets.set(name, { bucket: taken.bucket, limit });
    if (at - this.sweptAt > 60_000) {
      this.sweptAt = at;
      for (const [key, entry] of this.buckets) {
        if (isFull(entry.bucket, at, entry.limit)) this.buckets.delete(key);
      }
    }
    return taken;
  }
}
