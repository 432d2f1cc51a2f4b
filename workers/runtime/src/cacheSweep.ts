import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { newEntry } from './cacheEntries';
import { SHA256 } from './cacheLayout';
import { diskBytes, exists, removeAll } from './diskTree';
import { tryLock } from './fileLock';
import { isAbandoned, writerPid } from './lockOwner';
import { pruneMarkers } from './usageMarkers';
import type { CacheEntry } from './cacheEntries';
import type { CacheLayout } from './cacheLayout';
import type { LockOptions } from './fileLock';
import type { ProcessStatus } from './lockOwner';

export interface SweepOptions extends LockOptions {
  statusOf: (pid: number) => Promise<ProcessStatus>;
  now: number;
}

/**
 * At first use: removes what processes that are gone left half done, and fills `entries` with the
 * targets on disk. Other live worker processes may share the directory, so a target is cleaned only
 * under its lock (one busy elsewhere is left alone), and only what no live process claims goes:
 * temporaries of dead writers, run trees without a live marker, a target never fully downloaded.
 */
export async function sweepCache(
  layout: CacheLayout,
  entries: Map<string, CacheEntry>,
  o: SweepOptions,
): Promise<void> {
  await mkdir(layout.locksDir, { recursive: true });
  const abandoned = async (name: string): Promise<boolean> => {
    const pid = writerPid(name);
    return isAbandoned(pid, pid !== undefined && (await o.statusOf(pid)) !== undefined, o.self.pid);
  };
  for (const name of await readdir(layout.locksDir)) {
    if (name.includes('.draft-') && (await abandoned(name))) await removeAll(join(layout.locksDir, name));
  }
  for (const name of await readdir(layout.root)) {
    if (name.startsWith('.evicted-') && (await abandoned(name))) await removeAll(join(layout.root, name));
    if (!SHA256.test(name)) continue;
    const lock = await tryLock(layout.targetLock(name), o);
    try {
      if (lock.acquired && !(await sweepTarget(layout, name, o, abandoned))) continue;
    } finally {
      if (lock.acquired) await lock.release();
    }
    const archive = await stat(layout.archivePath(name)).catch(() => undefined);
    entries.set(name, newEntry(archive?.mtimeMs ?? o.now, await diskBytes(layout.entryDir(name))));
  }
}

/** Under the target's lock: cleans one target, returning whether anything of it is worth keeping. */
async function sweepTarget(
  layout: CacheLayout,
  sha256: string,
  o: SweepOptions,
  abandoned: (name: string) => Promise<boolean>,
): Promise<boolean> {
  const live = await pruneMarkers(layout, sha256, o.isStaleOwner);
  // Temporaries are written only under this lock, which we now hold, so none is in progress; still,
  // only those of dead writers go.
  for (const name of await readdir(layout.entryDir(sha256)).catch(() => [])) {
    if (name.includes('.tmp-') && (await abandoned(name)))
      await removeAll(join(layout.entryDir(sha256), name));
  }
  if (!(await exists(layout.archivePath(sha256))) && live.length === 0) {
    await removeAll(layout.entryDir(sha256)); // its download failed, or its downloader died
    return false;
  }
  const liveRuns = new Set(live.map((marker) => marker.runId));
  for (const runId of await readdir(layout.runsDir(sha256)).catch(() => [])) {
    if (!liveRuns.has(runId)) await removeAll(layout.runDir(sha256, runId));
  }
  return true;
}
