import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { preparePlatform, StreamEnv } from '@fuzzforge/platform';
import { verticals } from '@fuzzforge/catalog/verticals';
import { configurationRefusal } from './configurationRefusal';
import { platformSecretsOf } from './platformSecrets';
import { endpointsToEnv, type StackEndpoints } from './endpoints';
import { platformProcesses, type PlatformProcesses } from './platformProcesses';
import { waitForMetricsUrl } from './metricsUrl';
import {
  metricsPortFile,
  platformServices,
  startServices,
  type RunningServices,
  type ServicesOptions,
} from './services';
import { startStack } from './stack';
import { stackConfigFromEnv, type StackProfile } from './stackConfig';

export { stackServerNames, type CrashReport, type PlatformProcesses } from './platformProcesses';

export interface PlatformOptions {
  profile: StackProfile;
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  /** Port of the API; tests pick their own so they never meet a running `npm start`. */
  apiPort: number;
  output: ServicesOptions['output'];
  log: Logger;
  /** This platform's state instead of `<stack dir>/<profile>`: the chaos suite keeps its own. */
  dataDir?: string;
  /** Run only these verticals' workers (default: every vertical); a suite that scans secrets needs one. */
  verticals?: readonly string[];
}

export interface RunningPlatform {
  apiUrl: string;
  /** The admin API key the API was bootstrapped with (FF_BOOTSTRAP_ADMIN_KEY, or the generated one). */
  adminKey: string;
  /** The keys sealing webhook signing secrets (FF_WEBHOOK_SECRET_KEYS, or the generated ones). */
  webhookSecretKeys: string;
  endpoints: StackEndpoints;
  /** Environment the services run with (endpoints, bucket, tool paths). */
  serviceEnv: Record<string, string>;
  services: RunningServices;
  /** The FuzzForge processes by name (api, dispatcher, projector, webhooks, worker-<vertical>). */
  serviceNames: string[];
  /** Where each process writes its /metrics port file (`<name>.port`: JSON `{port, pid}`). */
  metricsDir: string;
  /**
   * The `/metrics` URL of a running process; waits until the process now running (a restarted one
   * included) has written its port.
   */
  metricsUrl(name: string): Promise<string>;
  /** Every process, stack servers and services alike: current pids, and crashes on demand. */
  processes: PlatformProcesses;
  stop(): Promise<void>;
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = await res.text();
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become ready at ${url} within ${timeoutMs} ms: ${last}`);
}

/**
 * Everything `npm start` runs: the local stack, then streams, bucket and schema, then the FuzzForge
 * services as separate supervised processes. Resolves once the API answers /readyz.
 */
export async function startPlatform(o: PlatformOptions): Promise<RunningPlatform> {
  const parsed = stackConfigFromEnv(o.env, o.repoRoot, o.profile);
  const config = o.dataDir ? { ...parsed, dataDir: path.resolve(o.repoRoot, o.dataDir) } : parsed;
  const unknown = (o.verticals ?? []).filter((name) => !verticals.some((v) => v.name === name));
  if (unknown.length > 0) throw new Error(`no vertical named ${unknown.join(', ')}`);
  const chosen = o.verticals ? verticals.filter((v) => o.verticals!.includes(v.name)) : verticals;
  // Before anything starts: a key the operator gave and got wrong fails here, not minutes later.
  const secrets = await platformSecretsOf(o.env, config.dataDir);
  const stack = await startStack(config, o.log);
  let services: RunningServices | undefined;
  try {
    const endpoints = stack.endpoints;
    const bucket = o.env['S3_BUCKET'] ?? 'fuzzforge';
    await preparePlatform({
      natsUrl: endpoints.natsUrl,
      databaseUrl: endpoints.databaseUrl,
      s3: {
        endpoint: endpoints.s3Endpoint,
        region: endpoints.s3Region,
        accessKeyId: endpoints.s3AccessKeyId,
        secretAccessKey: endpoints.s3SecretAccessKey,
      },
      bucket,
      streams: StreamEnv.parse(o.env),
    });
    // Each vertical installs its toolchain (idempotent; in parallel, so downloads and builds overlap)
    // and says which tool paths its worker needs.
    const toolEnvs = await Promise.all(chosen.map((v) => v.provision(config.root, o.env, o.log)));
    const toolEnv = Object.fromEntries(toolEnvs.flatMap((e) => Object.entries(e)));
    const serviceEnv: Record<string, string> = {
      ...endpointsToEnv(endpoints),
      S3_BUCKET: bucket,
      FF_API_PORT: String(o.apiPort),
      FF_STACK_DIR: config.root,
      ...toolEnv,
    };
    // `npm start` uses the fixed plan Prometheus scrapes; test platforms take free ports.
    const metricsPorts = o.profile === 'dev' ? 'plan' : 'ephemeral';
    const specs = platformServices(chosen, config.dataDir, secrets, metricsPorts);
    // Keys reach the processes that need them through their own specs, never the environment every
    // service (workers included) shares.
    const { FF_BOOTSTRAP_ADMIN_KEY: _key, FF_WEBHOOK_SECRET_KEYS: _sealing, ...sharedEnv } = o.env;
    // A service refusing its configuration ends the start at once, saying why, instead of a timeout.
    let refuse: (error: Error) => void = () => undefined;
    const refused = new Promise<never>((_, reject) => (refuse = reject));
    refused.catch(() => undefined); // a refusal after the start has nobody waiting for it
    services = await startServices(specs, {
      repoRoot: o.repoRoot,
      env: { ...sharedEnv, ...serviceEnv },
      log: o.log,
      output: o.output,
      onConfigurationRefused: (name, lastLines) => refuse(configurationRefusal(name, lastLines)),
    });
    const apiUrl = `http://127.0.0.1:${o.apiPort}`;
    await Promise.race([waitForReady(`${apiUrl}/readyz`, 120_000), refused]);
    const running = services;
    return {
      apiUrl,
      adminKey: secrets.adminKey,
      webhookSecretKeys: secrets.webhookSecretKeys,
      endpoints,
      serviceEnv,
      services: running,
      serviceNames: specs.map((s) => s.name),
      metricsDir: path.dirname(metricsPortFile(config.dataDir, 'any')),
      metricsUrl(name) {
        if (!specs.some((s) => s.name === name)) return Promise.reject(new Error(`no service ${name}`));
        return waitForMetricsUrl(metricsPortFile(config.dataDir, name), () => running.pid(name));
      },
      processes: platformProcesses(
        stack,
        running,
        specs.map((s) => s.name),
        apiUrl,
      ),
      async stop() {
        await running.stop();
        await stack.stop();
      },
    };
  } catch (err) {
    await services?.stop();
    await stack.stop();
    throw err;
  }
}
