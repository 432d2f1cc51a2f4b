import { setTimeout as sleep } from 'node:timers/promises';
import type { WebhookPayload } from '@fuzzforge/contracts';
import type { WebhookReceiver } from '../support/webhookReceiver';

/** What reached the webhook receiver of the chaos run. */
export interface WebhookVerdict {
  /** Runs whose end was delivered (accepted by the receiver). */
  delivered: number;
  /** Accepted runs whose end never arrived. */
  lost: string[];
  /** Requests for a delivery the receiver had already accepted (same webhook-id): allowed, counted. */
  resent: number;
  /** Requests without the three Standard Webhooks headers. */
  unsigned: number;
}

const runIdOf = (body: string): string | undefined => {
  const payload = JSON.parse(body) as WebhookPayload;
  const data = payload.data['data'] as { runId?: string } | undefined;
  return data?.runId;
};

/**
 * Waits (at most `timeoutMs`) until the end of every accepted run reached the receiver, and says
 * which never did. Deliveries are at least once: a repeat of a webhook-id is counted, not a failure.
 */
export async function webhookAudit(
  receiver: WebhookReceiver,
  runIds: readonly string[],
  timeoutMs: number,
): Promise<WebhookVerdict> {
  const deadline = Date.now() + timeoutMs;
  const missing = () => {
    const ended = new Set(receiver.accepted.map((r) => runIdOf(r.body)));
    return runIds.filter((id) => !ended.has(id));
  };
  while (missing().length > 0 && Date.now() < deadline) await sleep(500);
  const ids = receiver.accepted.map((r) => String(r.headers['webhook-id']));
  return {
    delivered: runIds.length - missing().length,
    lost: missing(),
    resent: ids.length - new Set(ids).size,
    unsigned: receiver.received.filter(
      (r) => !r.headers['webhook-id'] || !r.headers['webhook-timestamp'] || !r.headers['webhook-signature'],
    ).length,
  };
}
