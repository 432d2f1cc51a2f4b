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

/** What to do with a message whose handling failed on its `deliveryCount`-th delivery (1-based). */
export function decideOnFailure(
  deliveryCount: number,
  poison: boolean,
  policy: RedeliveryPolicy = defaultRedeliveryPolicy,
): FailureDecision {
  if (poison || deliveryCount >= policy.maxDeliver) return { action: 'dead-letter' };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (deliveryCount - 1));
  return { action: 'retry', delayMs };
}
