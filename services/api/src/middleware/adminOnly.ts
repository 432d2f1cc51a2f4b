import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';

export interface AdminOnlyOptions {
  /** The bearer token admin routes require (FF_ADMIN_TOKEN); unset means no token is checked. */
  token?: string | undefined;
  /** Without a token, let every caller in: only sound when the API listens on loopback. */
  openWithoutToken?: boolean;
}

const loopbackHost = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** True when `host` is a loopback listen address, reachable from this machine only. */
export const isLoopbackHost = (host: string): boolean => loopbackHost.test(host);

// Hashing first makes the comparison constant-time whatever the lengths.
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

const challenge = { 'WWW-Authenticate': 'Bearer realm="fuzzforge-admin"' };

/**
 * Guards the admin routes. With a token, callers must send `Authorization: Bearer <token>` (401
 * without credentials, 403 with the wrong ones). Without one, the routes are open when
 * `openWithoutToken` (a loopback-bound API) and closed otherwise. Minimal on purpose: the API-key issue
 * replaces this with keys and an admin scope.
 */
export function adminOnly(options: AdminOnlyOptions = {}): MiddlewareHandler {
  const expected = options.token ? digest(options.token) : null;
  const open = options.openWithoutToken ?? false;
  return async (c, next) => {
    if (!expected) {
      if (!open) {
        throw new ApiError(
          'forbidden',
          'Admin routes are closed: set FF_ADMIN_TOKEN to use them on an API that listens beyond loopback.',
        );
      }
      return next();
    }
    const match = /^Bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) {
      throw new ApiError(
        'unauthorized',
        'Admin routes need an `Authorization: Bearer <token>` header.',
        undefined,
        {
          headers: challenge,
        },
      );
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      throw new ApiError('forbidden', 'The bearer token is not the admin token.');
    }
    return next();
  };
}
