import { z } from 'zod';
import {
  CreatedWebhook,
  CreateWebhookRequest,
  RotateWebhookSecretRequest,
  UpdateWebhookRequest,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookDeliveryView,
  WebhookList,
  WebhookPingResponse,
  WebhookView,
} from '@fuzzforge/contracts';
import { pathParam, queryParams, type ApiOperation } from '../apiOperation';
import { json, locationHeader, problem, tooLarge, validationProblem } from '../responses';

const webhookId = pathParam('id', "The webhook's id.", z.string());
const deliveryId = pathParam('deliveryId', "The delivery's id (its `webhook-id` header).", z.string());
const webhookNotFound = problem('`webhook-not-found`.');
const bodyProblem = problem('`invalid-json`: the body is not JSON; `validation-failed`: it is invalid.');

const signing =
  'Every request is a POST signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, ' +
  '`webhook-signature` = `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed by the secret). ' +
  'See README "Webhooks".';

/** /v1/webhooks: subscriptions, their delivery log and manual redelivery (`admin` scope). */
export const webhookOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to events; the answer is the only time its signing secret is shown',
    description: signing,
    tag: 'Webhooks',
    requestBody: {
      description: 'Where to send which events.',
      required: true,
      content: { 'application/json': CreateWebhookRequest },
    },
    responses: {
      201: json('The webhook, with its secret in `secret`.', CreatedWebhook, locationHeader),
      400: bodyProblem,
      413: tooLarge,
    },
  },
  {
    method: 'get',
    path: '/v1/webhooks',
    operationId: 'listWebhooks',
    summary: 'List webhooks (never their secrets)',
    tag: 'Webhooks',
    responses: { 200: json('The webhooks, oldest first.', WebhookList) },
  },
  {
    method: 'get',
    path: '/v1/webhooks/{id}',
    operationId: 'getWebhook',
    summary: 'Get a webhook and how its deliveries are faring',
    tag: 'Webhooks',
    parameters: [webhookId],
    responses: { 200: json('The webhook.', WebhookView), 404: webhookNotFound },
  },
  {
    method: 'patch',
    path: '/v1/webhooks/{id}',
    operationId: 'updateWebhook',
    summary: 'Change a webhook; `enabled: true` re-enables one that was disabled',
    tag: 'Webhooks',
    parameters: [webhookId],
    requestBody: {
      description: 'The fields to change.',
      required: true,
      content: { 'application/json': UpdateWebhookRequest },
    },
    responses: {
      200: json('The webhook as it is now.', WebhookView),
      400: bodyProblem,
      404: webhookNotFound,
      413: tooLarge,
    },
  },
  {
    method: 'delete',
    path: '/v1/webhooks/{id}',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook and its delivery log',
    tag: 'Webhooks',
    parameters: [webhookId],
    responses: { 204: { description: 'Deleted.' }, 404: webhookNotFound },
  },
  {
    method: 'post',
    path: '/v1/webhooks/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Give a webhook a new signing secret, shown only in this answer',
    description:
      'The old secret keeps signing beside the new one for `graceSeconds` (default a day, 0 drops it at ' +
      'once): each delivery then carries two space-separated signatures and a receiver verifying with ' +
      'either secret accepts it. The body may be left out.',
    tag: 'Webhooks',
    parameters: [webhookId],
    requestBody: {
      description: 'How long the old secret keeps signing.',
      required: false,
      content: { 'application/json': RotateWebhookSecretRequest },
    },
    responses: {
      200: json('The webhook, with its new secret in `secret`.', CreatedWebhook),
      400: bodyProblem,
      404: webhookNotFound,
      413: tooLarge,
    },
  },
  {
    method: 'post',
    path: '/v1/webhooks/{id}/ping',
    operationId: 'pingWebhook',
    summary: 'Send the webhook a test delivery (`ff.webhook.ping`), whatever its filters',
    description:
      'Publishes an `ff.webhook.ping` event that is delivered to this webhook only, signed and retried ' +
      'like any delivery: follow `deliveryId` in the delivery log to see whether the receiver accepted it.',
    tag: 'Webhooks',
    parameters: [webhookId],
    responses: {
      202: json('The ping event and its delivery.', WebhookPingResponse),
      404: webhookNotFound,
      409: problem('`webhook-disabled`: enable the webhook first.'),
      413: tooLarge,
    },
  },
  {
    method: 'get',
    path: '/v1/webhooks/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "A webhook's delivery log, newest first",
    tag: 'Webhooks',
    parameters: [webhookId, ...queryParams(WebhookDeliveryQuery)],
    responses: {
      200: json('A page of deliveries.', WebhookDeliveryPage),
      400: validationProblem('`status`, `limit` or `before` is invalid'),
      404: webhookNotFound,
    },
  },
  {
    method: 'get',
    path: '/v1/webhooks/{id}/deliveries/{deliveryId}',
    operationId: 'getWebhookDelivery',
    summary: 'One delivery: the body sent and every attempt',
    tag: 'Webhooks',
    parameters: [webhookId, deliveryId],
    responses: {
      200: json('The delivery.', WebhookDeliveryDetail),
      404: problem('`webhook-delivery-not-found`.'),
    },
  },
  {
    method: 'post',
    path: '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    operationId: 'redeliverWebhookDelivery',
    summary: 'Send a delivery again now (a dead-lettered one too), on a fresh retry schedule',
    tag: 'Webhooks',
    parameters: [webhookId, deliveryId],
    responses: {
      202: json('The delivery, due now.', WebhookDeliveryView),
      404: problem('`webhook-not-found`, `webhook-delivery-not-found`.'),
      409: problem('`webhook-disabled`: enable the webhook first.'),
      413: tooLarge,
    },
  },
];
