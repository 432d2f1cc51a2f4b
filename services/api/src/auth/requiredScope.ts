import type { Scope } from '@fuzzforge/contracts';

/** Answered without a key: probes and the API's own description. */
const publicPaths = new Set(['/healthz', '/readyz', '/openapi.json', '/docs']);

const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/**
 * The scope a request needs, from its method and (already decoded and normalised) path: the admin tree
 * and webhooks need `admin`, every other read `read`, every other write `submit`. Anything not listed here is
 * covered by the same rules, so a route added later is never open by accident.
 */
export function requiredScope(method: string, path: string): Scope | 'public' {
  const upper = method.toUpperCase();
  if (isRead(upper) && (publicPaths.has(path) || path.startsWith('/docs/'))) return 'public';
  if (path === '/v1/admin' || path.startsWith('/v1/admin/')) return 'admin';
  // A webhook sends every event it asks for, whatever its project: an operator's decision.
  if (path === '/v1/webhooks' || path.startsWith('/v1/webhooks/')) return 'admin';
  return isRead(upper) ? 'read' : 'submit';
}
