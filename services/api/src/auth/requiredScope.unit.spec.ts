import { describe, expect, it } from 'vitest';
import { requiredScope } from './requiredScope';

describe('requiredScope', () => {
  it.each([
    ['GET', '/healthz', 'public'],
    ['GET', '/readyz', 'public'],
    ['GET', '/openapi.json', 'public'],
    ['GET', '/docs', 'public'],
    ['GET', '/docs/swagger-ui.css', 'public'],
    ['POST', '/healthz', 'submit'],
    ['GET', '/v1/runs', 'read'],
    ['HEAD', '/v1/targets/abc', 'read'],
    ['GET', '/nowhere', 'read'],
    ['POST', '/v1/targets', 'submit'],
    ['POST', '/v1/runs/01J/retry', 'submit'],
    ['PATCH', '/v1/findings/f1', 'submit'],
    ['DELETE', '/v1/anything', 'submit'],
    ['GET', '/v1/admin', 'admin'],
    ['GET', '/v1/admin/keys', 'admin'],
    ['post', '/v1/admin/keys', 'admin'],
    ['DELETE', '/v1/admin/dlq/4', 'admin'],
  ] as const)('%s %s needs %s', (method, path, scope) => {
    expect(requiredScope(method, path)).toBe(scope);
  });

  it('does not take a prefix that merely starts like the admin tree for it', () => {
    expect(requiredScope('GET', '/v1/administrators')).toBe('read');
  });
});
