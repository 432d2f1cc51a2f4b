import { mkdir, readdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256 } from './cacheLayout';
import { diskBytes, removeAll } from './diskTree';
import type { CacheLayout, Tree } from './cacheLayout';

/** What this process knows about one target; the disk layout is the durable truth. */
export interface CacheEntry {
  refs: number;
  lastUsed: number;
  bytes: number;
  /** Expanded size seen at the last extraction: what the next per-run copy will add. */
  extractedBytes: number;
  /** Settles once the archive is on disk and its sha256 was checked by this process. */
  archive?: Promise<void>;
  trees: Map<Tree, Promise<void>>;
  evicting?: Promise<void>;
}

/** An entry nobody holds, with nothing yet known to be extracted. */
export function newEntry(lastUsed: number, bytes = 0): CacheEntry {
  return { refs: 0, lastUsed, bytes, extractedBytes: 0, trees: new Map() };
}

/** Rebuilds `entries` from what an earlier process left on disk, clearing whatever it left half done. */
export async function loadEntries(layout: CacheLayout, entries: Map<string, CacheEntry>): Promise<void> {
  await mkdir(layout.root, { recursive: true });
  for (const sha256 of await readdir(layout.root)) {
    if (!SHA256.test(sha256)) continue;
    const archive = await stat(layout.archivePath(sha256)).catch(() => undefined);
    if (archive === undefined) {
      await removeAll(layout.entryDir(sha256)); // the previous process died before the download completed
      continue;
    }
    // Per-run trees and temporaries belong to runs of an earlier process; none of them is still running.
    await removeAll(join(layout.entryDir(sha256), 'runs'));
    for (const name of await readdir(layout.entryDir(sha256))) {
      if (name.includes('.tmp-')) await removeAll(join(layout.entryDir(sha256), name));
    }
    const bytes = await diskBytes(layout.entryDir(sha256));
    entries.set(sha256, newEntry(archive.mtimeMs, bytes));
  }
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
  // The archive's mtime carries the LRU order across restarts; losing one update only skews the order.
  const seconds = entry.lastUsed / 1000;
  await utimes(layout.archivePath(sha256), seconds, seconds).catch(() => undefined);
}
