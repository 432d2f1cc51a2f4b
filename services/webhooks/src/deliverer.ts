import type { Kysely } from 'kysely';
import type { Logger, PlatformMetrics } from '@fuzzforge/observability';
import type { SecretBox, WebhooksDatabase } from '@fuzzforge/platform';
import { attemptOutcomeOf, type AttemptOutcome } from './attemptOutcome';
import { inDeliverySpan } from './deliveryTracing';
import type { WebhookRequest, WebhookResult } from './outbound/index';
import { signedHeaders } from './signature';
import { recordAttempt, type AttemptPolicies } from './store/attemptRecord';
import type { ClaimedDelivery } from './store/deliveryClaims';

export interface DelivererDeps {
  db: Kysely<WebhooksDatabase>;
  send: (request: WebhookRequest) => Promise<WebhookResult>;
  /** Opens the sealed signing secrets. */
  secrets: SecretBox;
  policies: AttemptPolicies;
  now: () => Date;
  log: Logger;
  /** Called when a failure disabled a subscription, so its event goes out promptly. */
  onDisabled: () => void;
  /** Attempts by outcome and their duration. */
  metrics: PlatformMetrics;
}

/** The metrics' outcome of an attempt: `gave_up` when it was the delivery's last. */
export function deliveryOutcomeLabel(
  succeeded: boolean,
  next: 'pending' | 'succeeded' | 'dead-lettered' | undefined,
): 'delivered' | 'failed' | 'gave_up' {
  if (succeeded) return 'delivered';
  return next === 'dead-lettered' ? 'gave_up' : 'failed';
}

/** The claimed delivery's signing secrets in the clear, or why they do not open (a key missing). */
function openSecrets(box: SecretBox, claimed: ClaimedDelivery): { secrets: string[] } | { problem: string } {
  try {
    return { secrets: claimed.sealedSecrets.map((sealed) => box.open(sealed, claimed.subscriptionId)) };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

/**
 * Sends one claimed delivery, signed for this attempt, and records how it went. URLs never reach the
 * log: webhook URLs often carry their receiver's secret (chat incoming-webhook paths).
 */
export function createDeliverer(deps: DelivererDeps): (claimed: ClaimedDelivery) => Promise<void> {
  const deliveries = deps.metrics.counter('webhookDeliveries');
  const duration = deps.metrics.histogram('webhookDeliveryDuration');
  return async (claimed) => {
    const startedAt = deps.now();
    const opened = openSecrets(deps.secrets, claimed);
    const outcome: AttemptOutcome =
      'problem' in opened
        ? { outcome: 'refused', statusCode: null, error: `not sent: ${opened.problem}`, responseBody: null }
        : await inDeliverySpan(claimed, async () => {
            const headers = signedHeaders(opened.secrets, claimed.id, startedAt, claimed.body);
            return attemptOutcomeOf(await deps.send({ url: claimed.url, headers, body: claimed.body }));
          });
    const now = deps.now();
    const durationMs = now.getTime() - startedAt.getTime();
    const recorded = await recordAttempt(
      deps.db,
      claimed,
      outcome,
      { startedAt, durationMs, now },
      deps.policies,
    );
    const label = deliveryOutcomeLabel(
      outcome.outcome === 'succeeded',
      recorded.recorded ? recorded.status : undefined,
    );
    deliveries.inc({ outcome: label });
    duration.observe({ outcome: label }, durationMs / 1000);
    const fields = {
      delivery: claimed.id,
      webhook: claimed.subscriptionId,
      attempt: claimed.attempt,
      durationMs,
    };
    if (!recorded.recorded) {
      deps.log.warn('attempt not recorded: the lease ran out and the delivery was taken over', fields);
      return;
    }
    if (outcome.outcome === 'succeeded')
      deps.log.debug('delivered', { ...fields, status: outcome.statusCode });
    else deps.log.info('delivery attempt failed', { ...fields, error: outcome.error, next: recorded.status });
    if (recorded.disabledSubscription) {
      deps.log.warn('webhook disabled: it keeps failing', { webhook: claimed.subscriptionId });
      deps.onDisabled();
    }
  };
}
