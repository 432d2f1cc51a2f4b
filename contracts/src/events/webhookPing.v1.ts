import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';

export const webhookPingType = 'ff.webhook.ping';
export const webhookPingVersion = 'v1';
export const webhookPingSubject = (webhookId: string): string => `ff.webhooks.ping.${webhookId}`;

/**
 * Somebody asked for a test delivery to one webhook (POST /v1/webhooks/:id/ping): it is delivered to
 * that webhook only, whatever its event and project filters, signed like every delivery — so a
 * receiver's URL, network path and signature check can be tried before any real event.
 */
export const WebhookPingData = z.object({
  webhookId: AggregateId,
  /** The API key that asked; null when it had none recorded. */
  requestedBy: z.string().max(200).nullable(),
});
export type WebhookPingData = z.infer<typeof WebhookPingData>;

export const WebhookPingV1 = eventSchema(webhookPingType, webhookPingVersion, WebhookPingData);
export type WebhookPingV1 = z.infer<typeof WebhookPingV1>;
