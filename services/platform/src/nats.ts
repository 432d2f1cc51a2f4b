import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { streams } from '@fuzzforge/contracts';

/** Connects to NATS with endless reconnects: a restarting server must not kill our processes. */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
}

const nanos = (ms: number): number => ms * 1_000_000;

/** Stream settings; the duplicate window bounds how long a republished event id is dropped by the server. */
export function streamConfigs(
  duplicateWindowMs = 60 * 60 * 1000,
): (Partial<StreamConfig> & { name: string })[] {
  return Object.values(streams).map((s) => ({
    name: s.name,
    subjects: [...s.subjects],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(duplicateWindowMs),
    // Direct gets answer "last message for this run" without a consumer.
    allow_direct: true,
  }));
}

/** Creates the FuzzForge streams, or updates them to the current settings. Idempotent. */
export async function ensureStreams(jsm: JetStreamManager): Promise<void> {
  for (const config of streamConfigs()) {
    const name = config.name;
    const existing = await jsm.streams.info(name).catch(() => null);
    if (existing) await jsm.streams.update(name, { ...existing.config, ...config });
    else await jsm.streams.add(config);
  }
}

export async function jetstreamManagerOf(nc: NatsConnection): Promise<JetStreamManager> {
  return jetstreamManager(nc);
}
