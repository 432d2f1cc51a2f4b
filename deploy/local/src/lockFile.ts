import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A pid file that says "this directory is in use". A lock whose pid is dead is stale and taken over. */
export type LockResult =
  | {
      acquired: true;
      release: () => Promise<void>;
      /** The pid of a dead holder whose lock we replaced. */
      staleFrom?: number;
    }
  | { acquired: false; pid: number };

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just is not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid written in `file`, alive or not. */
async function recordedPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // missing or unreadable: nobody we could wait for
  }
}

/** The pid holding `file`, if that process is still alive. */
export async function lockHolder(file: string): Promise<number | undefined> {
  const pid = await recordedPid(file);
  return pid !== undefined && isProcessAlive(pid) ? pid : undefined;
}

export async function tryLock(file: string): Promise<LockResult> {
  await mkdir(path.dirname(file), { recursive: true });
  // Written aside and hard-linked into place, so nobody ever reads a half-written lock.
  const draft = `${file}.${process.pid}.${Date.now()}`;
  await writeFile(draft, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }) + '\n');
  let staleFrom: number | undefined;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(draft, file);
        const release = (): Promise<void> => unlink(file).catch(() => undefined);
        return { acquired: true, release, ...(staleFrom ? { staleFrom } : {}) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const pid = await lockHolder(file);
      if (pid !== undefined) return { acquired: false, pid };
      staleFrom = await recordedPid(file);
      await unlink(file).catch(() => undefined); // stale: its process is gone
    }
    throw new Error(`could not take the lock ${file}: it keeps reappearing`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** Waits (polling) until the lock is free, e.g. while another process provisions the shared venv. */
export async function waitForLock(
  file: string,
  onWait: (pid: number) => void,
  timeoutMs = 20 * 60_000,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    const result = await tryLock(file);
    if (result.acquired) return result.release;
    if (!told) onWait(result.pid);
    told = true;
    if (Date.now() > deadline) throw new Error(`lock ${file} still held by pid ${result.pid}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
