import { chooseEvictions } from './cacheEviction';
import { removeAll } from './diskTree';
import type { CacheEntry } from './cacheEntries';
import type { CacheLayout } from './cacheLayout';

/**
 * Returns `evict`, which brings the cache within `maxBytes` (plus `incomingBytes` about to be
 * written) by deleting idle targets. Each pass runs after any pass already running, so two passes
 * never pick the same entry.
 */
export function evictionQueue(
  layout: CacheLayout,
  entries: Map<string, CacheEntry>,
  maxBytes: number,
): (incomingBytes: number) => Promise<void> {
  let evictions: Promise<void> = Promise.resolve();

  function evictEntry(sha256: string, entry: CacheEntry): Promise<void> {
    // Forgotten at once, so an acquire that waits for this removal starts again from a download.
    entry.archive = undefined;
    entry.trees.clear();
    entry.bytes = 0;
    entry.evicting = removeAll(layout.entryDir(sha256)).finally(() => {
      entry.evicting = undefined;
      if (entry.refs === 0) entries.delete(sha256);
    });
    return entry.evicting;
  }

  return function evict(incomingBytes: number): Promise<void> {
    const pass = evictions.then(() => {
      // Choosing and marking happen in one synchronous step: an acquire either already holds a
      // reference (and is not chosen) or arrives afterwards and waits for `evicting`.
      const infos = [...entries].map(([sha256, e]) => ({
        sha256,
        bytes: e.bytes,
        lastUsed: e.lastUsed,
        inUse: e.refs > 0 || e.evicting !== undefined,
      }));
      const chosen = chooseEvictions(infos, maxBytes, incomingBytes);
      return Promise.all(chosen.map((sha256) => evictEntry(sha256, entries.get(sha256) as CacheEntry))).then(
        () => undefined,
      );
    });
    evictions = pass.catch(() => undefined);
    return pass;
  };
}
