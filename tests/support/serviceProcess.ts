import { readdirSync, readFileSync } from 'node:fs';

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // gone meanwhile, or not ours to read
  }
};

/**
 * The pid of a platform service of the test platform: the process running `entry` whose environment
 * has this platform's stack directory and API port (other platforms may run on this machine too).
 */
export function servicePid(entry: string, serviceEnv: Record<string, string>): number | undefined {
  const marks = [`FF_STACK_DIR=${serviceEnv['FF_STACK_DIR']}`, `FF_API_PORT=${serviceEnv['FF_API_PORT']}`];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if (!read(`/proc/${name}/cmdline`).split('\0').includes(entry)) continue;
    const environ = read(`/proc/${name}/environ`).split('\0');
    if (marks.every((m) => environ.includes(m))) return Number(name);
  }
  return undefined;
}

/** SIGKILLs the service's process group, as a crash would; its supervisor starts it again. */
export function crashService(entry: string, serviceEnv: Record<string, string>): number {
  const pid = servicePid(entry, serviceEnv);
  if (!pid) throw new Error(`no process runs ${entry} for this platform`);
  process.kill(-pid, 'SIGKILL');
  return pid;
}
