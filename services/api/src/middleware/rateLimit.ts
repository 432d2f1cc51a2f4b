import type { MiddlewareHandler } from 'hono';
import type { RateLimit } from '@fuzzforge/contracts';
import { BucketStore } from '../auth/bucketStore';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors';

export const defaultRateLimit: RateLimit = { perSecond: 50, burst: 200 };

/** 429 with Retry-After, saying what the limit is. */
export const rateLimited = (who: string, limit: RateLimit, retryAfterSeconds: number): ApiError =>
  new ApiError(
    'rate-limited',
    `${who} limited to ${limit.perSecond} requests per second (bursts of ${limit.burst}); retry after ${retryAfterSeconds} s.`,
    undefined,
    { headers: { 'Retry-After': String(retryAfterSeconds) } },
  );

/**
 * A token bucket per API key (the key's own limit, else `defaults`), kept in this process: 429 with
 * Retry-After once a key's bucket is empty. Requests without a key (the public probes) are not counted
 * here; `authenticate` limits failed authentications per client address.
 */
export function rateLimit(defaults: RateLimit, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new BucketStore(now);
  return async (c, next) => {
    const principal = c.get('principal') as Principal | undefined;
    if (!principal) return next();
    const limit = principal.rateLimit ?? defaults;
    const taken = buckets.take(principal.keyId, limit);
    if (!taken.allowed) throw rateLimited('This key is', limit, taken.retryAfterSeconds);
    return next();
  };
}
