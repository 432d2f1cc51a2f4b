import { natsUrlFor, type NatsUsers } from './natsUsers';
import type { StackConfig } from './stackConfig';

/** How clients reach a running stack. */
export interface StackEndpoints {
  /** As the platform user (full rights), credentials in the URL when the stack has users. */
  natsUrl: string;
  /** As the read-only subscriber user: what external event consumers get (see contracts/EVENTS.md). */
  natsSubscriberUrl: string;
  temporalAddress: string;
  s3Endpoint: string;
  s3Region: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  databaseUrl: string;
}

const host = '127.0.0.1';

/** Without `natsUsers` the NATS URLs carry no credentials (fine for display, refused by the server). */
export function endpointsOf(config: StackConfig, natsUsers?: NatsUsers): StackEndpoints {
  const { ports, s3, postgres } = config;
  const nats = `nats://${host}:${ports.nats}`;
  const credentials = `${encodeURIComponent(postgres.user)}:${encodeURIComponent(postgres.password)}`;
  return {
    natsUrl: natsUsers ? natsUrlFor(nats, natsUsers.platform) : nats,
    natsSubscriberUrl: natsUsers ? natsUrlFor(nats, natsUsers.subscriber) : nats,
    temporalAddress: `${host}:${ports.temporal}`,
    s3Endpoint: `http://${host}:${ports.s3}`,
    s3Region: s3.region,
    s3AccessKeyId: s3.accessKeyId,
    s3SecretAccessKey: s3.secretAccessKey,
    databaseUrl: `postgres://${credentials}@${host}:${ports.postgres}/${encodeURIComponent(postgres.database)}`,
  };
}

/**
 * env vars the FuzzForge services read: NATS_URL, TEMPORAL_ADDRESS, S3_ENDPOINT, S3_REGION,
 * S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, DATABASE_URL; plus NATS_SUBSCRIBER_URL, which no service
 * needs but `npm run stack up` prints and tests read: the read-only user for external subscribers.
 */
export function endpointsToEnv(e: StackEndpoints): Record<string, string> {
  return {
    NATS_URL: e.natsUrl,
    NATS_SUBSCRIBER_URL: e.natsSubscriberUrl,
    TEMPORAL_ADDRESS: e.temporalAddress,
    S3_ENDPOINT: e.s3Endpoint,
    S3_REGION: e.s3Region,
    S3_ACCESS_KEY_ID: e.s3AccessKeyId,
    S3_SECRET_ACCESS_KEY: e.s3SecretAccessKey,
    DATABASE_URL: e.databaseUrl,
  };
}
