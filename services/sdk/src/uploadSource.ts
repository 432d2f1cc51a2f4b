import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { packDirectory, type PackOptions } from './packDirectory';

/** How far an upload is: bytes sent so far, and the total when it is known in advance. */
export interface UploadProgress {
  sentBytes: number;
  totalBytes: number | undefined;
}

/** A body that can be opened once per attempt (a stream source can be sent only once). */
export interface UploadBody {
  open(): Readable;
  totalBytes: number | undefined;
  contentType: string;
  filename: string | undefined;
  /** False for a caller's stream: it cannot be sent again after a failed attempt. */
  repeatable: boolean;
}

const typeByExtension: [RegExp, string][] = [
  [/\.(tar\.gz|tgz)$/i, 'application/gzip'],
  [/\.gz$/i, 'application/gzip'],
  [/\.zip$/i, 'application/zip'],
  [/\.tar$/i, 'application/x-tar'],
];

/** The Content-Type an upload of `filename` gets: archives by extension, anything else as bytes. */
export const contentTypeOf = (filename: string): string =>
  typeByExtension.find(([pattern]) => pattern.test(filename))?.[1] ?? 'application/octet-stream';

/**
 * What an upload sends: a directory is packed as tar.gz (see packDirectory), a file is streamed as it
 * is, bytes are sent as they are, a stream is sent once.
 */
export async function uploadBody(
  source: string | Uint8Array | Readable,
  o: { filename?: string; contentType?: string; pack?: PackOptions },
): Promise<UploadBody> {
  if (typeof source === 'string') {
    const info = await stat(source);
    if (info.isDirectory()) {
      return {
        open: () => packDirectory(source, o.pack),
        totalBytes: undefined,
        contentType: o.contentType ?? 'application/gzip',
        filename: o.filename ?? `${path.basename(path.resolve(source))}.tar.gz`,
        repeatable: true,
      };
    }
    const filename = o.filename ?? path.basename(source);
    return {
      open: () => createReadStream(source),
      totalBytes: info.size,
      contentType: o.contentType ?? contentTypeOf(filename),
      filename,
      repeatable: true,
    };
  }
  if (source instanceof Uint8Array) {
    return {
      open: () => Readable.from([source]),
      totalBytes: source.byteLength,
      contentType: o.contentType ?? (o.filename ? contentTypeOf(o.filename) : 'application/octet-stream'),
      filename: o.filename,
      repeatable: true,
    };
  }
  return {
    open: () => source,
    totalBytes: undefined,
    contentType: o.contentType ?? (o.filename ? contentTypeOf(o.filename) : 'application/octet-stream'),
    filename: o.filename,
    repeatable: false,
  };
}

/** A pass-through that reports the bytes that went through it. */
export function progressMeter(
  totalBytes: number | undefined,
  onProgress?: (p: UploadProgress) => void,
): Transform {
  let sentBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sentBytes += chunk.length;
      onProgress?.({ sentBytes, totalBytes });
      done(null, chunk);
    },
  });
}
