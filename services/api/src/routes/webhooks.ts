import { Hono } from 'hono';
import {
  CreateWebhookRequest,
  RotateWebhookSecretRequest,
  UpdateWebhookRequest,
  WebhookDeliveryQuery,
} from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { findDelivery, listDeliveries, redeliver } from '../domain/webhookDeliveries';
import { pingWebhook } from '../domain/webhookPing';
import {
  createWebhook,
  deleteWebhook,
  findWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from '../domain/webhookSubscriptions';
import { parseJsonBody, parseQuery } from './requestParsing';

const webhookNotFound = (id: string) => new ApiError('webhook-not-found', `No webhook with id ${id}.`);
const deliveryNotFound = (id: string) =>
  new ApiError('webhook-delivery-not-found', `No delivery ${id} of this webhook.`);

/** /v1/webhooks: subscriptions (the secret is in the creating answer only) and their delivery log. */
export function webhookRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  /** The webhook, which must exist (404) and be enabled (409): nothing is sent to a disabled one. */
  const enabledWebhook = async (id: string) => {
    const webhook = await findWebhook(deps.db, id);
    if (!webhook) throw webhookNotFound(id);
    if (!webhook.enabled) {
      throw new ApiError(
        'webhook-disabled',
        `Webhook ${id} is disabled: enable it (PATCH {"enabled": true}) and its pending deliveries go out.`,
      );
    }
    return webhook;
  };

  app.post('/', async (c) => {
    const request = await parseJsonBody(c, CreateWebhookRequest, 'webhook');
    const created = await createWebhook(deps.db, deps.webhookSecrets, request, {
      id: `wh_${deps.newId()}`,
      createdBy: c.var.principal.keyId,
      now: deps.now(),
    });
    c.header('Location', `/v1/webhooks/${created.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json(created, 201);
  });

  app.get('/', async (c) => c.json({ webhooks: await listWebhooks(deps.db) }));

  app.get('/:id', async (c) => {
    const webhook = await findWebhook(deps.db, c.req.param('id'));
    if (!webhook) throw webhookNotFound(c.req.param('id'));
    return c.json(webhook);
  });

  app.patch('/:id', async (c) => {
    const update = await parseJsonBody(c, UpdateWebhookRequest, 'webhook change');
    const webhook = await updateWebhook(deps.db, c.req.param('id'), update, deps.now());
    if (!webhook) throw webhookNotFound(c.req.param('id'));
    return c.json(webhook);
  });

  app.delete('/:id', async (c) => {
    if (!(await deleteWebhook(deps.db, c.req.param('id')))) throw webhookNotFound(c.req.param('id'));
    return c.body(null, 204);
  });

  app.post('/:id/rotate-secret', async (c) => {
    const request = await parseJsonBody(c, RotateWebhookSecretRequest, 'secret rotation', { empty: {} });
    const rotated = await rotateWebhookSecret(
      deps.db,
      deps.webhookSecrets,
      c.req.param('id'),
      request,
      deps.now(),
    );
    if (!rotated) throw webhookNotFound(c.req.param('id'));
    c.header('Cache-Control', 'no-store');
    return c.json(rotated);
  });

  app.get('/:id/deliveries', async (c) => {
    const id = c.req.param('id');
    const query = parseQuery(WebhookDeliveryQuery, c.req.query());
    if (!(await findWebhook(deps.db, id))) throw webhookNotFound(id);
    return c.json(await listDeliveries(deps.db, id, query));
  });

  app.get('/:id/deliveries/:deliveryId', async (c) => {
    const { id, deliveryId } = c.req.param();
    const delivery = await findDelivery(deps.db, id, deliveryId);
    if (!delivery) throw deliveryNotFound(deliveryId);
    return c.json(delivery);
  });

  app.post('/:id/ping', async (c) => {
    const id = c.req.param('id');
    await enabledWebhook(id);
    return c.json(await pingWebhook(deps, id, c.var.principal.keyId), 202);
  });

  app.post('/:id/deliveries/:deliveryId/redeliver', async (c) => {
    const { id, deliveryId } = c.req.param();
    await enabledWebhook(id);
    const delivery = await redeliver(deps.db, id, deliveryId, deps.now());
    if (!delivery) throw deliveryNotFound(deliveryId);
    return c.json(delivery, 202);
  });

  return app;
}
