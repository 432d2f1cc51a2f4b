import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import type { ArchiveEntry, EntryHandler } from './archiveFormat';

function toEntry(header: Header, content: AsyncIterable<Buffer>): ArchiveEntry {
  // tar-stream reports typeflags it does not know as null, which the published type leaves out.
  const type: string | null = header.type;
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return { kind: 'file', name: header.name, mode: header.mode, content };
    case 'directory':
      return { kind: 'directory', name: header.name };
    case 'symlink':
      return { kind: 'symlink', name: header.name, target: header.linkname ?? '' };
    case 'link':
      return { kind: 'hardlink', name: header.name, target: header.linkname ?? '' };
    default:
      return { kind: 'other', name: header.name, type: type ?? 'unknown' };
  }
}

/**
 * Reads a tar (gzipped or not) from `source` and hands each entry to `onEntry`, waiting for it before
 * reading on, so memory stays bounded by one chunk whatever the archive's size. A worker reads from
 * disk, the API from the upload as it arrives: one parser, so both see the same entries.
 */
export async function readTarEntries(
  source: Readable,
  gzipped: boolean,
  onEntry: EntryHandler,
): Promise<void> {
  const extractor = extract();
  const feeding = gzipped ? pipeline(source, createGunzip(), extractor) : pipeline(source, extractor);
  // A failure surfaces through the loop or the final await; this only keeps the
  // rejection from being reported as unhandled while the loop is still running.
  feeding.catch(() => undefined);
  try {
    for await (const stream of extractor) {
      // Entry streams are typed as yielding `unknown`; tar-stream yields Buffers.
      const entry = toEntry(stream.header, stream as AsyncIterable<Buffer>);
      // Only file contents are consumed by the handler; anything else is drained so the parser moves on.
      if (entry.kind !== 'file') stream.resume();
      await onEntry(entry);
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  await feeding;
}
