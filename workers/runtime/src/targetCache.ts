import { archiveDownloader } from './archiveDownload';
import { CacheError } from './cacheError';
import { loadEntries, newEntry, touchEntry } from './cacheEntries';
import { cacheLayout, RUN_ID, SHA256 } from './cacheLayout';
import { diskBytes, removeAll } from './diskTree';
import { evictionQueue } from './evictionQueue';
import { workspaceBuilder } from './workspaceTree';
import type { CacheEntry } from './cacheEntries';
import type { ExtractionLimits } from './safeExtract';
import type { CacheMode } from './workspaceTree';

export { CacheError, type CacheErrorCode } from './cacheError';
export type { CacheMode } from './workspaceTree';

/** Dependencies and bounds of a target cache. */
export interface TargetCacheOptions {
  dir: string;
  /** Budget for everything under `dir`; exceeded only while in-use entries alone need more. */
  maxBytes: number;
  /** Writes the target's bytes to `destFile` (typically from S3 `targets/<sha256>`). */
  download: (sha256: string, destFile: string) => Promise<void>;
  extractLimits: ExtractionLimits;
  now?: () => number;
}

/** An extracted target for one run; `release` must be called when the run no longer needs it. */
export interface Workspace {
  path: string;
  release(): Promise<void>;
}

/** Hands out workspaces for targets by sha256, downloading and extracting them as needed. */
export interface TargetCache {
  acquire(sha256: string, runId: string, mode: CacheMode): Promise<Workspace>;
  usage(): Promise<{ bytes: number; entries: number }>;
}

/**
 * A content-addressed cache of targets under `dir`, laid out as `<sha256>/archive`, `<sha256>/workspace`
 * (shared), `<sha256>/base` (copy-on-write) and `<sha256>/runs/<runId>/workspace`. Coordination is
 * in-process: one worker process owns a cache directory.
 */
export function createTargetCache(o: TargetCacheOptions): TargetCache {
  const now = o.now ?? Date.now;
  const layout = cacheLayout(o.dir);
  const entries = new Map<string, CacheEntry>();
  const activeRuns = new Set<string>();
  const ensureArchive = archiveDownloader(layout, o.download);
  const materialise = workspaceBuilder(layout, o.extractLimits);
  const evict = evictionQueue(layout, entries, o.maxBytes);
  let loading: Promise<void> | undefined;

  function load(): Promise<void> {
    loading ??= loadEntries(layout, entries).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  async function release(
    sha256: string,
    entry: CacheEntry,
    runKey: string,
    dir: string | undefined,
  ): Promise<void> {
    try {
      if (dir !== undefined) await removeAll(dir);
    } finally {
      // Only now may the same run id be acquired again: its directory is gone.
      activeRuns.delete(runKey);
      entry.refs -= 1;
    }
    await touchEntry(layout, sha256, entry, now());
    await evict(0);
  }

  async function acquire(sha256: string, runId: string, mode: CacheMode): Promise<Workspace> {
    if (!SHA256.test(sha256)) throw new CacheError('invalid-id', `not a lowercase hex sha256: ${sha256}`);
    if (!RUN_ID.test(runId))
      throw new CacheError('invalid-id', `run id unusable as a directory name: ${runId}`);
    const runKey = `${sha256}/${runId}`;
    const dir = mode === 'shared' ? undefined : layout.runDir(sha256, runId);
    if (dir !== undefined) {
      if (activeRuns.has(runKey)) throw new CacheError('run-in-use', `run ${runId} already holds ${sha256}`);
      activeRuns.add(runKey);
    }
    let entry: CacheEntry | undefined;
    try {
      await load();
      entry = entries.get(sha256) ?? newEntry(now());
      entries.set(sha256, entry);
      entry.refs += 1;
      while (entry.evicting !== undefined) await entry.evicting;
      await ensureArchive(sha256, entry);
      // Makes room for the tree about to be written; a shared tree is written at most once.
      await evict(mode === 'shared' ? 0 : entry.extractedBytes);
      const path = await materialise(sha256, entry, runId, mode);
      await touchEntry(layout, sha256, entry, now());
      await evict(0);
      const held = entry;
      let released: Promise<void> | undefined;
      return { path, release: () => (released ??= release(sha256, held, runKey, dir)) };
    } catch (error) {
      if (dir !== undefined) await removeAll(dir);
      activeRuns.delete(runKey);
      if (entry !== undefined) {
        entry.refs -= 1;
        entry.bytes = await diskBytes(layout.entryDir(sha256));
        if (entry.refs === 0 && entry.bytes === 0) entries.delete(sha256);
      }
      throw error;
    }
  }

  async function usage(): Promise<{ bytes: number; entries: number }> {
    await load();
    let bytes = 0;
    // Measured afresh: tools may have written into shared trees since the last acquire.
    for (const [sha256, entry] of entries) {
      entry.bytes = await diskBytes(layout.entryDir(sha256));
      bytes += entry.bytes;
    }
    return { bytes, entries: entries.size };
  }

  return { acquire, usage };
}
