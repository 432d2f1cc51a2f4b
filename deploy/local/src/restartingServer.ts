import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@fuzzforge/observability';
import { waitUntilHealthy, type Probe } from './health';
import type { ProcessSpec, StackProcessName } from './processSpecs';
import { recentCrashes, restartDelayMs } from './restartPolicy';
import { startProcess, type Supervised } from './supervisor';
import type { Watchdog } from './watchdog';

/** A server of the stack that comes back, with back-off, whenever it dies without being asked to. */
export interface RestartingServer {
  readonly name: StackProcessName;
  /** The current process, or undefined while the server is down and waiting to be restarted. */
  pid(): number | undefined;
  /** Resolves once the server answers its health check (at once when it does); rejects on stop. */
  healthy(): Promise<void>;
  /** How often it has been restarted since it first became healthy. */
  restarts(): number;
  /** SIGKILLs its whole process group, as a crash would; it is then restarted like after any crash. */
  crash(): void;
  /** Stops it for good: no restart after this, even one already scheduled. Idempotent. */
  stop(): Promise<void>;
}

export interface RestartingServerOptions {
  spec: ProcessSpec;
  probe: Probe;
  logDir: string;
  log: Logger;
  watchdog: Watchdog;
  /** How long a (re)started process may take to pass its probe. */
  healthTimeoutMs: number;
  /** Back-off before a restart, given the crashes of the last minute (this one included). */
  restartDelay?: (recentCrashes: number) => number;
}

interface Gate {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function gate(): Gate {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // nobody may be waiting when the stack stops
  return { promise, resolve, reject };
}

/**
 * Starts the server and waits until it is healthy, like the first start of the stack always did: a
 * process that dies or stays unhealthy now fails the start. From then on an unexpected exit is a crash:
 * it is logged, restarted after `restartDelayMs` of the recent crashes and waited for until healthy
 * again; one that fails to come back counts as another crash.
 */
export async function startRestartingServer(
  o: RestartingServerOptions,
  startup: { signal?: AbortSignal } = {},
): Promise<RestartingServer> {
  const { spec, log } = o;
  const name = spec.name;
  const delayOf = o.restartDelay ?? ((n: number) => restartDelayMs(n));
  const abandon = new AbortController(); // fired by stop(): ends back-off sleeps and health waits
  let current: Supervised | undefined = await startProcess(spec, o);
  let stopping = false;
  let restarts = 0;
  let up = gate();
  let recovering: Promise<void> | undefined;
  const crashTimes: number[] = [];

  const launch = (): Promise<Supervised> => startProcess(spec, o);

  const recover = async (exit: { code: number | null; signal: NodeJS.Signals | null }): Promise<void> => {
    const downSince = Date.now();
    let cause: object = exit;
    for (;;) {
      crashTimes.push(Date.now());
      const delayMs = delayOf(recentCrashes(crashTimes, Date.now()));
      log.error(`${name} is down: restarting it in ${delayMs} ms`, { process: name, ...cause, delayMs });
      try {
        await sleep(delayMs, undefined, { signal: abandon.signal });
        current = await launch();
        restarts += 1;
        await waitUntilHealthy(current, o.probe, { timeoutMs: o.healthTimeoutMs, signal: abandon.signal });
      } catch (error) {
        if (stopping) return;
        cause = { error: error instanceof Error ? error.message : String(error) };
        await current?.stop(1_000); // alive but unhealthy: take it down before the next attempt
        current = undefined;
        continue;
      }
      log.warn(`${name} is back after a crash`, {
        process: name,
        pid: current.pid,
        downMs: Date.now() - downSince,
        restarts,
      });
      watch(current);
      up.resolve();
      return;
    }
  };

  const watch = (child: Supervised): void => {
    void child.exited.then((exit) => {
      if (stopping || child !== current) return;
      current = undefined;
      up = gate();
      recovering = recover(exit).finally(() => (recovering = undefined));
    });
  };

  try {
    await waitUntilHealthy(current, o.probe, {
      timeoutMs: o.healthTimeoutMs,
      ...(startup.signal ? { signal: startup.signal } : {}),
    });
  } catch (error) {
    stopping = true;
    await current.stop();
    throw error;
  }
  watch(current);
  up.resolve();

  let stopped: Promise<void> | undefined;
  return {
    name,
    pid: () => current?.pid,
    healthy: () => up.promise,
    restarts: () => restarts,
    crash() {
      current?.kill('SIGKILL');
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        abandon.abort();
        up.reject(new Error(`${name} was stopped`));
        await recovering;
        await current?.stop();
      })();
      return stopped;
    },
  };
}
