import type { JetStreamManager } from '@nats-io/jetstream';
import type { PlatformMetrics } from './registry';

/** A durable consumer to watch. */
export interface WatchedConsumer {
  stream: string;
  durable: string;
}

export interface JetStreamMetricsOptions {
  metrics: PlatformMetrics;
  jsm: Pick<JetStreamManager, 'consumers' | 'streams'>;
  consumers: readonly WatchedConsumer[];
  /** The dead-letter stream whose depth is exported; default FF_DLQ. Null when this process should not. */
  dlqStream?: string | null;
  /** Bound on one read, so a stuck NATS cannot make the scrape time out; default 2 s. */
  readTimeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Exports consumer pending / ack-pending / redelivered counts and the DLQ depth, read from JetStream
 * each time Prometheus scrapes. A failed read keeps the previous value and counts a scrape error:
 * a NATS hiccup must not blank the dashboards or fail the whole scrape.
 */
export function collectJetStreamMetrics(o: JetStreamMetricsOptions): void {
  const timeoutMs = o.readTimeoutMs ?? 2000;
  const dlqStream = o.dlqStream === undefined ? 'FF_DLQ' : o.dlqStream;

  // prom-client collects every metric of a scrape concurrently: these share one round of reads, and
  // each waits for it before being read.
  let inFlight: Promise<void> | undefined;
  const refresh = (): Promise<void> => (inFlight ??= readAll().finally(() => (inFlight = undefined)));

  const errors = o.metrics.counter('metricsScrapeErrors', refresh);
  errors.inc({ source: 'jetstream' }, 0);
  const pending = o.metrics.gauge('consumerPending', refresh);
  const ackPending = o.metrics.gauge('consumerAckPending', refresh);
  const redelivered = o.metrics.gauge('consumerRedelivered', refresh);
  const dlq = dlqStream === null ? undefined : o.metrics.gauge('dlqDepth', refresh);

  async function readConsumer({ stream, durable }: WatchedConsumer): Promise<void> {
    try {
      const info = await withTimeout(o.jsm.consumers.info(stream, durable), timeoutMs);
      const labels = { stream, consumer: durable };
      pending.set(labels, info.num_pending);
      ackPending.set(labels, info.num_ack_pending);
      redelivered.set(labels, info.num_redelivered);
    } catch {
      errors.inc({ source: 'jetstream' });
    }
  }

  async function readDlq(): Promise<void> {
    if (!dlq || dlqStream === null) return;
    try {
      const info = await withTimeout(o.jsm.streams.info(dlqStream), timeoutMs);
      dlq.set(info.state.messages);
    } catch {
      errors.inc({ source: 'jetstream' });
    }
  }

  async function readAll(): Promise<void> {
    await Promise.all([...o.consumers.map(readConsumer), readDlq()]);
  }
}
