/** How a target's bytes are laid out; 'file' is a single file that is not an archive. */
export type ArchiveFormat = 'tar.gz' | 'tar' | 'zip' | 'file';

/** How many leading bytes `detectArchiveFormat` looks at: the tar magic ends at offset 262. */
export const ARCHIVE_HEAD_BYTES = 262;

/**
 * Identifies an archive by its magic bytes, never by a file name (targets are content-addressed and
 * have none). Any gzip stream is taken for a tar.gz: a gzip that holds no tar then fails as corrupt.
 */
export function detectArchiveFormat(head: Buffer): ArchiveFormat {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  const signature = head.subarray(0, 4).toString('latin1');
  // 'PK\x05\x06' is the end-of-central-directory record, which is all an empty zip holds.
  if (signature === 'PK\x03\x04' || signature === 'PK\x05\x06') return 'zip';
  // Both POSIX ('ustar\0') and GNU ('ustar  ') tar headers carry 'ustar' here.
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return 'file';
}

/**
 * One entry as an archive reader reports it, before any validation: `name` and `target` are
 * untrusted strings straight from the archive.
 */
export type ArchiveEntry =
  | { kind: 'directory'; name: string }
  | { kind: 'file'; name: string; mode: number; content: AsyncIterable<Buffer> }
  | { kind: 'symlink'; name: string; target: string }
  | { kind: 'hardlink'; name: string; target: string }
  | { kind: 'other'; name: string; type: string };

/**
 * Receives entries one at a time, in archive order. A reader waits for the returned promise before
 * reading on; a 'file' entry's content must be consumed (or destroyed) by then.
 */
export type EntryHandler = (entry: ArchiveEntry) => Promise<void>;
