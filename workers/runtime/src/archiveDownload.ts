import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CacheError } from './cacheError';
import { removeAll } from './diskTree';
import { ownedName } from './lockOwner';
import type { CacheEntry } from './cacheEntries';
import type { CacheLayout } from './cacheLayout';

/** Writes a target's bytes to `destFile`. */
export type TargetDownload = (sha256: string, destFile: string) => Promise<void>;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Tells one archive file from another one put in its place (a re-download, or damage in place). */
async function fileIdentity(path: string): Promise<string | undefined> {
  const stats = await stat(path).catch(() => undefined);
  return stats === undefined ? undefined : `${stats.dev}:${stats.ino}:${stats.size}`;
}

/**
 * Returns `ensureArchive`, which puts a target's archive on disk with its sha256 checked, hashing an
 * archive found there once per process. The caller holds the target's lock, so one process at a time
 * downloads; it reports whether this call had to.
 */
export function archiveDownloader(
  layout: CacheLayout,
  download: TargetDownload,
  pid: number,
): (sha256: string, entry: CacheEntry) => Promise<'present' | 'downloaded'> {
  return async function ensureArchive(sha256, entry) {
    const archive = layout.archivePath(sha256);
    const found = await fileIdentity(archive);
    if (found !== undefined) {
      if (entry.verified === found || (await sha256Of(archive)) === sha256) {
        entry.verified = found;
        return 'present';
      }
      // A damaged archive taints whatever was extracted from it.
      await Promise.all(
        [archive, layout.treePath(sha256, 'workspace'), layout.treePath(sha256, 'base')].map(removeAll),
      );
    }
    entry.verified = undefined;
    await mkdir(layout.entryDir(sha256), { recursive: true });
    // Downloaded beside its final name and renamed once verified: `archive` only ever holds good bytes.
    const temp = join(dirname(archive), ownedName(basename(archive), 'tmp', pid, randomUUID()));
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
    entry.verified = await fileIdentity(archive);
    return 'downloaded';
  };
}
