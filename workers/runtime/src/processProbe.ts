import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isStale } from './lockOwner';
import type { LockOwner, ProcessStatus } from './lockOwner';

// Linux only; elsewhere owners are told apart by pid alone.
let bootId: Promise<string | undefined> | undefined;
const currentBootId = (): Promise<string | undefined> =>
  (bootId ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  ));

/** `/proc/<pid>/stat`: state and start time (clock ticks since boot), after the parenthesised name. */
async function procStat(pid: number): Promise<{ zombie: boolean; start?: string } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const boot = await currentBootId();
  const ticks = fields[19];
  return {
    zombie: fields[0] === 'Z' || fields[0] === 'X',
    ...(boot !== undefined && ticks !== undefined ? { start: `${boot}:${ticks}` } : {}),
  };
}

/** Whether `pid` runs now, and since when; a zombie (killed, not yet reaped) counts as gone. */
export async function probeProcess(pid: number): Promise<ProcessStatus> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, it just is not ours to signal.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  const stat = await procStat(pid);
  if (stat?.zombie === true) return undefined;
  return stat?.start === undefined ? {} : { start: stat.start };
}

/** This process, as it records itself in the cache: a fresh `instance` per cache. */
export async function selfOwner(): Promise<LockOwner> {
  const status = await probeProcess(process.pid);
  return { pid: process.pid, ...(status?.start ? { start: status.start } : {}), instance: randomUUID() };
}

/** The status of `pid` as seen from `self`: this process is known without asking the host. */
export const hostStatus =
  (self: LockOwner) =>
  (pid: number): Promise<ProcessStatus> =>
    pid === self.pid
      ? Promise.resolve(self.start === undefined ? {} : { start: self.start })
      : probeProcess(pid);

/** Judges owners against the host's processes now (see `isStale`). */
export type StalenessCheck = (owner: LockOwner) => Promise<boolean>;

export function stalenessAgainst(self: LockOwner): StalenessCheck {
  const statusOf = hostStatus(self);
  return async (owner) => isStale(owner, await statusOf(owner.pid), self);
}
