import path from 'node:path';
import { z } from 'zod';

export type StackProfile = 'dev' | 'test';

/** Every TCP port the stack listens on (all on 127.0.0.1). SeaweedFS also uses each `s3*` port + 10000 for gRPC. */
export interface StackPorts {
  nats: number;
  natsMonitor: number;
  temporal: number;
  temporalHttp: number;
  temporalMetrics: number;
  postgres: number;
  s3: number;
  s3Master: number;
  s3Volume: number;
  s3Filer: number;
  s3Admin: number;
}

export interface StackConfig {
  /** The repository's `.stack` dir: holds the venv and other caches shared by all profiles. */
  root: string;
  /** Per-profile state, e.g. `.stack/dev` or `.stack/test`. */
  dataDir: string;
  ports: StackPorts;
  s3: { accessKeyId: string; secretAccessKey: string; region: string };
  postgres: { user: string; password: string; database: string };
  /** JetStream fsyncs every write instead of every 2 minutes (survives an OS crash, costs throughput). */
  natsSyncAlways?: boolean;
  /** How long start waits for each service to answer its health check. */
  healthTimeoutMs?: number;
  /**
   * Postgres data outside `dataDir`: set when the stack runs as root under a directory the `postgres`
   * OS user cannot traverse (e.g. a clone in /root), see placePostgresData.
   */
  postgresDataDir?: string;
}

/** SeaweedFS derives each component's gRPC port from its HTTP port. */
export const weedGrpcOffset = 10_000;
export const weedPortKeys = ['s3', 's3Master', 's3Volume', 's3Filer', 's3Admin'] as const;

/** The environment variable that overrides each port: named in every port-conflict message. */
export const portEnvVars: Record<keyof StackPorts, string> = {
  nats: 'FF_NATS_PORT',
  natsMonitor: 'FF_NATS_MONITOR_PORT',
  temporal: 'FF_TEMPORAL_PORT',
  temporalHttp: 'FF_TEMPORAL_HTTP_PORT',
  temporalMetrics: 'FF_TEMPORAL_METRICS_PORT',
  postgres: 'FF_POSTGRES_PORT',
  s3: 'FF_S3_PORT',
  s3Master: 'FF_S3_MASTER_PORT',
  s3Volume: 'FF_S3_VOLUME_PORT',
  s3Filer: 'FF_S3_FILER_PORT',
  s3Admin: 'FF_S3_ADMIN_PORT',
};

// 'test' sits on its own port set (and data dir) so `npm test` never collides with a running `npm start`;
// all test ports, gRPC ones included, stay below 32768 where the kernel hands out ephemeral ports.
export const defaultPorts: Record<StackProfile, StackPorts> = {
  dev: {
    nats: 4222,
    natsMonitor: 8222,
    temporal: 7233,
    temporalHttp: 7243,
    temporalMetrics: 7244,
    postgres: 5433, // 5432 is often a system Postgres
    s3: 8333,
    s3Master: 9333,
    s3Volume: 9340,
    s3Filer: 9336, // weed's own default 8888 is Jupyter's
    s3Admin: 9337,
  },
  test: {
    nats: 14222,
    natsMonitor: 18222,
    temporal: 17233,
    temporalHttp: 17243,
    temporalMetrics: 17244,
    postgres: 15433,
    s3: 20333,
    s3Master: 20334,
    s3Volume: 20335,
    s3Filer: 20336,
    s3Admin: 20337,
  },
};

const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);
const port = z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(65535).optional());
const text = (fallback: string) => z.preprocess(unsetIfEmpty, z.string().min(1).default(fallback));

const StackEnv = z.object({
  // Moves venv, caches and data elsewhere: a second independent stack, or a disk with more room.
  FF_STACK_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  // NATS client port, when 4222 is taken by another NATS.
  FF_NATS_PORT: port,
  // NATS monitoring port, which the health check reads.
  FF_NATS_MONITOR_PORT: port,
  // Temporal frontend gRPC port, what workers and clients dial.
  FF_TEMPORAL_PORT: port,
  // Temporal HTTP API, pinned because the dev server otherwise picks a random port (used by the health check).
  FF_TEMPORAL_HTTP_PORT: port,
  // Temporal /metrics, pinned for the same reason.
  FF_TEMPORAL_METRICS_PORT: port,
  // Postgres port; the dev default 5433 avoids a system Postgres on 5432.
  FF_POSTGRES_PORT: port,
  // S3 API port of SeaweedFS (its gRPC port is this + 10000).
  FF_S3_PORT: port,
  // SeaweedFS internals (each also uses port + 10000 for gRPC): change when one collides.
  FF_S3_MASTER_PORT: port,
  FF_S3_VOLUME_PORT: port,
  FF_S3_FILER_PORT: port,
  FF_S3_ADMIN_PORT: port,
  // The only identity SeaweedFS accepts (requests must be SigV4-signed with it).
  FF_S3_ACCESS_KEY_ID: text('fuzzforge'),
  FF_S3_SECRET_ACCESS_KEY: text('fuzzforge-secret'),
  // Region clients sign with; SeaweedFS accepts any, SDKs insist on one.
  FF_S3_REGION: text('us-east-1'),
  // Postgres role and password: fixed when the cluster is first initialised (changing them later needs a fresh data dir).
  FF_POSTGRES_USER: text('fuzzforge'),
  FF_POSTGRES_PASSWORD: text('fuzzforge'),
  // Database created on start if missing.
  FF_POSTGRES_DATABASE: text('fuzzforge'),
  // 1 = JetStream fsyncs every write (sync_interval: always): no acknowledged message lost to an OS crash,
  // at a large throughput cost. Default: fsync every 2 minutes.
  FF_NATS_SYNC_ALWAYS: z.preprocess(unsetIfEmpty, z.stringbool().default(false)),
  // How long start waits for each service to become healthy; raise it on a slow machine.
  FF_STACK_HEALTH_TIMEOUT_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().default(90_000)),
});

export interface PortBinding {
  port: number;
  envVar: string;
  what: string;
}

/** Every port the stack binds, SeaweedFS gRPC ports included, with the variable that moves it. */
export function portBindings(ports: StackPorts): PortBinding[] {
  const bindings = (Object.keys(portEnvVars) as (keyof StackPorts)[]).map((key): PortBinding => ({
    port: ports[key],
    envVar: portEnvVars[key],
    what: key,
  }));
  for (const key of weedPortKeys) {
    bindings.push({
      port: ports[key] + weedGrpcOffset,
      envVar: portEnvVars[key],
      what: `${key} gRPC (+10000)`,
    });
  }
  return bindings;
}

/** Problems with a port set: duplicates, or a SeaweedFS port whose gRPC twin would exceed 65535. */
export function portProblems(ports: StackPorts): string[] {
  const problems: string[] = [];
  const seen = new Map<number, string>();
  for (const { port: p, envVar, what } of portBindings(ports)) {
    if (p > 65535)
      problems.push(`${envVar}=${p - weedGrpcOffset} leaves no room for its gRPC port (${what})`);
    const other = seen.get(p);
    if (other !== undefined) problems.push(`port ${p} is used twice: ${other} and ${what} (${envVar})`);
    seen.set(p, `${what} (${envVar})`);
  }
  return problems;
}

/** Parses the stack configuration for `profile` from the environment (once, at startup). */
export function stackConfigFromEnv(
  env: NodeJS.ProcessEnv,
  repoRoot: string,
  profile: StackProfile,
): StackConfig {
  const parsed = StackEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid local stack environment:\n${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const e = parsed.data;
  const root = path.resolve(repoRoot, e.FF_STACK_DIR ?? '.stack');
  const base = defaultPorts[profile];
  const ports: StackPorts = {
    nats: e.FF_NATS_PORT ?? base.nats,
    natsMonitor: e.FF_NATS_MONITOR_PORT ?? base.natsMonitor,
    temporal: e.FF_TEMPORAL_PORT ?? base.temporal,
    temporalHttp: e.FF_TEMPORAL_HTTP_PORT ?? base.temporalHttp,
    temporalMetrics: e.FF_TEMPORAL_METRICS_PORT ?? base.temporalMetrics,
    postgres: e.FF_POSTGRES_PORT ?? base.postgres,
    s3: e.FF_S3_PORT ?? base.s3,
    s3Master: e.FF_S3_MASTER_PORT ?? base.s3Master,
    s3Volume: e.FF_S3_VOLUME_PORT ?? base.s3Volume,
    s3Filer: e.FF_S3_FILER_PORT ?? base.s3Filer,
    s3Admin: e.FF_S3_ADMIN_PORT ?? base.s3Admin,
  };
  const problems = portProblems(ports);
  if (problems.length > 0) throw new Error(`invalid local stack ports:\n- ${problems.join('\n- ')}`);
  return {
    root,
    dataDir: path.join(root, profile),
    ports,
    s3: {
      accessKeyId: e.FF_S3_ACCESS_KEY_ID,
      secretAccessKey: e.FF_S3_SECRET_ACCESS_KEY,
      region: e.FF_S3_REGION,
    },
    postgres: {
      user: e.FF_POSTGRES_USER,
      password: e.FF_POSTGRES_PASSWORD,
      database: e.FF_POSTGRES_DATABASE,
    },
    natsSyncAlways: e.FF_NATS_SYNC_ALWAYS,
    healthTimeoutMs: e.FF_STACK_HEALTH_TIMEOUT_MS,
  };
}
