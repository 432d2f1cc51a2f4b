import { Hono } from 'hono';
import { CreateApiKeyRequest } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from '../domain/apiKeys';
import { parseJsonBody } from './requestParsing';

const notFound = (id: string) => new ApiError('api-key-not-found', `No API key with id ${id}.`);

/** /v1/admin/keys: create (the secret is in that answer only), list and revoke API keys. */
export function apiKeyRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const request = await parseJsonBody(c, CreateApiKeyRequest, 'key request');
    const created = await createApiKey(deps.db, request, {
      id: deps.newId(),
      createdBy: c.var.principal.keyId,
      now: deps.now(),
    });
    c.header('Location', `/v1/admin/keys/${created.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json(created, 201);
  });

  app.get('/', async (c) => {
    const revoked = c.req.query('revoked');
    if (revoked !== undefined && revoked !== 'true' && revoked !== 'false') {
      throw new ApiError('validation-failed', 'The query is invalid.', [
        { path: '/revoked', message: 'must be true or false' },
      ]);
    }
    return c.json({ keys: await listApiKeys(deps.db, revoked === 'true') });
  });

  app.get('/:id', async (c) => {
    const key = await findApiKey(deps.db, c.req.param('id'));
    if (!key) throw notFound(c.req.param('id'));
    return c.json(key);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    const outcome = await revokeApiKey(deps.db, id, deps.now());
    if ('revoked' in outcome) return c.json(outcome.revoked);
    if (outcome.refused === 'not-found') throw notFound(id);
    throw new ApiError(
      'last-admin-key',
      `Key ${id} is the last active admin key that does not expire: create another admin key before revoking it.`,
    );
  });

  return app;
}
