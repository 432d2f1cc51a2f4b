import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CacheError } from './cacheError';
import { exists, removeAll } from './diskTree';
import type { CacheEntry } from './cacheEntries';
import type { CacheLayout } from './cacheLayout';

/** Writes a target's bytes to `destFile`. */
export type TargetDownload = (sha256: string, destFile: string) => Promise<void>;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Returns `ensureArchive`, which puts a target's archive on disk with its sha256 checked, at most
 * once at a time per entry; a failed attempt is forgotten so that the next acquire tries again.
 */
export function archiveDownloader(
  layout: CacheLayout,
  download: TargetDownload,
): (sha256: string, entry: CacheEntry) => Promise<void> {
  async function fetchArchive(sha256: string, entry: CacheEntry): Promise<void> {
    const archive = layout.archivePath(sha256);
    if (await exists(archive)) {
      if ((await sha256Of(archive)) === sha256) return;
      // A damaged archive taints whatever was extracted from it.
      await Promise.all(
        [archive, layout.treePath(sha256, 'workspace'), layout.treePath(sha256, 'base')].map(removeAll),
      );
      entry.trees.clear();
    }
    await mkdir(layout.entryDir(sha256), { recursive: true });
    // Downloaded beside its final name and renamed once verified: `archive` only ever holds good bytes.
    const temp = `${archive}.tmp-${randomUUID()}`;
    try {
      await download(sha256, temp);
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

  return function ensureArchive(sha256: string, entry: CacheEntry): Promise<void> {
    entry.archive ??= fetchArchive(sha256, entry).catch((error: unknown) => {
      entry.archive = undefined;
      throw error;
    });
    return entry.archive;
  };
}
