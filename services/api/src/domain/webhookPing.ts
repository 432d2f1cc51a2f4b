import {
  webhookPingSubject,
  webhookPingType,
  webhookPingVersion,
  WebhookPingV1,
  type WebhookPingResponse,
} from '@fuzzforge/contracts';
import { deliveryIdOf, newEvent, publishEvent } from '@fuzzforge/platform';
import type { ApiDeps } from '../deps';

/**
 * Publishes an `ff.webhook.ping` for one (enabled) webhook: the webhooks service fans it out to that
 * webhook alone and delivers it like any event, so the answer's delivery shows whether the receiver
 * is reachable and accepts the signature.
 */
export async function pingWebhook(
  deps: Pick<ApiDeps, 'js' | 'newId' | 'now'>,
  webhookId: string,
  requestedBy: string | null,
): Promise<WebhookPingResponse> {
  const event = newEvent({
    id: `${webhookId}.ping.${deps.newId()}`,
    type: webhookPingType,
    version: webhookPingVersion,
    subject: webhookPingSubject(webhookId),
    source: 'fuzzforge/api',
    data: { webhookId, requestedBy },
    time: deps.now(),
  });
  await publishEvent(deps.js, WebhookPingV1.parse(event));
  return { webhookId, eventId: event.id, deliveryId: deliveryIdOf(webhookId, event.id) };
}
