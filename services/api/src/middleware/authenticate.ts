import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Kysely } from 'kysely';
import type { Database } from '@fuzzforge/platform';
import { bearerToken } from '../auth/apiKeyToken';
import { grants, type Principal } from '../auth/principal';
import { BucketStore } from '../auth/bucketStore';
import { requiredScope } from '../auth/requiredScope';
import { principalForKey, touchApiKey } from '../domain/apiKeys';
import { ApiError } from '../errors';
import { rateLimited } from './rateLimit';

const challenge = { 'WWW-Authenticate': 'Bearer realm="fuzzforge"' };

/** Failed authentications allowed per client address: enough for a person fixing a typo. */
const failedAuthLimit = { perSecond: 2, burst: 30 };

const missingKey = () =>
  new ApiError(
    'unauthorized',
    'Send an API key as `Authorization: Bearer <key>` (an admin creates keys with POST /v1/admin/keys).',
    undefined,
    { headers: challenge },
  );

const unknownKey = () =>
  new ApiError('unauthorized', 'The API key is unknown, revoked or expired.', undefined, {
    headers: { 'WWW-Authenticate': `${challenge['WWW-Authenticate']}, error="invalid_token"` },
  });

/** The caller's address as the server saw it; in-process requests (tests) have none. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// last_used_at is for humans ("is this key still in use?"): once a minute per key is plenty.
const touchEveryMs = 60_000;

/**
 * Every request but the public probes and docs needs `Authorization: Bearer <API key>`: 401 without a
 * usable key (429 once an address keeps failing), 403 when the key lacks the route's scope. The caller
 * lands in `c.var.principal`.
 */
export function authenticate(deps: { db: Kysely<Database>; now: () => Date }): MiddlewareHandler {
  const touched = new Map<string, number>();
  const failures = new BucketStore();
  /** Failed authentications per client address: past the limit 429, so guessing and flooding stay slow. */
  const refuse = (c: Context, error: ApiError): ApiError => {
    const taken = failures.take(clientAddress(c), failedAuthLimit);
    return taken.allowed
      ? error
      : rateLimited('Failed authentications are', failedAuthLimit, taken.retryAfterSeconds);
  };
  return async (c, next) => {
    const scope = requiredScope(c.req.method, c.req.path);
    if (scope === 'public') return next();
    const token = bearerToken(c.req.header('authorization'));
    if (!token) {
      throw refuse(c, missingKey());
    }
    const now = deps.now();
    const principal: Principal | undefined = await principalForKey(deps.db, token, now);
    if (!principal) {
      throw refuse(c, unknownKey());
    }
    c.set('principal', principal);
    if (!grants(principal, scope)) {
      throw new ApiError(
        'insufficient-scope',
        `This request needs the \`${scope}\` scope; the key has ${principal.scopes.join(', ')}.`,
        undefined,
        {
          headers: {
            'WWW-Authenticate': `${challenge['WWW-Authenticate']}, error="insufficient_scope", scope="${scope}"`,
          },
        },
      );
    }
    const last = touched.get(principal.keyId) ?? 0;
    if (now.getTime() - last >= touchEveryMs) {
      touched.set(principal.keyId, now.getTime());
      await touchApiKey(deps.db, principal.keyId, now);
    }
    return next();
  };
}
