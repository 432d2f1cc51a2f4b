import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from '@fuzzforge/observability';
import type { WebhooksDatabase } from '@fuzzforge/platform';
import { claimDueDeliveries, nextDueAt, type ClaimedDelivery } from './store/deliveryClaims';

export interface SchedulerDeps {
  db: Kysely<WebhooksDatabase>;
  deliver: (claimed: ClaimedDelivery) => Promise<void>;
  /** Requests in flight at once. */
  concurrency: number;
  /** How long a claimed delivery is ours: longer than any attempt can take. */
  leaseMs: number;
  /** Longest sleep between two looks at the log (other processes and the API make work due too). */
  pollMs: number;
  /** Runs on every pass (publishing the events of disabled subscriptions). */
  onPass?: () => Promise<void>;
  now: () => Date;
  log: Logger;
}

export interface RunningScheduler {
  /** New deliveries were recorded: look now rather than at the next poll. */
  wake(): void;
  /** Stops claiming and waits (at most `graceMs`) for the attempts in flight. */
  stop(graceMs: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Claims due deliveries and sends them, keeping up to `concurrency` in flight; sleeps until the next
 * one is due, a wake-up, or the poll interval. Database errors are logged and retried with back-off.
 */
export function startScheduler(deps: SchedulerDeps): RunningScheduler {
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const wake = (): void => {
    woken = true;
    wakeUp?.();
  };
  const waitFor = async (ms: number): Promise<void> => {
    if (woken || ms <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wakeUp = undefined;
  };

  const launch = (claimed: ClaimedDelivery): void => {
    const running = deps
      .deliver(claimed)
      .catch((err: unknown) =>
        // Unrecorded: the lease runs out and the delivery is attempted again.
        deps.log.error('delivery attempt not recorded', { err, delivery: claimed.id }),
      )
      .finally(() => {
        inFlight.delete(running);
        wake();
      });
    inFlight.add(running);
  };

  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      woken = false;
      try {
        await deps.onPass?.();
        const free = deps.concurrency - inFlight.size;
        const claimed =
          free > 0 ? await claimDueDeliveries(deps.db, free, deps.now(), deps.leaseMs, randomUUID()) : [];
        claimed.forEach(launch);
        failures = 0;
        // A full claim may have left more due work: go again once a slot is free.
        if (free > 0 && claimed.length === free) continue;
        if (inFlight.size >= deps.concurrency) {
          await waitFor(deps.pollMs);
          continue;
        }
        const due = await nextDueAt(deps.db);
        const untilDue = due ? due.getTime() - deps.now().getTime() : deps.pollMs;
        await waitFor(Math.min(deps.pollMs, Math.max(untilDue, 5)));
      } catch (err) {
        failures += 1;
        deps.log.warn('delivery scheduler pass failed, retrying', { err });
        await sleep(Math.min(10_000, 250 * 2 ** Math.min(failures, 6)));
      }
    }
  })();

  return {
    wake,
    async stop(graceMs) {
      stopped = true;
      wake();
      await loop;
      await Promise.race([Promise.allSettled([...inFlight]), sleep(graceMs)]);
    },
  };
}
