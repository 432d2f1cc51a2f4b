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
