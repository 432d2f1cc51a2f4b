import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { cp, lstat, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { chooseEvictions } from './cacheEviction';
import { extractArchive } from './safeExtract';
import type { ExtractionLimits } from './safeExtract';

/** isolated: fresh tree per run; shared: one tree for every run; copy-on-write: one base, copied per run. */
export type CacheMode = 'isolated' | 'shared' | 'copy-on-write';

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

/** checksum-mismatch: the download was not the target (retryable); the others are caller bugs. */
export type CacheErrorCode = 'checksum-mismatch' | 'invalid-id' | 'run-in-use';

/** A cache request that cannot be served as asked. */
export class CacheError extends Error {
  override readonly name = 'CacheError';
  readonly code: CacheErrorCode;

  constructor(code: CacheErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
/** Run ids become directory names: no separators, and no leading dot so never '.' or '..'. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

type Tree = 'workspace' | 'base';

/** What this process knows about one target; the disk layout is the durable truth. */
interface Entry {
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

const removeAll = (path: string): Promise<void> => rm(path, { recursive: true, force: true });
const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Apparent size of a tree (files and link texts), tolerant of concurrent removal. */
async function diskBytes(path: string): Promise<number> {
  const stats = await lstat(path).catch(() => undefined);
  if (stats === undefined) return 0;
  if (!stats.isDirectory()) return stats.size;
  let total = 0;
  for (const name of await readdir(path).catch(() => [])) total += await diskBytes(join(path, name));
  return total;
}

/**
 * A content-addressed cache of targets under `dir`, laid out as `<sha256>/archive`, `<sha256>/workspace`
 * (shared), `<sha256>/base` (copy-on-write) and `<sha256>/runs/<runId>/workspace`. Coordination is
 * in-process: one worker process owns a cache directory.
 */
export function createTargetCache(o: TargetCacheOptions): TargetCache {
  const now = o.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const activeRuns = new Set<string>();
  let loading: Promise<void> | undefined;
  let evictions: Promise<void> = Promise.resolve();

  const entryDir = (sha256: string): string => join(o.dir, sha256);
  const archivePath = (sha256: string): string => join(o.dir, sha256, 'archive');
  const treePath = (sha256: string, tree: Tree): string => join(o.dir, sha256, tree);
  const runDir = (sha256: string, runId: string): string => join(o.dir, sha256, 'runs', runId);

  async function loadFromDisk(): Promise<void> {
    await mkdir(o.dir, { recursive: true });
    for (const sha256 of await readdir(o.dir)) {
      if (!SHA256.test(sha256)) continue;
      const archive = await stat(archivePath(sha256)).catch(() => undefined);
      if (archive === undefined) {
        await removeAll(entryDir(sha256)); // the previous process died before the download completed
        continue;
      }
      // Per-run trees and temporaries belong to runs of an earlier process; none of them is still running.
      await removeAll(join(entryDir(sha256), 'runs'));
      for (const name of await readdir(entryDir(sha256))) {
        if (name.includes('.tmp-')) await removeAll(join(entryDir(sha256), name));
      }
      const bytes = await diskBytes(entryDir(sha256));
      entries.set(sha256, { refs: 0, lastUsed: archive.mtimeMs, bytes, extractedBytes: 0, trees: new Map() });
    }
  }

  function load(): Promise<void> {
    loading ??= loadFromDisk().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  async function fetchArchive(sha256: string, entry: Entry): Promise<void> {
    const archive = archivePath(sha256);
    if (await exists(archive)) {
      if ((await sha256Of(archive)) === sha256) return;
      // A damaged archive taints whatever was extracted from it.
      await Promise.all([archive, treePath(sha256, 'workspace'), treePath(sha256, 'base')].map(removeAll));
      entry.trees.clear();
    }
    await mkdir(entryDir(sha256), { recursive: true });
    // Downloaded beside its final name and renamed once verified: `archive` only ever holds good bytes.
    const temp = `${archive}.tmp-${randomUUID()}`;
    try {
      await o.download(sha256, temp);
      const actual = await sha256Of(temp);
      if (actual !== sha256) {
        throw new CacheError(
          'checksum-mismatch',
          `target ${sha256} downloaded as bytes hashing to ${actual}`,
        );
      }
      await rename(temp, archive);
    } finally {
      await removeAll(temp);
    }
  }

  function ensureArchive(sha256: string, entry: Entry): Promise<void> {
    entry.archive ??= fetchArchive(sha256, entry).catch((error: unknown) => {
      entry.archive = undefined;
      throw error;
    });
    return entry.archive;
  }

  async function extractTree(sha256: string, entry: Entry, tree: Tree): Promise<void> {
    const final = treePath(sha256, tree);
    // Trees are renamed into place when complete, so one that exists was fully extracted.
    if (await exists(final)) return;
    const temp = `${final}.tmp-${randomUUID()}`;
    entry.extractedBytes = (await extractArchive(archivePath(sha256), temp, o.extractLimits)).bytes;
    await rename(temp, final);
  }

  function ensureTree(sha256: string, entry: Entry, tree: Tree): Promise<void> {
    let pending = entry.trees.get(tree);
    if (pending === undefined) {
      pending = extractTree(sha256, entry, tree).catch((error: unknown) => {
        entry.trees.delete(tree);
        throw error;
      });
      entry.trees.set(tree, pending);
    }
    return pending;
  }

  /** Builds the run's tree and returns its path. */
  async function materialise(sha256: string, entry: Entry, runId: string, mode: CacheMode): Promise<string> {
    if (mode === 'shared') {
      await ensureTree(sha256, entry, 'workspace');
      return treePath(sha256, 'workspace');
    }
    const workspace = join(runDir(sha256, runId), 'workspace');
    // A retried activity finds its earlier attempt's tree here; every attempt starts clean.
    await removeAll(runDir(sha256, runId));
    if (mode === 'isolated') {
      entry.extractedBytes = (await extractArchive(archivePath(sha256), workspace, o.extractLimits)).bytes;
      return workspace;
    }
    await ensureTree(sha256, entry, 'base');
    await mkdir(runDir(sha256, runId), { recursive: true });
    // Reflinks where the filesystem has them; verbatim links stay relative, pointing into the copy, not the base.
    await cp(treePath(sha256, 'base'), workspace, {
      recursive: true,
      verbatimSymlinks: true,
      errorOnExist: true,
      force: false,
      mode: constants.COPYFILE_FICLONE,
    });
    return workspace;
  }

  function evictEntry(sha256: string, entry: Entry): Promise<void> {
    // Forgotten at once, so an acquire that waits for this removal starts again from a download.
    entry.archive = undefined;
    entry.trees.clear();
    entry.bytes = 0;
    entry.evicting = removeAll(entryDir(sha256)).finally(() => {
      entry.evicting = undefined;
      if (entry.refs === 0) entries.delete(sha256);
    });
    return entry.evicting;
  }

  /** Runs one eviction pass after any pass already running, so two passes never pick the same entry. */
  function evict(incomingBytes: number): Promise<void> {
    const pass = evictions.then(() => {
      // Choosing and marking happen in one synchronous step: an acquire either already holds a
      // reference (and is not chosen) or arrives afterwards and waits for `evicting`.
      const infos = [...entries].map(([sha256, e]) => ({
        sha256,
        bytes: e.bytes,
        lastUsed: e.lastUsed,
        inUse: e.refs > 0 || e.evicting !== undefined,
      }));
      const chosen = chooseEvictions(infos, o.maxBytes, incomingBytes);
      return Promise.all(chosen.map((sha256) => evictEntry(sha256, entries.get(sha256) as Entry))).then(
        () => undefined,
      );
    });
    evictions = pass.catch(() => undefined);
    return pass;
  }

  async function touch(sha256: string, entry: Entry): Promise<void> {
    entry.lastUsed = now();
    entry.bytes = await diskBytes(entryDir(sha256));
    // The archive's mtime carries the LRU order across restarts; losing one update only skews the order.
    const seconds = entry.lastUsed / 1000;
    await utimes(archivePath(sha256), seconds, seconds).catch(() => undefined);
  }

  async function release(
    sha256: string,
    entry: Entry,
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
    await touch(sha256, entry);
    await evict(0);
  }

  async function acquire(sha256: string, runId: string, mode: CacheMode): Promise<Workspace> {
    if (!SHA256.test(sha256)) throw new CacheError('invalid-id', `not a lowercase hex sha256: ${sha256}`);
    if (!RUN_ID.test(runId))
      throw new CacheError('invalid-id', `run id unusable as a directory name: ${runId}`);
    const runKey = `${sha256}/${runId}`;
    const dir = mode === 'shared' ? undefined : runDir(sha256, runId);
    if (dir !== undefined) {
      if (activeRuns.has(runKey)) throw new CacheError('run-in-use', `run ${runId} already holds ${sha256}`);
      activeRuns.add(runKey);
    }
    let entry: Entry | undefined;
    try {
      await load();
      entry = entries.get(sha256) ?? {
        refs: 0,
        lastUsed: now(),
        bytes: 0,
        extractedBytes: 0,
        trees: new Map(),
      };
      entries.set(sha256, entry);
      entry.refs += 1;
      while (entry.evicting !== undefined) await entry.evicting;
      await ensureArchive(sha256, entry);
      // Makes room for the tree about to be written; a shared tree is written at most once.
      await evict(mode === 'shared' ? 0 : entry.extractedBytes);
      const path = await materialise(sha256, entry, runId, mode);
      await touch(sha256, entry);
      await evict(0);
      const held = entry;
      let released: Promise<void> | undefined;
      return { path, release: () => (released ??= release(sha256, held, runKey, dir)) };
    } catch (error) {
      if (dir !== undefined) await removeAll(dir);
      activeRuns.delete(runKey);
      if (entry !== undefined) {
        entry.refs -= 1;
        entry.bytes = await diskBytes(entryDir(sha256));
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
      entry.bytes = await diskBytes(entryDir(sha256));
      bytes += entry.bytes;
    }
    return { bytes, entries: entries.size };
  }

  return { acquire, usage };
}
