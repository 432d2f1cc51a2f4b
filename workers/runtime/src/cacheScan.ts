import { readdir, stat } from 'node:fs/promises';
import { toEvictionInfo } from './cacheEviction';
import { newEntry } from './cacheEntries';
import { SHA256 } from './cacheLayout';
import { diskBytes } from './diskTree';
import { readMarkers } from './usageMarkers';
import type { CacheEntry } from './cacheEntries';
import type { CacheEntryInfo } from './cacheEviction';
import type { CacheLayout } from './cacheLayout';
import type { LockOwner, ProcessStatus } from './lockOwner';

/**
 * Brings `entries` up to date with the disk, where other processes add, use and evict targets too,
 * and describes every target for `chooseEvictions`. A target is measured again only when it is new
 * to this process or another process used it since (its archive's mtime moved): walking every tree
 * on every pass would cost more than the pass.
 */
export async function scanCache(
  layout: CacheLayout,
  entries: Map<string, CacheEntry>,
  self: LockOwner,
  statusOf: (pid: number) => Promise<ProcessStatus>,
  now: number,
): Promise<CacheEntryInfo[]> {
  const onDisk = (await readdir(layout.root).catch(() => [])).filter((name) => SHA256.test(name));
  const present = new Set(onDisk);
  for (const [sha256, entry] of entries) {
    if (!present.has(sha256) && entry.refs === 0) entries.delete(sha256); // evicted by another process
  }
  const infos: CacheEntryInfo[] = [];
  for (const sha256 of onDisk) {
    const archive = await stat(layout.archivePath(sha256)).catch(() => undefined);
    let entry = entries.get(sha256);
    const usedElsewhere = archive !== undefined && Math.abs(archive.mtimeMs - (entry?.lastUsed ?? 0)) >= 1;
    if (entry === undefined || archive === undefined || usedElsewhere) {
      entry ??= newEntry(now);
      entries.set(sha256, entry);
      if (archive !== undefined) entry.lastUsed = archive.mtimeMs;
      entry.bytes = await diskBytes(layout.entryDir(sha256));
    }
    const users = [];
    for (const marker of await readMarkers(layout, sha256)) {
      users.push({ owner: marker.owner, status: await statusOf(marker.owner.pid) });
    }
    const target = {
      sha256,
      bytes: entry.bytes,
      lastUsed: entry.lastUsed,
      archivePresent: archive !== undefined,
      localRefs: entry.refs,
      users,
    };
    infos.push(toEvictionInfo(target, self));
  }
  return infos;
}
