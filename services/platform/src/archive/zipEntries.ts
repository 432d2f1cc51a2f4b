import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import type { ArchiveEntry, EntryHandler } from './archiveFormat';

const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
/** PATH_MAX: a longer symlink target is not a link any kernel would follow. */
const MAX_LINK_TARGET_BYTES = 4096;

/** The Unix mode (type and permission bits) when the entry was written on Unix; zips from elsewhere have none. */
function unixMode(entry: Entry): number | undefined {
  return entry.versionMadeBy >> 8 === UNIX_HOST ? entry.externalFileAttributes >>> 16 : undefined;
}

async function readLinkTarget(content: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_LINK_TARGET_BYTES)
      throw new Error(`symlink target longer than ${MAX_LINK_TARGET_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function toEntry(zip: ZipFile, entry: Entry): Promise<{ entry: ArchiveEntry; content?: Readable }> {
  // Names are decoded here rather than by yauzl: its own check would fail an unsafe name as a generic
  // error, and its lenient mode turns backslashes into slashes; the extractor judges names itself.
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  const mode = unixMode(entry);
  const type = mode === undefined ? 0 : mode & S_IFMT;
  if (name.endsWith('/') || type === S_IFDIR) return { entry: { kind: 'directory', name } };
  if (type === S_IFLNK) {
    const target = await readLinkTarget(await zip.openReadStreamPromise(entry));
    return { entry: { kind: 'symlink', name, target } };
  }
  if (type !== 0 && type !== S_IFREG) {
    return { entry: { kind: 'other', name, type: `unix type 0o${type.toString(8)}` } };
  }
  const content = await zip.openReadStreamPromise(entry);
  // Data starts flowing (and may fail, e.g. inflating past the declared size) before the handler
  // attaches its pipeline; the stream keeps the error for that pipeline, this keeps it from being uncaught.
  content.on('error', () => undefined);
  return { entry: { kind: 'file', name, mode: mode ?? 0o644, content }, content };
}

/**
 * Reads a zip archive from disk entry by entry (the central directory lazily, each file's data as a
 * stream) and hands each entry to `onEntry`. Zips carry no hardlinks; symlinks exist only in the Unix
 * mode bits, and their content is the target. Declared sizes are checked against the data by yauzl.
 */
export async function readZipEntries(archivePath: string, onEntry: EntryHandler): Promise<void> {
  const zip = await yauzl.openPromise(archivePath, {
    lazyEntries: true,
    decodeStrings: false,
    validateEntrySizes: true,
    autoClose: true,
  });
  try {
    for await (const raw of zip.eachEntry()) {
      const { entry, content } = await toEntry(zip, raw);
      try {
        await onEntry(entry);
      } finally {
        // Releases the file descriptor's reference if the handler did not read the data to the end.
        content?.destroy();
      }
    }
  } finally {
    zip.close();
  }
}
