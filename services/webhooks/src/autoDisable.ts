/** When a failing subscription is disabled: many failures in a row, over a long enough time. */
export interface DisablePolicy {
  afterFailures: number;
  afterMs: number;
}

export interface SubscriptionHealth {
  consecutiveFailures: number;
  failingSince: Date | null;
}

/** Whether a subscription in this state should be disabled now. */
export function shouldDisable(health: SubscriptionHealth, now: Date, policy: DisablePolicy): boolean {
  if (health.consecutiveFailures < policy.afterFailures || !health.failingSince) return false;
  return now.getTime() - health.failingSince.getTime() >= policy.afterMs;
}
