import { readdir } from 'node:fs/promises';
import { archiveDownloader } from './archiveDownload';
import { CacheError } from './cacheError';
import { newEntry, touchEntry } from './cacheEntries';
import { cacheLayout, RUN_ID, SHA256 } from './cacheLayout';
import { sweepCache } from './cacheSweep';
import { diskBytes, exists, removeAll } from './diskTree';
import { evictionQueue } from './evictionQueue';
import { withLock } from './fileLock';
import { keyedMutex } from './keyedMutex';
import { hostStatus, selfOwner, stalenessAgainst } from './processProbe';
import { pruneMarkers, removeMarker, writeMarker } from './usageMarkers';
import { treeOf, workspaceBuilder } from './workspaceTree';
import type { CacheEntry } from './cacheEntries';
import type { LockOptions } from './fileLock';
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
  /** How long to wait for another live process's hold on a target (its download); default 30 min. */
  lockTimeoutMs?: number;
}

/** An extracted target for one run; `release` must be called when the run no longer needs it. */
export interface Workspace {
  path: string;
  release(): Promise<void>;
}

/** What this cache instance did since it was created, and the cache's size as it last looked. */
export interface TargetCacheStats {
  /** Acquires that found the archive already on disk. */
  hits: number;
  /** Acquires that did not: this process downloaded it, or waited for another download (`waits`). */
  misses: number;
  /** Archives this process downloaded and verified. */
  downloads: number;
  /** Misses served by a download that another acquire, in this or another process, had under way. */
  waits: number;
  /** Targets this process deleted to keep the cache within its budget. */
  evictions: number;
  /** Size and count of all targets on disk (any process's), as of this process's last acquire or release. */
  bytes: number;
  entries: number;
}

/** Hands out workspaces for targets by sha256, downloading and extracting them as needed. */
export interface TargetCache {
  acquire(sha256: string, runId: string, mode: CacheMode): Promise<Workspace>;
  usage(): Promise<{ bytes: number; entries: number }>;
  stats(): TargetCacheStats;
}

/** What exists once this instance has looked at the directory and the host. */
interface Started {
  lock: LockOptions & { timeoutMs: number };
  evict: (incomingBytes: number) => Promise<void>;
}

/**
 * A content-addressed cache of targets under `dir` (see `CacheLayout`), which several worker
 * processes on one host may share. A target's lock (`.locks/<sha256>.lock`) is held while its
 * archive is downloaded or its kept tree extracted, and while its in-use markers
 * (`<sha256>/users/<pid>-<runId>`) change, so one process downloads while the others wait; eviction
 * spares every target with a marker of a live process. What a process leaves behind is removed only
 * once that process is gone. One instance per directory per process: a newer one treats an older
 * one's leftovers like those of a dead process.
 */
export function createTargetCache(o: TargetCacheOptions): TargetCache {
  const now = o.now ?? Date.now;
  const timeoutMs = o.lockTimeoutMs ?? 30 * 60_000;
  const layout = cacheLayout(o.dir);
  const entries = new Map<string, CacheEntry>();
  const activeRuns = new Set<string>();
  /** Workspaces per marker: one run may hold a shared tree more than once. */
  const markerRefs = new Map<string, number>();
  const counts = { hits: 0, misses: 0, downloads: 0, waits: 0, evictions: 0 };
  const serially = keyedMutex();
  const ensureArchive = archiveDownloader(layout, o.download, process.pid);
  const trees = workspaceBuilder(layout, o.extractLimits, process.pid);
  let starting: Promise<Started> | undefined;

  function start(): Promise<Started> {
    starting ??= (async () => {
      const self = await selfOwner();
      const isStaleOwner = stalenessAgainst(self);
      const statusOf = hostStatus(self);
      await sweepCache(layout, entries, { self, isStaleOwner, statusOf, now: now() });
      const evict = evictionQueue({
        layout,
        entries,
        maxBytes: o.maxBytes,
        self,
        isStaleOwner,
        statusOf,
        now,
        lockTimeoutMs: timeoutMs,
        onEvicted: () => (counts.evictions += 1),
      });
      return { lock: { self, isStaleOwner, timeoutMs }, evict };
    })().catch((error: unknown) => {
      starting = undefined;
      throw error;
    });
    return starting;
  }

  /** Runs `task` holding the target's lock: queued within this process, then taken on the host. */
  const underTargetLock = <T>(s: Started, sha256: string, task: () => Promise<T>): Promise<T> =>
    serially(sha256, () => withLock(layout.targetLock(sha256), s.lock, task));

  /** Under the target's lock. */
  async function unmark(sha256: string, runId: string): Promise<void> {
    const key = `${sha256}/${runId}`;
    const held = markerRefs.get(key) ?? 0;
    if (held > 1) {
      markerRefs.set(key, held - 1);
      return;
    }
    markerRefs.delete(key);
    await removeMarker(layout, sha256, process.pid, runId);
  }

  /** Under the target's lock: marks the target in use by the run, then puts its archive and kept tree on disk. */
  async function claim(
    s: Started,
    sha256: string,
    entry: CacheEntry,
    runId: string,
    mode: CacheMode,
  ): Promise<'present' | 'downloaded'> {
    const key = `${sha256}/${runId}`;
    const users = await pruneMarkers(layout, sha256, s.lock.isStaleOwner);
    const holder = users.find((u) => u.runId === runId && u.mode !== 'shared' && u.owner.pid !== process.pid);
    if (mode !== 'shared' && holder !== undefined) {
      // An earlier attempt of the run, still alive in another worker process, owns its directory.
      throw new CacheError('run-in-use', `run ${runId} holds ${sha256} in process ${holder.owner.pid}`);
    }
    const held = markerRefs.get(key) ?? 0;
    if (held === 0) await writeMarker(layout, sha256, s.lock.self, runId, mode);
    markerRefs.set(key, held + 1);
    try {
      const outcome = await ensureArchive(sha256, entry);
      const tree = treeOf(mode);
      if (tree !== undefined) await trees.ensureTree(sha256, entry, tree);
      return outcome;
    } catch (error) {
      await unmark(sha256, runId);
      throw error;
    }
  }

  function count(outcome: 'present' | 'downloaded', presentAtStart: boolean): void {
    if (outcome === 'downloaded') counts.downloads += 1;
    else if (!presentAtStart) counts.waits += 1;
    if (outcome === 'present' && presentAtStart) counts.hits += 1;
    else counts.misses += 1;
  }

  async function release(
    s: Started,
    sha256: string,
    entry: CacheEntry,
    runId: string,
    dir: string | undefined,
  ): Promise<void> {
    try {
      if (dir !== undefined) await removeAll(dir);
    } finally {
      // Only now may the same run id be acquired again: its directory is gone.
      activeRuns.delete(`${sha256}/${runId}`);
      try {
        await underTargetLock(s, sha256, () => unmark(sha256, runId));
      } finally {
        entry.refs -= 1;
      }
    }
    await touchEntry(layout, sha256, entry, now());
    await s.evict(0);
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
    let claimed: Started | undefined;
    try {
      const s = await start();
      const held = entries.get(sha256) ?? newEntry(now());
      entries.set(sha256, held);
      entry = held;
      held.refs += 1;
      const presentAtStart = await exists(layout.archivePath(sha256));
      const outcome = await underTargetLock(s, sha256, () => claim(s, sha256, held, runId, mode));
      claimed = s;
      count(outcome, presentAtStart);
      // Makes room for the per-run tree about to be written.
      await s.evict(dir === undefined ? 0 : held.extractedBytes);
      const path = await trees.materialise(sha256, held, runId, mode);
      await touchEntry(layout, sha256, held, now());
      await s.evict(0);
      let released: Promise<void> | undefined;
      return { path, release: () => (released ??= release(s, sha256, held, runId, dir)) };
    } catch (error) {
      // Before the claim the run's directory may belong to a live attempt elsewhere: only ours is removed.
      if (claimed !== undefined) {
        if (dir !== undefined) await removeAll(dir);
        await underTargetLock(claimed, sha256, () => unmark(sha256, runId));
      }
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
    await start();
    const targets = (await readdir(layout.root)).filter((name) => SHA256.test(name));
    let bytes = 0;
    // Measured afresh: tools may have written into shared trees, other processes added targets.
    for (const sha256 of targets) {
      const measured = await diskBytes(layout.entryDir(sha256));
      const entry = entries.get(sha256);
      if (entry !== undefined) entry.bytes = measured;
      bytes += measured;
    }
    return { bytes, entries: targets.length };
  }

  function stats(): TargetCacheStats {
    let bytes = 0;
    for (const entry of entries.values()) bytes += entry.bytes;
    return { ...counts, bytes, entries: entries.size };
  }

  return { acquire, usage, stats };
}
