import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { streams } from '@fuzzforge/contracts';
import type { StreamEnv } from './env';

/**
 * Servers and credentials from NATS_URL: `nats://user:password@host:port[,nats://host2:port]`
 * (percent-encoded, as the `nats` CLI takes them). nats.js does not read credentials from a URL, so
 * they are lifted out into `user`/`pass`; the first server that carries some wins.
 */
export function natsConnectOptions(url: string): Pick<ConnectionOptions, 'servers' | 'user' | 'pass'> {
  let user: string | undefined;
  let pass: string | undefined;
  const servers = url.split(',').map((server) => {
    const trimmed = server.trim();
    const at = trimmed.lastIndexOf('@');
    if (at < 0) return trimmed;
    const scheme = /^[a-z]+:\/\//i.exec(trimmed)?.[0] ?? '';
    const [u = '', p] = trimmed.slice(scheme.length, at).split(':');
    user ??= decodeURIComponent(u);
    if (p !== undefined) pass ??= decodeURIComponent(p);
    return scheme + trimmed.slice(at + 1);
  });
  return { servers, ...(user ? { user } : {}), ...(pass !== undefined ? { pass } : {}) };
}

/** NATS_URL without its password, for logs. */
export const redactedNatsUrl = (url: string): string => url.replace(/:\/\/([^:@/]*):[^@/]*@/g, '://$1:***@');

/**
 * Connects to NATS with endless reconnects, also for the first connection: a server that is down or
 * restarting must never kill our processes.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    ...natsConnectOptions(url),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
  });
}

const nanos = (ms: number): number => Math.round(ms * 1_000_000);
const day = 24 * 60 * 60 * 1000;

/** Stream settings, from the retention knobs in StreamEnv (see README "Durability"). */
export function streamConfigs(settings: StreamEnv): (Partial<StreamConfig> & { name: string })[] {
  return Object.entries(streams).map(([key, s]) => {
    const dlq = key === 'dlq';
    return {
      name: s.name,
      subjects: [...s.subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos((dlq ? settings.FF_DLQ_MAX_AGE_DAYS : settings.FF_EVENTS_MAX_AGE_DAYS) * day),
      max_bytes: dlq ? -1 : settings.FF_EVENTS_MAX_BYTES,
      discard: !dlq && settings.FF_EVENTS_DISCARD === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
      duplicate_window: nanos(settings.FF_DUPLICATE_WINDOW_SECONDS * 1000),
      // Direct gets answer "last message for this run" without a consumer.
      allow_direct: true,
    };
  });
}

/** Creates the FuzzForge streams, or updates them to the current settings. Idempotent. */
export async function ensureStreams(jsm: JetStreamManager, settings: StreamEnv): Promise<void> {
  for (const config of streamConfigs(settings)) {
    const existing = await jsm.streams.info(config.name).catch(() => null);
    if (existing) await jsm.streams.update(config.name, { ...existing.config, ...config });
    else await jsm.streams.add(config);
  }
}

export async function jetstreamManagerOf(nc: NatsConnection): Promise<JetStreamManager> {
  return jetstreamManager(nc);
}
