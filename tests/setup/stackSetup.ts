import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { createLogger } from '@fuzzforge/observability';
import { stackConfigFromEnv } from '@fuzzforge/local-stack';
import { startPlatform, type RunningPlatform } from '@fuzzforge/local-stack/platform';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    /** The platform's bootstrap admin API key; tests/setup/apiKey.ts sends it on every API fetch. */
    apiKey: string;
    serviceEnv: Record<string, string>;
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
}
const holder = globalThis as { __fuzzforgeTestPlatform?: Shared };

/** Starts the real stack and the FuzzForge services once for all integration and e2e tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!holder.__fuzzforgeTestPlatform) {
    const log = createLogger('test-setup', { level: 'warn' });
    holder.__fuzzforgeTestPlatform = {
      users: 0,
      platform: startPlatform({
        profile: 'test',
        repoRoot,
        env: { ...testWebhookEnv, ...process.env },
        apiPort: Number(process.env['FF_TEST_API_PORT'] ?? 18000),
        // Beside the stack's own logs, so test platforms on other FF_STACK_DIRs keep theirs apart.
        output: {
          kind: 'files',
          dir: path.join(stackConfigFromEnv(process.env, repoRoot, 'test').dataDir, 'logs', 'services'),
        },
        log,
      }),
    };
  }
  const shared = holder.__fuzzforgeTestPlatform;
  shared.users += 1;
  const platform = await shared.platform;
  project.provide('apiUrl', platform.apiUrl);
  project.provide('apiKey', platform.adminKey);
  project.provide('serviceEnv', platform.serviceEnv);
  return async () => {
    shared.users -= 1;
    if (shared.users === 0) {
      delete holder.__fuzzforgeTestPlatform;
      await platform.stop();
    }
  };
}
