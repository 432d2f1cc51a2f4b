import { describe, expect, it } from 'vitest';
import type { WebhookAttemptView, WebhookDeliveryDetail } from '@fuzzforge/contracts';
import { pingVerdictOf } from './webhookPingWait';

const attempt = (outcome: WebhookAttemptView['outcome']): WebhookAttemptView => ({
  attempt: 1,
  trigger: 'scheduled',
  startedAt: '2026-11-29T12:00:00.000Z',
  durationMs: 12,
  outcome,
  statusCode: outcome === 'succeeded' ? 204 : null,
  error: outcome === 'succeeded' ? null : 'refused: 10.0.0.5 is private',
  responseBody: null,
});
const delivery = (attemptLog: WebhookAttemptView[]) => ({ attemptLog }) as unknown as WebhookDeliveryDetail;

describe('pingVerdictOf', () => {
  it('judges a ping by its first attempt', () => {
    expect(pingVerdictOf(undefined)).toEqual({ kind: 'no-attempt-yet' });
    expect(pingVerdictOf(delivery([]))).toEqual({ kind: 'no-attempt-yet' });
    expect(pingVerdictOf(delivery([attempt('succeeded')]))).toMatchObject({ kind: 'accepted' });
    expect(pingVerdictOf(delivery([attempt('refused'), attempt('succeeded')]))).toMatchObject({
      kind: 'not-accepted',
      attempt: { error: 'refused: 10.0.0.5 is private' },
    });
  });
});
