import { utimes } from 'node:fs/promises';
import { diskBytes } from './diskTree';
import type { CacheLayout } from './cacheLayout';

/** What this cache instance knows about one target; the disk, shared with other processes, is the truth. */
export interface CacheEntry {
  /** Workspaces handed out by this instance and not yet released. */
  refs: number;
  /** Milliseconds since the epoch of the last use, by any process: the archive's mtime carries it. */
  lastUsed: number;
  bytes: number;
  /** Expanded size seen at the last extraction: what the next per-run copy will add. */
  extractedBytes: number;
  /** Identity (`dev:ino:size`) of the archive file this process hashed: one replaced since is hashed again. */
  verified?: string;
}

/** An entry nobody holds, with nothing yet known to be extracted. */
export function newEntry(lastUsed: number, bytes = 0): CacheEntry {
  return { refs: 0, lastUsed, bytes, extractedBytes: 0 };
}

/** Records a use at `now` and re-measures the entry, which tools may have written into. */
export async function touchEntry(
  layout: CacheLayout,
  sha256: string,
  entry: CacheEntry,
  now: number,
): Promise<void> {
  entry.lastUsed = now;
  entry.bytes = await diskBytes(layout.entryDir(sha256));
  // The archive's mtime carries the LRU order across processes and restarts; losing one update only
  // skews the order.
  const seconds = entry.lastUsed / 1000;
  await utimes(layout.archivePath(sha256), seconds, seconds).catch(() => undefined);
}
