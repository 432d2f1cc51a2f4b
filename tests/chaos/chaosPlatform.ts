import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { startPlatform, type RunningPlatform } from '@fuzzforge/local-stack/platform';

/**
 * The chaos suite's own ports: the test defaults + 300, clear of `npm start` (dev), `npm test` (test)
 * and the +100/+200 slots engineers use for ad-hoc stacks. Fixed on purpose: a chaos run must never
 * land on, and kill, somebody else's servers.
 */
export const chaosPorts = {
  FF_NATS_PORT: '14522',
  FF_NATS_MONITOR_PORT: '18522',
  FF_TEMPORAL_PORT: '17533',
  FF_TEMPORAL_HTTP_PORT: '17543',
  FF_TEMPORAL_METRICS_PORT: '17544',
  FF_POSTGRES_PORT: '15733',
  FF_S3_PORT: '20633',
  FF_S3_MASTER_PORT: '20634',
  FF_S3_VOLUME_PORT: '20635',
  FF_S3_FILER_PORT: '20636',
  FF_S3_ADMIN_PORT: '20637',
} as const;
export const chaosApiPort = 18300;

/** Where the chaos platform keeps its state (and logs): beside, never inside, the test profile's. */
export function chaosDataDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.resolve(repoRoot, env['FF_STACK_DIR'] ?? '.stack'), 'chaos');
}

/** A whole platform of its own — stack servers and FuzzForge services — for the chaos suite. */
export function startChaosPlatform(repoRoot: string, log: Logger): Promise<RunningPlatform> {
  const dataDir = chaosDataDir(repoRoot);
  return startPlatform({
    profile: 'test',
    repoRoot,
    dataDir,
    // The suite scans secrets: the other verticals' workers would only compete for the CPU.
    verticals: ['secrets'],
    apiPort: chaosApiPort,
    env: {
      ...process.env,
      ...chaosPorts,
      // Several scans at once, as in production; the worker is the bottleneck of the run backlog.
      FF_WORKER_CONCURRENCY: '4',
      // The suite's webhook receiver listens on loopback; retries come within seconds.
      FF_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      FF_WEBHOOK_RETRY_BASE_MS: '500',
      FF_WEBHOOK_RETRY_FACTOR: '2',
      FF_WEBHOOK_RETRY_MAX_MS: '5000',
      FF_WEBHOOK_MAX_ATTEMPTS: '20',
      FF_WEBHOOK_TIMEOUT_MS: '3000',
    },
    output: { kind: 'files', dir: path.join(dataDir, 'logs', 'services') },
    log,
  });
}
