import { requiredScope } from '../auth/requiredScope';
import { namedSchemas } from './components';
import { buildOpenApiDocument, type OpenApiDocument } from './openApiDocument';
import { apiOperations, apiTags } from './operations';

const description = `FuzzForge runs security workflows (secret scans, static analysis, fuzzing campaigns) on uploaded targets.

Upload a target (\`POST /v1/targets\`), request a run of a workflow on it (\`POST /v1/runs\`), follow it (\`GET /v1/runs/{id}\` or its \`/events\` stream) and read its findings, as JSON or SARIF.

Every operation but the probes and this documentation needs an API key, sent as \`Authorization: Bearer <key>\`, whose scopes include the operation's \`x-required-scope\`. Errors are \`application/problem+json\` (RFC 9457) with a stable \`code\`.`;

let built: OpenApiDocument | undefined;

/** The API's OpenAPI 3.1 document, built once from the operation registry. */
export function apiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument(apiOperations, {
    title: 'FuzzForge API',
    version: '1',
    description,
    namedSchemas,
    // The auth middleware's own rule, so the document and the enforcement cannot disagree.
    accessOf: requiredScope,
    tags: apiTags,
  });
  return built;
}
