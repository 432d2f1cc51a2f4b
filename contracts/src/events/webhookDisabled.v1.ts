import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';

export const webhookDisabledType = 'ff.webhook.disabled';
export const webhookDisabledVersion = 'v1';
export const webhookDisabledSubject = (webhookId: string): string => `ff.webhooks.disabled.${webhookId}`;

export const WebhookDisabledData = z.object({
  webhookId: AggregateId,
  /** Why: the webhooks service gave up on it, or somebody disabled it through the API. */
  reason: z.enum(['failing', 'manual']),
  /** Failed attempts in a row when it was disabled. */
  consecutiveFailures: z.number().int().nonnegative(),
  /** When the failures in a row began; absent when it was not failing. */
  failingSince: z.iso.datetime({ offset: true }).optional(),
  /** The last failure, as the delivery log has it (`HTTP 500`, `timeout`…); never the URL. */
  lastError: z.string().max(500).optional(),
  disabledAt: z.iso.datetime({ offset: true }),
});
export type WebhookDisabledData = z.infer<typeof WebhookDisabledData>;

export const WebhookDisabledV1 = eventSchema(
  webhookDisabledType,
  webhookDisabledVersion,
  WebhookDisabledData,
);
export type WebhookDisabledV1 = z.infer<typeof WebhookDisabledV1>;
