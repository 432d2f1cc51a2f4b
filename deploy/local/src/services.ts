import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { metricsPortPlan, type Logger } from '@fuzzforge/observability';
import { configurationExitCode } from '@fuzzforge/platform';
import type { PlatformSecrets } from './platformSecrets';
import { recentCrashes, restartDelayMs } from './restartPolicy';
import { startWatchdog } from './watchdog';

/** One FuzzForge process (API, dispatcher, projector, webhooks, a vertical worker). */
export interface ServiceSpec {
  name: string;
  /** Repository-relative TypeScript entry point, run with tsx. */
  entry: string;
  /** Environment of this service only, on top of the shared one. */
  env?: Record<string, string>;
}

/**
 * How the processes' `/metrics` ports are chosen: `plan` is `metricsPortPlan` (fixed, what
 * deploy/observability's Prometheus scrapes: `npm start`), `ephemeral` lets each process pick a free
 * port (test platforms, so two stacks on one machine never collide). Either way each process writes
 * the port it bound to `metricsPortFile(dataDir, name)`.
 */
export type MetricsPorts = 'plan' | 'ephemeral';

/** Where the process `name` writes its bound /metrics port (and pid). */
export const metricsPortFile = (dataDir: string, name: string): string =>
  path.join(dataDir, 'metrics', `${name}.port`);

/**
 * The platform's processes: the services, then one worker per vertical with its own cache. Only the
 * API is given the bootstrap admin key, and only the API and the webhooks service the keys sealing
 * webhook secrets: workers build and run untrusted code.
 */
export function platformServices(
  verticals: readonly { name: string; entry: string }[],
  dataDir: string,
  secrets: PlatformSecrets,
  metricsPorts: MetricsPorts = 'ephemeral',
): ServiceSpec[] {
  const sealing = { FF_WEBHOOK_SECRET_KEYS: secrets.webhookSecretKeys };
  const specs: ServiceSpec[] = [
    {
      name: 'api',
      entry: 'services/api/src/main.ts',
      env: { FF_BOOTSTRAP_ADMIN_KEY: secrets.adminKey, ...sealing },
    },
    { name: 'dispatcher', entry: 'services/dispatcher/src/main.ts' },
    { name: 'projector', entry: 'services/projector/src/main.ts' },
    { name: 'webhooks', entry: 'services/webhooks/src/main.ts', env: sealing },
    ...verticals.map((v) => ({
      name: `worker-${v.name}`,
      entry: v.entry,
      env: { FF_WORKER_CACHE_DIR: path.join(dataDir, 'cache', v.name) },
    })),
  ];
  return specs.map((spec) => {
    const planned = (metricsPortPlan as Record<string, number | undefined>)[spec.name];
    const port = metricsPorts === 'plan' && planned !== undefined ? planned : 0;
    return {
      ...spec,
      env: {
        ...spec.env,
        FF_SERVICE_NAME: spec.name,
        FF_METRICS_PORT: String(port),
        FF_METRICS_PORT_FILE: metricsPortFile(dataDir, spec.name),
      },
    };
  });
}

/**
 * How every service is started: TypeScript through tsx, and the observability bootstrap (tracing)
 * loaded before the entry point imports anything it instruments. The bootstrap is plain JavaScript
 * that does nothing off the main thread: Temporal's workflow threads inherit these flags.
 */
export const serviceArgv = (spec: Pick<ServiceSpec, 'entry'>): string[] => [
  '--import',
  'tsx',
  '--import',
  '@fuzzforge/observability/register',
  spec.entry,
];

export interface ServicesOptions {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Where each service's output goes: prefixed lines on our stdout, or one file per service. */
  output: { kind: 'console' } | { kind: 'files'; dir: string };
  /**
   * A service exited refusing its configuration (`configurationExitCode`): it is not restarted, since
   * it would refuse again. `lastLines` is the end of its output, where it says what is wrong.
   */
  onConfigurationRefused?: (name: string, lastLines: string[]) => void;
}

export interface RunningServices {
  /** The service's current pid, or undefined while it is down and waiting to be restarted. */
  pid(name: string): number | undefined;
  /** Kills one service's process group with SIGKILL, as a crash would; the supervisor restarts it. */
  crash(name: string): void;
  stop(): Promise<void>;
}

const colours = [36, 35, 33, 32, 34, 31];

/** Renders a JSON log line from a service as `level msg {fields}`; other lines pass through. */
export function formatLine(line: string): string {
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (typeof record['msg'] !== 'string') return line;
    const { time: _time, level, service: _service, msg, ...rest } = record;
    const fields = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${String(level).padEnd(5)} ${msg}${fields}`;
  } catch {
    return line;
  }
}

/** Starts every service as its own process and restarts any that dies, with back-off. */
export async function startServices(
  specs: readonly ServiceSpec[],
  o: ServicesOptions,
): Promise<RunningServices> {
  const watchdog = startWatchdog();
  const children = new Map<string, ChildProcess>();
  const crashes = new Map<string, number[]>();
  let stopping = false;
  const width = Math.max(...specs.map((s) => s.name.length));
  if (o.output.kind === 'files') await mkdir(o.output.dir, { recursive: true });

  const launch = (spec: ServiceSpec, index: number): void => {
    const child = spawn(process.execPath, serviceArgv(spec), {
      cwd: o.repoRoot,
      // The AWS SDK warns on every start that it will drop Node 20 in 2027: noise in our logs.
      env: { ...o.env, ...spec.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(spec.name, child);
    if (child.pid) watchdog.guard(child.pid, 'SIGTERM');
    let sink: WriteStream | undefined;
    if (o.output.kind === 'files')
      sink = createWriteStream(path.join(o.output.dir, `${spec.name}.log`), { flags: 'a' });
    const prefix = `\x1b[${colours[index % colours.length]}m${spec.name.padEnd(width)} |\x1b[0m `;
    const lastLines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lastLines.push(line);
        if (lastLines.length > 20) lastLines.shift();
        if (sink) sink.write(line + '\n');
        else process.stdout.write(prefix + formatLine(line) + '\n');
      });
    }
    child.on('exit', (code, signal) => {
      if (child.pid) watchdog.release(child.pid);
      sink?.end();
      if (stopping) return;
      if (children.get(spec.name) === child) children.delete(spec.name);
      if (code === configurationExitCode) {
        o.log.error(`${spec.name} refuses its configuration; not restarting it`, { code });
        // Its last words may still be in the pipes: they are all read once the child closes.
        child.once('close', () => o.onConfigurationRefused?.(spec.name, lastLines));
        return;
      }
      const now = Date.now();
      const times = [...(crashes.get(spec.name) ?? []), now];
      crashes.set(spec.name, times);
      const delay = restartDelayMs(recentCrashes(times, now));
      o.log.error(`${spec.name} exited; restarting`, { code, signal, delayMs: delay });
      setTimeout(() => {
        if (!stopping) launch(spec, index);
      }, delay).unref();
    });
  };
  specs.forEach(launch);

  return {
    pid: (name) => children.get(name)?.pid,
    crash(name) {
      const pid = children.get(name)?.pid;
      try {
        if (pid) process.kill(-pid, 'SIGKILL');
      } catch {
        // it exited in the meantime: the restart is already on its way
      }
    },
    async stop() {
      stopping = true;
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
              const kill = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 15_000);
              child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              process.kill(-child.pid, 'SIGTERM');
            }),
        ),
      );
      watchdog.close();
    },
  };
}
