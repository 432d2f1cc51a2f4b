import { z } from 'zod';
import { HealthResponse, ReadinessResponse } from '@fuzzforge/contracts';
import { pathParam, type ApiOperation } from '../apiOperation';
import { docsAssets, type DocsAsset } from '../docsAssets';
import { content, json, problem } from '../responses';

/** The probes and the API's own description: answered without an API key. */
export const platformOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    summary: 'Liveness: the API process is up',
    tag: 'Platform',
    noDependencies: true,
    responses: { 200: json('The process is up.', HealthResponse) },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    summary: 'Readiness: every dependency (NATS, Postgres, S3, Temporal) answers',
    tag: 'Platform',
    noDependencies: true,
    responses: {
      200: json('Every dependency answered.', ReadinessResponse),
      503: problem('`dependency-unavailable`: `errors` names each failing check.'),
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tag: 'Platform',
    noDependencies: true,
    responses: {
      200: content('The document.', {
        'application/json': { type: 'object', required: ['openapi', 'info', 'paths'] },
      }),
    },
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'getDocs',
    summary: 'Interactive documentation (Swagger UI) of this document',
    tag: 'Platform',
    noDependencies: true,
    responses: { 200: content('An HTML page.', { 'text/html': { type: 'string' } }) },
  },
  {
    method: 'get',
    path: '/docs/{asset}',
    operationId: 'getDocsAsset',
    summary: "A file of the documentation page (Swagger UI's scripts and styles, served locally)",
    tag: 'Platform',
    noDependencies: true,
    parameters: [
      pathParam('asset', 'The file name.', z.enum(Object.keys(docsAssets) as [DocsAsset, ...DocsAsset[]])),
    ],
    responses: {
      200: content(
        'The file.',
        Object.fromEntries([...new Set(Object.values(docsAssets))].map((type) => [type, { type: 'string' }])),
      ),
      404: problem('`not-found`: no such file.'),
    },
  },
];
