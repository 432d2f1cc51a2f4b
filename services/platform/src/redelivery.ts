export type FailureDecision = { action: 'dead-letter' } | { action: 'retry'; delayMs: number };

export interface RedeliveryPolicy {
  /** Attempts before a failing message is parked in the DLQ. */
  maxDeliver: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRedeliveryPolicy: RedeliveryPolicy = {
  maxDeliver: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Why handling failed: the message can never succeed (poison), a dependency is down (transient: not
 * the message's fault, so it never counts towards the DLQ), or anything else (failed).
 */
export type FailureKind = 'poison' | 'transient' | 'failed';

/** What to do with a message whose handling failed on its `deliveryCount`-th delivery (1-based). */
export function decideOnFailure(
  deliveryCount: number,
  kind: FailureKind,
  policy: RedeliveryPolicy = defaultRedeliveryPolicy,
): FailureDecision {
  if (kind === 'poison') return { action: 'dead-letter' };
  if (kind === 'failed' && deliveryCount >= policy.maxDeliver) return { action: 'dead-letter' };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (deliveryCount - 1));
  return { action: 'retry', delayMs };
}
