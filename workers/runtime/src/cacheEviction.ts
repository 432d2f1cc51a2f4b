import { isStale } from './lockOwner';
import type { LockOwner, ProcessStatus } from './lockOwner';

/** What the eviction policy needs to know about one cached target. */
export interface CacheEntryInfo {
  sha256: string;
  bytes: number;
  /** Milliseconds since the epoch of the last acquire or release. */
  lastUsed: number;
  /** A workspace of this target has not been released yet. */
  inUse: boolean;
}

/**
 * Picks the targets to delete so that the cache, plus `incomingBytes` about to be written, fits in
 * `maxBytes`: least recently used first, never one in use. When in-use entries alone exceed the
 * budget it returns every idle entry and the cache stays over budget rather than failing a run.
 */
export function chooseEvictions(
  entries: readonly CacheEntryInfo[],
  maxBytes: number,
  incomingBytes: number,
): string[] {
  let total = incomingBytes + entries.reduce((sum, entry) => sum + entry.bytes, 0);
  if (total <= maxBytes) return [];
  const idle = entries
    .filter((entry) => !entry.inUse)
    // The sha256 tie-break keeps the choice deterministic when clocks are coarse.
    .sort((a, b) => a.lastUsed - b.lastUsed || a.sha256.localeCompare(b.sha256));
  const chosen: string[] = [];
  for (const entry of idle) {
    if (total <= maxBytes) break;
    chosen.push(entry.sha256);
    total -= entry.bytes;
  }
  return chosen;
}

/** What the disk and the host say about one cached target, gathered by `scanCache`. */
export interface TargetState {
  sha256: string;
  bytes: number;
  lastUsed: number;
  /** No archive yet: a download is under way (or failed and left an empty directory). */
  archivePresent: boolean;
  /** Workspaces of it that this cache instance handed out and that are not released yet. */
  localRefs: number;
  /** The owners of its in-use markers, from any process on the host, with what the host says of each. */
  users: readonly { owner: LockOwner; status: ProcessStatus }[];
}

/**
 * Describes a target for `chooseEvictions`: it is in use while this process holds it, while any live
 * process has a marker on it (a marker of a process that is gone does not count), or while its archive
 * is still being downloaded.
 */
export function toEvictionInfo(target: TargetState, self: LockOwner): CacheEntryInfo {
  const inUse =
    target.localRefs > 0 ||
    !target.archivePresent ||
    target.users.some((user) => !isStale(user.owner, user.status, self));
  return { sha256: target.sha256, bytes: target.bytes, lastUsed: target.lastUsed, inUse };
}
