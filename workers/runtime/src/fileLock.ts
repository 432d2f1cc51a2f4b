import { randomUUID } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CacheError } from './cacheError';
import { ownedName, parseOwner } from './lockOwner';
import type { LockOwner } from './lockOwner';
import type { StalenessCheck } from './processProbe';

/**
 * Cross-process locks for processes sharing a directory on one host (Node has no flock). A lock is
 * a file created exclusively, holding its owner; an owner that is gone (`isStale`) loses it.
 */
export interface LockOptions {
  self: LockOwner;
  isStaleOwner: StalenessCheck;
}

export type LockAttempt = { acquired: true; release: () => Promise<void> } | { acquired: false };

type Holder = { owner: LockOwner | undefined } | 'gone';

async function holderOf(file: string): Promise<Holder> {
  try {
    return { owner: parseOwner(await readFile(file, 'utf8')) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
}

/** Hard-links `draft` (complete, so nobody ever reads a half-written lock) to `file`, failing if it exists. */
async function linkExclusive(draft: string, file: string): Promise<boolean> {
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes `file`, whose owner is gone. Whoever breaks it first takes `<file>.break`, and checks again
 * under it, so two processes that both saw the dead owner never remove a lock the other has just taken.
 * A breaker that died within those few milliseconds leaves a stale `.break`, removed by the next one.
 */
async function breakStale(file: string, draft: string, o: LockOptions): Promise<void> {
  const guard = `${file}.break`;
  if (!(await linkExclusive(draft, guard))) {
    const breaker = await holderOf(guard);
    if (breaker !== 'gone' && (breaker.owner === undefined || (await o.isStaleOwner(breaker.owner)))) {
      await unlink(guard).catch(() => undefined);
    }
    return;
  }
  try {
    const holder = await holderOf(file);
    if (holder !== 'gone' && (holder.owner === undefined || (await o.isStaleOwner(holder.owner)))) {
      await unlink(file).catch(() => undefined);
    }
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** Takes the lock `file` if it is free or its owner is gone; never waits for a live owner. */
export async function tryLock(file: string, o: LockOptions): Promise<LockAttempt> {
  const token = randomUUID();
  const record = JSON.stringify({ ...o.self, token }) + '\n';
  const draft = join(dirname(file), ownedName(basename(file), 'draft', o.self.pid, token));
  await writeFile(draft, record);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await linkExclusive(draft, file)) return { acquired: true, release: () => unlock(file, record) };
      const holder = await holderOf(file);
      if (holder === 'gone') continue; // released in between
      if (holder.owner !== undefined && !(await o.isStaleOwner(holder.owner))) return { acquired: false };
      await breakStale(file, draft, o);
    }
    return { acquired: false }; // it keeps changing hands: try again later
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** Removes the lock if it is still ours: one broken by mistake now belongs to someone else. */
async function unlock(file: string, record: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === record) await unlink(file).catch(() => undefined);
}

/** Waits for the lock, polling with back-off; throws `lock-timeout` when a live owner keeps it past `timeoutMs`. */
export async function waitForLock(
  file: string,
  o: LockOptions & { timeoutMs: number },
): Promise<() => Promise<void>> {
  const deadline = Date.now() + o.timeoutMs;
  let pause = 10;
  for (;;) {
    const attempt = await tryLock(file, o);
    if (attempt.acquired) return attempt.release;
    if (Date.now() >= deadline) {
      throw new CacheError('lock-timeout', `${file} still held after ${o.timeoutMs} ms`);
    }
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    pause = Math.min(pause * 2, 1000);
  }
}

/** Runs `fn` holding the lock `file`, waiting for it first. */
export async function withLock<T>(
  file: string,
  o: LockOptions & { timeoutMs: number },
  fn: () => Promise<T>,
): Promise<T> {
  const release = await waitForLock(file, o);
  try {
    return await fn();
  } finally {
    await release();
  }
}
