import { randomUUID } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseEvictions } from './cacheEviction';
import { scanCache } from './cacheScan';
import { removeAll } from './diskTree';
import { tryLock, withLock } from './fileLock';
import { trashName } from './lockOwner';
import { pruneMarkers } from './usageMarkers';
import type { CacheEntry } from './cacheEntries';
import type { CacheLayout } from './cacheLayout';
import type { LockOptions } from './fileLock';
import type { ProcessStatus } from './lockOwner';

export interface EvictionOptions extends LockOptions {
  layout: CacheLayout;
  entries: Map<string, CacheEntry>;
  maxBytes: number;
  statusOf: (pid: number) => Promise<ProcessStatus>;
  now: () => number;
  lockTimeoutMs: number;
  onEvicted: (sha256: string) => void;
}

/**
 * Returns `evict`, which brings the cache within `maxBytes` (plus `incomingBytes` about to be
 * written) by deleting idle targets. One pass runs at a time on the host (the eviction lock); each
 * target it deletes is re-checked under the target's lock, where acquires write their markers, so a
 * target that any live process has started to use since the choice is spared.
 */
export function evictionQueue(o: EvictionOptions): (incomingBytes: number) => Promise<void> {
  const { layout, entries } = o;
  let passes: Promise<void> = Promise.resolve();

  /** Moves an idle target out of the way; returns where it went, to be deleted outside every lock. */
  async function takeAway(sha256: string): Promise<string | undefined> {
    const lock = await tryLock(layout.targetLock(sha256), o);
    if (!lock.acquired) return undefined; // busy: being downloaded, acquired or released right now
    try {
      if ((entries.get(sha256)?.refs ?? 0) > 0) return undefined;
      if ((await pruneMarkers(layout, sha256, o.isStaleOwner)).length > 0) return undefined;
      const trash = join(layout.root, trashName(o.self.pid, randomUUID()));
      // Renamed under the lock, so an acquire that waits for it finds no archive and downloads anew.
      const moved = await rename(layout.entryDir(sha256), trash).then(
        () => true,
        () => false,
      );
      if (!moved) return undefined;
      const entry = entries.get(sha256);
      // An acquire of this process that arrived meanwhile keeps its entry; it will download anew.
      if (entry === undefined || entry.refs === 0) entries.delete(sha256);
      else Object.assign(entry, { bytes: 0, verified: undefined });
      o.onEvicted(sha256);
      return trash;
    } finally {
      await lock.release();
    }
  }

  async function pass(incomingBytes: number): Promise<void> {
    const trash: string[] = [];
    await withLock(layout.evictionLock, { ...o, timeoutMs: o.lockTimeoutMs }, async () => {
      const infos = await scanCache(layout, entries, o.self, o.statusOf, o.now());
      for (const sha256 of chooseEvictions(infos, o.maxBytes, incomingBytes)) {
        const moved = await takeAway(sha256);
        if (moved !== undefined) trash.push(moved);
      }
    });
    await Promise.all(trash.map(removeAll));
  }

  return function evict(incomingBytes: number): Promise<void> {
    const next = passes.then(() => pass(incomingBytes));
    passes = next.catch(() => undefined);
    return next;
  };
}
