import { z } from 'zod';
import { ApiKeyList, ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from '@fuzzforge/contracts';
import { pathParam, queryParams, type ApiOperation } from '../apiOperation';
import { json, locationHeader, problem, tooLarge, validationProblem } from '../responses';

const keyId = pathParam('id', "The key's id (not the key itself).", z.string());
const keyNotFound = problem('`api-key-not-found`.');

/** /v1/admin/keys: API keys, created and revoked by an admin. */
export const apiKeyOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/admin/keys',
    operationId: 'createApiKey',
    summary: 'Create an API key; the answer is the only time its secret is shown',
    tag: 'API keys',
    requestBody: {
      description: 'What the key may do.',
      required: true,
      content: { 'application/json': CreateApiKeyRequest },
    },
    responses: {
      201: json('The key, with its secret in `key`.', CreatedApiKey, locationHeader),
      400: problem('`invalid-json`: the body is not JSON; `validation-failed`: the request is invalid.'),
      413: tooLarge,
    },
  },
  {
    method: 'get',
    path: '/v1/admin/keys',
    operationId: 'listApiKeys',
    summary: 'List API keys (never their secrets)',
    tag: 'API keys',
    parameters: queryParams(
      z.object({ revoked: z.enum(['true', 'false']).describe('`true` lists revoked keys too.').optional() }),
    ),
    responses: {
      200: json('The keys.', ApiKeyList),
      400: validationProblem('`revoked` is neither `true` nor `false`'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/keys/{id}',
    operationId: 'getApiKey',
    summary: 'Get an API key (never its secret)',
    tag: 'API keys',
    parameters: [keyId],
    responses: { 200: json('The key.', ApiKeyView), 404: keyNotFound },
  },
  {
    method: 'delete',
    path: '/v1/admin/keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key: it is refused from then on',
    tag: 'API keys',
    parameters: [keyId],
    responses: {
      200: json('The revoked key.', ApiKeyView),
      404: keyNotFound,
      409: problem('`last-admin-key`: create another admin key before revoking the last one.'),
      413: tooLarge,
    },
  },
];
