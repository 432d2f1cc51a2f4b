import { validate, compileErrors } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { createApp } from '../app';
import type { ApiDeps } from '../deps';
import { apiDocument } from './apiDocument';

type Response = { $ref?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> };
type Operation = { responses: Record<string, Response>; security?: unknown[]; 'x-required-scope'?: string };

const document = apiDocument();
const sharedResponses = (document.components as { responses: Record<string, Response> }).responses;
/** A response, through its `$ref` when it is one of the shared ones. */
const resolved = (r: Response | undefined): Response | undefined =>
  r?.$ref ? sharedResponses[r.$ref.replace('#/components/responses/', '')] : r;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ method, path, op: op as Operation })),
);

/**
 * The routes the real app serves. Building the app touches none of its dependencies (handlers and
 * middleware only close over them), so a stand-in with an empty catalogue is enough to list them.
 */
function servedRoutes(): string[] {
  const app = createApp({
    catalog: [],
    log: createLogger('test', { write: () => undefined }),
  } as unknown as ApiDeps);
  const routes = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    // The validator must be able to say no: a path parameter its template does not name.
    const broken = structuredClone(document);
    const getRun = broken.paths['/v1/runs/{id}']!['get'] as { parameters: { name: string }[] };
    getRun.parameters[0]!.name = 'runId';
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('holds only schemas that compile as JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
    const schemas = (document.components as { schemas: Record<string, object> }).schemas;
    const defs = JSON.parse(
      JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    ) as object;
    for (const name of Object.keys(schemas)) {
      expect(() => ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` }), name).not.toThrow();
    }
  });

  it('documents every route the app serves, and no other', () => {
    const documented = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(documented).toEqual(servedRoutes());
  });

  it('asks for an API key everywhere but the probes and the docs', () => {
    const open = operations.filter((o) => o.op.security?.length === 0).map((o) => o.path);
    expect(open.sort()).toEqual(['/docs', '/docs/{asset}', '/healthz', '/openapi.json', '/readyz']);
    expect(document['security']).toEqual([{ apiKey: [] }]);
  });

  it('documents 401, 403 and 429 (with Retry-After) as problem+json on every secured operation', () => {
    for (const { method, path, op } of operations.filter((o) => o.op.security === undefined)) {
      const where = `${method} ${path}`;
      for (const status of ['401', '403', '429', '503']) {
        expect(Object.keys(resolved(op.responses[status])?.content ?? {}), `${where} ${status}`).toEqual([
          'application/problem+json',
        ]);
      }
      expect(resolved(op.responses['429'])?.headers, where).toHaveProperty('Retry-After');
      expect(resolved(op.responses['401'])?.headers, where).toHaveProperty('WWW-Authenticate');
    }
  });

  it('names the scope each operation needs: read to read, submit to change, admin for /v1/admin', () => {
    const scopes = Object.fromEntries(
      operations.map((o) => [`${o.method} ${o.path}`, o.op['x-required-scope']]),
    );
    expect(scopes).toMatchObject({
      'get /v1/runs': 'read',
      'get /v1/runs/{id}/findings': 'read',
      'post /v1/targets': 'submit',
      'post /v1/runs': 'submit',
      'post /v1/runs/{id}/retry': 'submit',
      'post /v1/runs/{id}/cancel': 'submit',
      'get /v1/admin/dlq': 'admin',
      'delete /v1/admin/keys/{id}': 'admin',
      'get /healthz': undefined,
    });
  });

  it('describes errors, SARIF, the event stream and reproducers with their own media types', () => {
    const media = (path: string, status: string, method = 'get') =>
      Object.keys((document.paths[path]![method] as Operation).responses[status]?.content ?? {});
    expect(media('/v1/runs/{id}', '404')).toEqual(['application/problem+json']);
    expect(media('/v1/runs/{id}/findings', '200')).toEqual(['application/json', 'application/sarif+json']);
    expect(media('/v1/runs/{id}/events', '200')).toEqual(['text/event-stream']);
    expect(media('/v1/crashes/{id}/input', '200')).toEqual(['application/octet-stream']);
    expect(media('/v1/targets', '415', 'post')).toEqual(['application/problem+json']);
  });
});
