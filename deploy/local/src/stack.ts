import { mkdir } from 'node:fs/promises';
import type { Logger } from '@fuzzforge/observability';
import { endpointsOf, type StackEndpoints } from './endpoints';
import { probesFor } from './health';
import { natsUsersOf } from './natsUsers';
import { tryLock } from './lockFile';
import { assertPortsFree } from './portCheck';
import {
  ensureDatabase,
  initPostgresCluster,
  placePostgresData,
  postgresBinaries,
  postgresRunAs,
  reachablePostgresBinaries,
} from './postgresCluster';
import {
  natsProcess,
  postgresProcess,
  s3Process,
  temporalProcess,
  type StackProcessName,
} from './processSpecs';
import { provisionVenv } from './pythonVenv';
import type { StackConfig } from './stackConfig';
import { StackError } from './stackError';
import { stackPaths } from './stackPaths';
import { startRestartingServer, type RestartingServer } from './restartingServer';
import { startWatchdog } from './watchdog';

export interface RunningStack {
  endpoints: StackEndpoints;
  /** The current pid of a server, or undefined while it is down and being restarted. */
  pid(name: StackProcessName): number | undefined;
  /** SIGKILLs a server's process group, as a crash would; the stack restarts it with back-off. */
  crash(name: StackProcessName): void;
  /** Resolves once the server answers its health check again (at once when it does). */
  healthy(name: StackProcessName): Promise<void>;
  /** Stops every server (SIGTERM, then SIGKILL after a grace period) and releases the data dir. Idempotent. */
  stop(): Promise<void>;
}

/** Installs the server binaries (shared venv) and initialises this profile's data. Idempotent. */
export async function provisionStack(requested: StackConfig, log: Logger): Promise<void> {
  const started = Date.now();
  const runAs = await postgresRunAs();
  const config = await placePostgresData(requested, runAs, log);
  const paths = stackPaths(config);
  for (const dir of [config.dataDir, paths.logs, paths.natsStore, paths.s3Data]) {
    await mkdir(dir, { recursive: true });
  }
  const venv = await provisionVenv(config, log);
  const binaries = await reachablePostgresBinaries(await postgresBinaries(), runAs, log);
  const postgres = await initPostgresCluster(config, binaries, runAs, log);
  log.info('stack provisioned', { venv, postgres, ms: Date.now() - started });
}

/** Provisions if needed, starts NATS, Temporal, S3 and Postgres, and resolves once all four are healthy. */
export async function startStack(requested: StackConfig, log: Logger): Promise<RunningStack> {
  const started = Date.now();
  const runAs = await postgresRunAs();
  const config = await placePostgresData(requested, runAs, log);
  const paths = stackPaths(config);
  const lock = await tryLock(paths.stackLock);
  if (!lock.acquired) {
    throw new StackError(
      'already-running',
      `a local stack is already running on ${config.dataDir} (pid ${lock.pid})`,
      `stop the running stack (pid ${lock.pid}) or use another FF_STACK_DIR`,
    );
  }
  const watchdog = startWatchdog();
  const running: RestartingServer[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await Promise.all(running.map((child) => child.stop()));
      watchdog.close();
      await lock.release();
    })();
    return stopping;
  };
  try {
    if (lock.staleFrom) log.warn('taking over the data dir of a stack that died', { pid: lock.staleFrom });
    await provisionStack(config, log);
    await assertPortsFree(config.ports, lock.staleFrom ? 15_000 : 0);
    const specs = [
      natsProcess(config, await natsUsersOf(config.dataDir)),
      temporalProcess(config),
      s3Process(config),
      postgresProcess(config, await reachablePostgresBinaries(await postgresBinaries(), runAs, log), runAs),
    ];
    const probes = probesFor(config);
    const abandon = new AbortController(); // one failure is enough: stop waiting for the others
    let failure: Error | undefined;
    const outcomes = await Promise.allSettled(
      specs.map((spec) =>
        startRestartingServer(
          {
            spec,
            probe: probes[spec.name],
            logDir: paths.logs,
            log,
            watchdog,
            healthTimeoutMs: config.healthTimeoutMs ?? 90_000,
          },
          { signal: abandon.signal },
        ).catch((error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
          abandon.abort();
          throw error;
        }),
      ),
    );
    for (const result of outcomes) if (result.status === 'fulfilled') running.push(result.value);
    if (failure) throw failure;
    await ensureDatabase(config);
  } catch (error) {
    await stop();
    throw error;
  }
  const endpoints = endpointsOf(config, await natsUsersOf(config.dataDir));
  const { s3SecretAccessKey: _secret, databaseUrl: _url, natsSubscriberUrl: _reader, ...rest } = endpoints;
  const shown = { ...rest, natsUrl: endpointsOf(config).natsUrl };
  log.info('stack ready', { ms: Date.now() - started, dataDir: config.dataDir, ...shown });
  const server = (name: StackProcessName): RestartingServer => {
    const found = running.find((s) => s.name === name);
    if (!found) throw new Error(`the stack has no server named ${name}`);
    return found;
  };
  return {
    endpoints,
    pid: (name) => server(name).pid(),
    crash: (name) => server(name).crash(),
    healthy: (name) => server(name).healthy(),
    stop,
  };
}
