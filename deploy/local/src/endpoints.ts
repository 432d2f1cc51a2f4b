import type { StackConfig } from './stackConfig';

/** How clients reach a running stack. */
export interface StackEndpoints {
  natsUrl: string;
  temporalAddress: string;
  s3Endpoint: string;
  s3Region: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  databaseUrl: string;
}

const host = '127.0.0.1';

export function endpointsOf(config: StackConfig): StackEndpoints {
  const { ports, s3, postgres } = config;
  const credentials = `${encodeURIComponent(postgres.user)}:${encodeURIComponent(postgres.password)}`;
  return {
    natsUrl: `nats://${host}:${ports.nats}`,
    temporalAddress: `${host}:${ports.temporal}`,
    s3Endpoint: `http://${host}:${ports.s3}`,
    s3Region: s3.region,
    s3AccessKeyId: s3.accessKeyId,
    s3SecretAccessKey: s3.secretAccessKey,
    databaseUrl: `postgres://${credentials}@${host}:${ports.postgres}/${encodeURIComponent(postgres.database)}`,
  };
}

/** env vars the FuzzForge services read: NATS_URL, TEMPORAL_ADDRESS, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, DATABASE_URL */
export function endpointsToEnv(e: StackEndpoints): Record<string, string> {
  return {
    NATS_URL: e.natsUrl,
    TEMPORAL_ADDRESS: e.temporalAddress,
    S3_ENDPOINT: e.s3Endpoint,
    S3_REGION: e.s3Region,
    S3_ACCESS_KEY_ID: e.s3AccessKeyId,
    S3_SECRET_ACCESS_KEY: e.s3SecretAccessKey,
    DATABASE_URL: e.databaseUrl,
  };
}
