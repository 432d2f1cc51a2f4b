import type { Kysely } from 'kysely';
import type { Logger } from '@fuzzforge/observability';
import type { WebhooksDatabase } from '@fuzzforge/platform';
import { attemptOutcomeOf } from './attemptOutcome';
import type { WebhookRequest, WebhookResult } from './outbound/index';
import { signedHeaders } from './signature';
import { recordAttempt, type AttemptPolicies } from './store/attemptRecord';
import type { ClaimedDelivery } from './store/deliveryClaims';

export interface DelivererDeps {
  db: Kysely<WebhooksDatabase>;
  send: (request: WebhookRequest) => Promise<WebhookResult>;
  policies: AttemptPolicies;
  now: () => Date;
  log: Logger;
  /** Called when a failure disabled a subscription, so its event goes out promptly. */
  onDisabled: () => void;
}

/**
 * Sends one claimed delivery, signed for this attempt, and records how it went. URLs never reach the
 * log: webhook URLs often carry their receiver's secret (chat incoming-webhook paths).
 */
export function createDeliverer(deps: DelivererDeps): (claimed: ClaimedDelivery) => Promise<void> {
  return async (claimed) => {
    const startedAt = deps.now();
    const headers = signedHeaders(claimed.secret, claimed.id, startedAt, claimed.body);
    const result = await deps.send({ url: claimed.url, headers, body: claimed.body });
    const now = deps.now();
    const outcome = attemptOutcomeOf(result);
    const durationMs = now.getTime() - startedAt.getTime();
    const recorded = await recordAttempt(
      deps.db,
      claimed,
      outcome,
      { startedAt, durationMs, now },
      deps.policies,
    );
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
