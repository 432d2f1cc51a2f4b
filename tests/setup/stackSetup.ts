import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { createLogger } from '@fuzzforge/observability';
import { startOtlpReceiver } from '@fuzzforge/observability/testing';
import { provisionDockerCompose, stackConfigFromEnv } from '@fuzzforge/local-stack';
import { startPlatform, type RunningPlatform } from '@fuzzforge/local-stack/platform';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    /** The platform's bootstrap admin API key; tests/setup/apiKey.ts sends it on every API fetch. */
    apiKey: string;
    /** FF_WEBHOOK_SECRET_KEYS of the API and the webhooks service (no other process has it). */
    webhookSecretKeys: string;
    serviceEnv: Record<string, string>;
    /** The platform's processes (api, dispatcher, projector, webhooks, worker-<vertical>). */
    serviceNames: string[];
    /** Where each process writes its /metrics port file; tests/support/metrics.ts reads them. */
    metricsDir: string;
    /** Every span the platform exported during this test run, one JSON object per line. */
    tracesFile: string;
    /** Each platform process's output (`<service>.log`). */
    serviceLogsDir: string;
  }
}

/**
 * The webhooks service as the tests need it: receivers listen on loopback (refused by default, so it is
 * allowlisted; cloud metadata stays refused), retries in fractions of a second, and a subscription
 * disabled after 6 failures in a row.
 */
const testWebhookEnv = {
  FF_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8,::1/128',
  FF_WEBHOOK_TIMEOUT_MS: '3000',
  FF_WEBHOOK_MAX_ATTEMPTS: '5',
  FF_WEBHOOK_RETRY_BASE_MS: '200',
  FF_WEBHOOK_RETRY_FACTOR: '2',
  FF_WEBHOOK_DISABLE_AFTER_FAILURES: '6',
  FF_WEBHOOK_DISABLE_AFTER_MS: '0',
  FF_WEBHOOK_POLL_MS: '200',
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The int and e2e projects each run this setup; they share one platform (the stack's lock allows one).
interface Shared {
  platform: Promise<RunningPlatform>;
  users: number;
  tracesFile: string;
  serviceLogsDir: string;
  closeReceiver: () => Promise<void>;
}
const holder = globalThis as { __fuzzforgeTestPlatform?: Shared };

/** Starts the real stack and the FuzzForge services once for all integration and e2e tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!holder.__fuzzforgeTestPlatform) {
    const log = createLogger('test-setup', { level: 'warn' });
    const config = stackConfigFromEnv(process.env, repoRoot, 'test');
    const serviceLogsDir = path.join(config.dataDir, 'logs', 'services');
    // Tracing is on in the tests as in production: every span goes to this receiver, into a file the
    // trace tests read (fresh for each test run).
    const tracesFile = path.join(config.dataDir, 'traces', 'spans.jsonl');
    await mkdir(path.dirname(tracesFile), { recursive: true });
    const traces = createWriteStream(tracesFile, { flags: 'w' });
    const receiver = await startOtlpReceiver({
      onSpans: (spans) => void traces.write(spans.map((s) => JSON.stringify(s) + '\n').join('')),
    });
    holder.__fuzzforgeTestPlatform = {
      users: 0,
      tracesFile,
      serviceLogsDir,
      closeReceiver: async () => {
        await receiver.close();
        traces.end();
      },
      platform: startPlatform({
        profile: 'test',
        repoRoot,
        env: {
          ...testWebhookEnv,
          ...process.env,
          OTEL_SDK_DISABLED: 'false',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          // Spans reach the receiver within a second of ending, not the default five.
          OTEL_BSP_SCHEDULE_DELAY: '500',
        },
        apiPort: Number(process.env['FF_TEST_API_PORT'] ?? 18000),
        // Beside the stack's own logs, so test platforms on other FF_STACK_DIRs keep theirs apart.
        output: { kind: 'files', dir: serviceLogsDir },
        log,
      }).then((platform) => {
        // Built from source on a fresh machine (minutes): started now, while the first tests run, so
        // the compose test (deploy/observability) finds it done or waits on the install lock.
        provisionDockerCompose(config.root, log).catch((err: unknown) =>
          log.warn('docker compose provisioning failed; the compose test will say why', { err }),
        );
        return platform;
      }),
    };
  }
  const shared = holder.__fuzzforgeTestPlatform;
  shared.users += 1;
  const platform = await shared.platform;
  project.provide('apiUrl', platform.apiUrl);
  project.provide('apiKey', platform.adminKey);
  project.provide('webhookSecretKeys', platform.webhookSecretKeys);
  project.provide('serviceEnv', platform.serviceEnv);
  project.provide('serviceNames', platform.serviceNames);
  project.provide('metricsDir', platform.metricsDir);
  project.provide('tracesFile', shared.tracesFile);
  project.provide('serviceLogsDir', shared.serviceLogsDir);
  return async () => {
    shared.users -= 1;
    if (shared.users === 0) {
      delete holder.__fuzzforgeTestPlatform;
      await platform.stop();
      await shared.closeReceiver();
    }
  };
}
