import { readFile, readdir } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Process groups of running tools, killed if this process exits before they do. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Registers a running tool's group to be killed if this process exits first. */
export function trackGroup(pgid: number): void {
  if (!exitHookInstalled) {
    // 'exit' handlers must be synchronous: SIGKILL is the only stop that needs no waiting.
    process.on('exit', () => {
      for (const group of liveGroups) signalGroup(group, 'SIGKILL');
    });
    exitHookInstalled = true;
  }
  liveGroups.add(pgid);
}

/** Forgets a group once its tool run is over. */
export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

/** Signals every process in the group; false once the group has no process left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM: members exist that we may not signal (e.g. setuid); ESRCH: the group is empty.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a process of the group can still run code. Zombies are left out: orphans wait for init to
 * reap them, which some container inits do only every second or so. Without procfs, any member counts.
 */
async function groupRunning(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false;
  const pids = await readdir('/proc').catch(() => undefined);
  if (pids === undefined) return true;
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // After the parenthesised command name come: state, ppid, pgrp.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

/** SIGTERM to the whole group, then SIGKILL to whatever is still there after the grace period. */
export async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = performance.now() + graceMs;
  while (performance.now() < deadline) {
    await delay(Math.min(50, graceMs));
    if (!(await groupRunning(pgid))) return;
  }
  signalGroup(pgid, 'SIGKILL');
}
