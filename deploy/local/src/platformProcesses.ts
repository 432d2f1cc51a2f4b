import { setTimeout as sleep } from 'node:timers/promises';
import type { StackProcessName } from './processSpecs';
import type { RunningServices } from './services';
import type { RunningStack } from './stack';

/** The stack's servers, each restarted by the stack supervisor when it dies. */
export const stackServerNames: readonly StackProcessName[] = ['nats', 'temporal', 'postgres', 's3'];

/** What one simulated crash did: which process died, which replaced it, and how long that took. */
export interface CrashReport {
  name: string;
  killedPid: number;
  pid: number;
  /** From the SIGKILL until the replacement was up (a server: healthy; the API: answering /healthz). */
  downMs: number;
}

/** Every process of a running platform, servers and services alike, by name. */
export interface PlatformProcesses {
  readonly names: readonly string[];
  /** The current pid, or undefined while the process is down and being restarted. */
  pid(name: string): number | undefined;
  /** SIGKILLs the process group, as a crash would, and resolves once its supervisor brought it back. */
  crash(name: string, options?: { timeoutMs?: number }): Promise<CrashReport>;
}

const isServer = (name: string): name is StackProcessName =>
  (stackServerNames as readonly string[]).includes(name);

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadline: number): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Names, pids and crash control over the stack's servers and the FuzzForge services. */
export function platformProcesses(
  stack: RunningStack,
  services: RunningServices,
  serviceNames: readonly string[],
  apiUrl: string,
): PlatformProcesses {
  const names = [...serviceNames, ...stackServerNames];
  const pid = (name: string): number | undefined => {
    if (isServer(name)) return stack.pid(name);
    if (serviceNames.includes(name)) return services.pid(name);
    throw new Error(`no process named ${name}; known: ${names.join(', ')}`);
  };
  return {
    names,
    pid,
    async crash(name, options = {}) {
      const killedPid = pid(name);
      if (killedPid === undefined) throw new Error(`${name} is down already: wait for its restart first`);
      const started = Date.now();
      const deadline = started + (options.timeoutMs ?? 120_000);
      if (isServer(name)) stack.crash(name);
      else services.crash(name);
      const replacement = await until(
        `${name} to be restarted`,
        () => {
          const now = pid(name);
          return Promise.resolve(now !== undefined && now !== killedPid ? now : undefined);
        },
        deadline,
      );
      if (isServer(name)) {
        const timer = new AbortController();
        try {
          await Promise.race([
            stack.healthy(name),
            sleep(Math.max(0, deadline - Date.now()), undefined, { signal: timer.signal }).then(() => {
              throw new Error(`timed out waiting for ${name} to be healthy again`);
            }),
          ]);
        } finally {
          timer.abort();
        }
      } else if (name === 'api') {
        await until(
          'the API to answer',
          async () => ((await answers(`${apiUrl}/healthz`)) ? true : undefined),
          deadline,
        );
      }
      return { name, killedPid, pid: pid(name) ?? replacement, downMs: Date.now() - started };
    },
  };
}
