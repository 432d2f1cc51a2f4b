import { ApiError } from '../errors';

/** What an upload's first bytes say it is. */
export type ContentKind = 'gzip' | 'zip' | 'tar' | 'bzip2' | 'xz' | '7z' | 'rar' | 'zstd' | 'other';

/** Bytes a sniff needs: tar's magic sits at offset 257. */
export const SNIFF_BYTES = 512;

const startsWith = (head: Buffer, magic: number[]): boolean =>
  head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** The format of an upload by its magic bytes. Pure. */
export function sniffContent(head: Buffer): ContentKind {
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  return 'other';
}

const declaredKind: Record<string, ContentKind> = {
  'application/gzip': 'gzip',
  'application/x-gzip': 'gzip',
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/x-tar': 'tar',
};

const unsupported = new Set<ContentKind>(['bzip2', 'xz', '7z', 'rar', 'zstd']);

/**
 * Whether an upload's content matches what it was declared as: an archive type must be that archive;
 * anything (a single file) may be `application/octet-stream`, except an archive format the workers
 * cannot unpack. Both refusals are 415. Pure.
 */
export function contentProblem(declared: string, head: Buffer): ApiError | undefined {
  const kind = sniffContent(head);
  if (unsupported.has(kind)) {
    return new ApiError(
      'unsupported-media-type',
      `The upload is a ${kind} archive, which FuzzForge cannot unpack: send a tar, tar.gz or zip archive, or a single file.`,
    );
  }
  const expected = declaredKind[declared];
  if (expected && expected !== kind) {
    return new ApiError(
      'unsupported-media-type',
      `The upload was declared ${declared} but its content is ${kind === 'other' ? 'not a ' + expected + ' archive' : 'a ' + kind + ' archive'}: send it with the Content-Type of what it is (application/octet-stream for a single file).`,
    );
  }
  return undefined;
}
