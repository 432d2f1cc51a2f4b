import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@fuzzforge/observability';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `install` while holding `<dir>.lock`, so two processes provisioning one stack (the platform and
 * `npm run provision`) never install into the same directory at once. A lock whose pid is dead is stale.
 */
export async function withInstallLock<T>(dir: string, log: Logger, install: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  await mkdir(path.dirname(lock), { recursive: true });
  // Written aside and hard-linked into place, so the lock never exists without its pid.
  const draft = `${lock}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, String(process.pid));
  let told = false;
  try {
    for (;;) {
      try {
        await link(draft, lock);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number(await readFile(lock, 'utf8').catch(() => '0'));
      if (!holder || !alive(holder)) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (!told) log.info('waiting for another process to finish installing', { dir, pid: holder });
      told = true;
      await delay(1000);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  try {
    return await install();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
