import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

/** What a tool may use. Limits are per process (setrlimit); the network is per namespace. */
export interface SandboxLimits {
  /** Address-space limit (RLIMIT_AS) of the tool and each child; generous, it bounds runaways. */
  memoryBytes?: number;
  /** CPU-time limit (RLIMIT_CPU) of each process. */
  cpuSeconds?: number;
  /** `none`: a private network namespace with no interfaces up, where the host allows one. */
  network: 'none' | 'host';
}

/** How this host can take a tool off the network: as root, through a user namespace, or not at all. */
export type NetworkIsolation = 'netns' | 'userns' | 'unavailable';

/** The wrapped command line; `isolated` says whether the network really is cut. */
export interface SandboxedCommand {
  command: string;
  args: string[];
  networkIsolated: boolean;
}

/**
 * Wraps a tool's command line: `unshare` for the network namespace, then a shell that sets the
 * rlimits and execs the tool (so the tool keeps its pid and its process group). Pure.
 */
export function sandboxedCommand(
  command: string,
  args: readonly string[],
  limits: SandboxLimits,
  isolation: NetworkIsolation,
): SandboxedCommand {
  const ulimits: string[] = [];
  if (limits.memoryBytes) ulimits.push(`ulimit -v ${Math.ceil(limits.memoryBytes / 1024)}`);
  if (limits.cpuSeconds) ulimits.push(`ulimit -t ${Math.ceil(limits.cpuSeconds)}`);
  let argv = ulimits.length
    ? ['/bin/sh', '-c', `${ulimits.join(' && ')} && exec "$0" "$@"`, command, ...args]
    : [command, ...args];
  let networkIsolated = false;
  if (limits.network === 'none' && isolation !== 'unavailable') {
    const unshare =
      isolation === 'netns' ? ['unshare', '--net'] : ['unshare', '--user', '--map-root-user', '--net'];
    argv = [...unshare, '--', ...argv];
    networkIsolated = true;
  }
  return { command: argv[0]!, args: argv.slice(1), networkIsolated };
}

let detected: NetworkIsolation | undefined;

/** Probes once whether `unshare --net` works here (root), or through a user namespace, or not at all. */
export function networkIsolation(): NetworkIsolation {
  if (detected) return detected;
  const works = (args: string[]): boolean =>
    spawnSync('unshare', [...args, '--', 'true'], { stdio: 'ignore' }).status === 0;
  detected = works(['--net'])
    ? 'netns'
    : works(['--user', '--map-root-user', '--net'])
      ? 'userns'
      : 'unavailable';
  return detected;
}

/**
 * The executable a command name resolves to on `searchPath`, or undefined. Checked before wrapping,
 * because inside the wrapper a missing tool is only an exit code 127.
 */
export async function resolveExecutable(command: string, searchPath: string): Promise<string | undefined> {
  const candidates = command.includes('/')
    ? [command]
    : searchPath
        .split(':')
        .filter(Boolean)
        .map((dir) => path.join(dir, command));
  for (const candidate of candidates) {
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}
