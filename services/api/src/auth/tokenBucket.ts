import type { RateLimit } from '@fuzzforge/contracts';

export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  at: number;
}

export type TakeResult =
  { allowed: true; bucket: Bucket } | { allowed: false; bucket: Bucket; retryAfterSeconds: number };

/**
 * Takes one token from a key's bucket at `now`: the bucket refills at `perSecond` up to `burst`. A
 * refused request leaves the bucket as it was and says how long until a token is there (whole seconds,
 * at least 1, as Retry-After carries them).
 */
export function takeToken(bucket: Bucket | undefined, now: number, limit: RateLimit): TakeResult {
  const elapsed = bucket ? Math.max(0, now - bucket.at) / 1000 : 0;
  const tokens = bucket ? Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond) : limit.burst;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at: now } };
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / limit.perSecond));
  return { allowed: false, bucket: { tokens, at: now }, retryAfterSeconds };
}

/** A bucket that has refilled completely carries no state worth keeping. */
export const isFull = (bucket: Bucket, now: number, limit: RateLimit): boolean =>
  bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * limit.perSecond >= limit.burst;
