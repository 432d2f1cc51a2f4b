import { z } from 'zod';
import { FuzzForgeEvent } from '../events/index';
import { ProjectName } from '../fuzzing';

// DTOs of webhook subscriptions (/v1/webhooks) and their delivery log.

/** Every event type a webhook can be sent, from the event catalogue. */
export const webhookEventTypes: readonly string[] = FuzzForgeEvent.options.map((o) => o.shape.type.value);

/**
 * `*` (every event), an event type (`ff.run.finding`), or a family ending in `.*` (`ff.run.*`) that
 * names at least one type; unknown types are refused so a typo never silently matches nothing.
 */
export const WebhookEventFilter = z
  .string()
  .max(100)
  .refine(
    (f) =>
      f === '*' ||
      webhookEventTypes.includes(f) ||
      (f.endsWith('.*') && webhookEventTypes.some((t) => t.startsWith(f.slice(0, -1)))),
    { message: `must be *, an event type (${webhookEventTypes.join(', ')}) or a family such as ff.run.*` },
  );

/** Whether `type` is one of the event types `filters` lets through. */
export function webhookWants(filters: readonly string[], type: string): boolean {
  return filters.some(
    (f) => f === '*' || f === type || (f.endsWith('.*') && type.startsWith(f.slice(0, -1))),
  );
}

/** An http(s) URL without credentials in it: the webhooks service checks where it resolves at each delivery. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
  .max(2048)
  .refine((u) => !/^[a-z]+:\/\/[^/?#]*@/i.test(u), {
    message: 'must not carry credentials (user:password@); put a token in the path or query instead',
  });

export const CreateWebhookRequest = z.object({
  url: WebhookUrl,
  /** What the webhook is for ("slack #security", "jira"); shown in listings. */
  description: z.string().trim().max(200).optional(),
  eventTypes: z.array(WebhookEventFilter).min(1).max(50),
  /** Only events of these projects; absent or null means every project (and events of none). */
  projects: z.array(ProjectName).min(1).max(100).nullable().optional(),
  enabled: z.boolean().default(true),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z
  .object({
    url: WebhookUrl,
    description: z.string().trim().max(200).nullable(),
    eventTypes: z.array(WebhookEventFilter).min(1).max(50),
    projects: z.array(ProjectName).min(1).max(100).nullable(),
    /** `true` re-enables a disabled webhook (its failure count starts again); `false` pauses it. */
    enabled: z.boolean(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'name at least one field to change' });
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  projects: z.array(ProjectName).nullable(),
  enabled: z.boolean(),
  /** Why it is disabled: `failing` (by the webhooks service) or `manual`; null while enabled. */
  disabledReason: z.enum(['failing', 'manual']).nullable(),
  disabledAt: z.string().nullable(),
  /** Failed delivery attempts in a row; back to 0 at the next success. */
  consecutiveFailures: z.number().int(),
  failingSince: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The API key that created it. */
  createdBy: z.string().nullable(),
  /** When its signing secret was last rotated; null if never. */
  secretRotatedAt: z.string().nullable(),
  /**
   * Until when deliveries carry a second signature, made with the secret before the last rotation
   * (kept once past); null if the last rotation dropped the old secret at once, or there was none.
   */
  previousSecretExpiresAt: z.string().nullable(),
});
export type WebhookView = z.infer<typeof WebhookView>;

/** The answer to creating a webhook or rotating its secret: the only time that secret is shown. */
export const CreatedWebhook = WebhookView.extend({
  /** `whsec_` + base64 key, as Standard Webhooks libraries take it. */
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

/** The longest a rotated-out secret keeps signing: a week. */
export const maxSecretGraceSeconds = 7 * 24 * 3600;

export const RotateWebhookSecretRequest = z
  .object({
    /**
     * How long the old secret keeps signing beside the new one (every delivery carries both
     * signatures, space-separated, as Standard Webhooks allows), so receivers can switch over; 0 drops
     * it at once (a leaked secret). Default: a day.
     */
    graceSeconds: z.number().int().min(0).max(maxSecretGraceSeconds).default(86_400),
  })
  .strict();
export type RotateWebhookSecretRequest = z.infer<typeof RotateWebhookSecretRequest>;

/** The answer to a ping: the event published, and the delivery it makes (follow it in the delivery log). */
export const WebhookPingResponse = z.object({
  webhookId: z.string(),
  eventId: z.string(),
  /** The ping's delivery: `GET /v1/webhooks/{id}/deliveries/{deliveryId}` shows how it went. */
  deliveryId: z.string(),
});
export type WebhookPingResponse = z.infer<typeof WebhookPingResponse>;

export const WebhookList = z.object({ webhooks: z.array(WebhookView) });
export type WebhookList = z.infer<typeof WebhookList>;

/**
 * `pending`: waiting for its next attempt (or in flight); `succeeded`: a 2xx answer; `dead-lettered`:
 * out of attempts — it stays in the log and can be redelivered by hand.
 */
export const WebhookDeliveryStatus = z.enum(['pending', 'succeeded', 'dead-lettered']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDeliveryView = z.object({
  /** Also the `webhook-id` header: the same on every attempt, so receivers can deduplicate. */
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  project: z.string().nullable(),
  status: WebhookDeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  deadLetteredAt: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

/** How one attempt went: `succeeded` (2xx), `failed` (another status or a network error), `refused`. */
export const WebhookAttemptOutcome = z.enum(['succeeded', 'failed', 'refused']);
export type WebhookAttemptOutcome = z.infer<typeof WebhookAttemptOutcome>;

export const WebhookAttemptView = z.object({
  attempt: z.number().int(),
  /** `scheduled` by the retry schedule, or `manual` after a redelivery request. */
  trigger: z.enum(['scheduled', 'manual']),
  startedAt: z.string(),
  durationMs: z.number(),
  outcome: WebhookAttemptOutcome,
  statusCode: z.number().int().nullable(),
  /** What went wrong (`HTTP 503`, `timeout`, `refused: 169.254.169.254 is cloud metadata`…). */
  error: z.string().nullable(),
  /** The start of the receiver's answer. */
  responseBody: z.string().nullable(),
});
export type WebhookAttemptView = z.infer<typeof WebhookAttemptView>;

export const WebhookDeliveryDetail = WebhookDeliveryView.extend({
  /** The exact body sent (and signed) on every attempt. */
  payload: z.unknown(),
  attemptLog: z.array(WebhookAttemptView),
});
export type WebhookDeliveryDetail = z.infer<typeof WebhookDeliveryDetail>;

export const WebhookDeliveryQuery = z.object({
  status: WebhookDeliveryStatus.optional(),
  eventType: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Only deliveries older than this cursor: the `next` of the previous page (newest first). */
  before: z.coerce.number().int().min(0).optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;

export const WebhookDeliveryPage = z.object({
  deliveries: z.array(WebhookDeliveryView),
  next: z.number().int().nullable(),
});
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

/**
 * The body of every webhook request: the event as published on NATS (its JSON Schema is in
 * contracts/schemas/events/) under `data`, with the Standard Webhooks `type` and `timestamp` beside it.
 */
export const WebhookPayload = z.object({
  type: z.string(),
  /** When the event happened (its `time`), not when this attempt was made. */
  timestamp: z.string(),
  /** The event's project; null for events of none (webhook state changes). */
  project: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;
