import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, realpath, rm } from 'node:fs/promises';
import {
  ARCHIVE_HEAD_BYTES,
  asExtractionError,
  detectArchiveFormat,
  pathEscape,
  readTarEntries,
  readZipEntries,
  type ArchiveEntry,
  type ArchiveFormat,
  type ExtractionLimits,
} from '@fuzzforge/platform/archive';
import { EntrySink, type SkippedEntry } from './entrySink';

export {
  detectArchiveFormat,
  ExtractionError,
  type ArchiveFormat,
  type ExtractionErrorCode,
  type ExtractionLimits,
} from '@fuzzforge/platform/archive';
export type { SkippedEntry } from './entrySink';

/** What was extracted: `entries` counts every archive entry, `bytes` the file bytes written. */
export interface ExtractionResult {
  format: ArchiveFormat;
  entries: number;
  bytes: number;
  skipped: SkippedEntry[];
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(ARCHIVE_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Unpacks a tar, tar.gz or zip (found by its magic bytes) into `destDir`, streaming, or copies a
 * non-archive into it as `fileName`. `destDir` must be absent or empty; on failure it is removed.
 * Symlinks are kept only when they resolve inside `destDir`; one that does not fails the whole
 * archive with 'link-escape'. Devices and fifos are skipped and listed in `skipped`.
 */
export async function extractArchive(
  archivePath: string,
  destDir: string,
  limits: ExtractionLimits,
  fileName?: string,
): Promise<ExtractionResult> {
  const format = detectArchiveFormat(await readHead(archivePath));
  await mkdir(destDir, { recursive: true });
  if ((await readdir(destDir)).length > 0) throw new Error(`extraction directory ${destDir} is not empty`);
  // Resolved once so that every later containment check compares real paths.
  const root = await realpath(destDir);
  const sink = new EntrySink(root, limits);
  try {
    if (format === 'file') {
      const name = fileName ?? 'target';
      if (name.includes('/') || name === '.' || name === '..')
        throw pathEscape(name, 'is not a plain file name');
      await sink.add({ kind: 'file', name, mode: 0o644, content: createReadStream(archivePath) });
    } else {
      const onEntry = (entry: ArchiveEntry): Promise<void> => sink.add(entry);
      if (format === 'zip') await readZipEntries(archivePath, onEntry);
      else await readTarEntries(createReadStream(archivePath), format === 'tar.gz', onEntry);
      await sink.finish();
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw asExtractionError(error);
  }
  return { format, entries: sink.entries, bytes: sink.bytes, skipped: sink.skipped };
}
