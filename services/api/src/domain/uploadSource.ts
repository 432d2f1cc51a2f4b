import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { ApiError } from '../errors';
import { withoutControlCharacters } from './nulCharacters';

/** Raw body content types accepted for a target upload. */
export const rawUploadTypes = [
  'application/gzip',
  'application/x-gzip',
  'application/x-tar',
  'application/zip',
  'application/octet-stream',
] as const;

export interface UploadSource {
  stream: Readable;
  filename: string | undefined;
  contentType: string;
}

const sanitiseFilename = (name: string | undefined): string | undefined => {
  // Control characters (NUL above all) could not be stored with the target.
  const base = name && withoutControlCharacters(name).split(/[\\/]/).pop()?.trim();
  return base ? base.slice(0, 255) : undefined;
};

function filenameFromDisposition(header: string | undefined): string | undefined {
  const match = header && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]; // a malformed %-escape: the name as sent
  }
}

/** Finds the uploaded bytes in a request: a raw body, or the `file` field of a multipart form. */
export async function uploadSource(
  request: Request,
  filenameParam: string | undefined,
): Promise<UploadSource> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!request.body) throw new ApiError('empty-upload', 'The request has no body.');
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);

  if ((rawUploadTypes as readonly string[]).includes(contentType)) {
    return {
      stream: body,
      contentType,
      filename: sanitiseFilename(
        filenameParam ?? filenameFromDisposition(request.headers.get('content-disposition') ?? undefined),
      ),
    };
  }
  if (contentType === 'multipart/form-data') return fileField(request, body);
  throw new ApiError(
    'unsupported-media-type',
    `Content-Type "${contentType || '(none)'}" is not accepted; send ${rawUploadTypes.join(', ')} or multipart/form-data with a "file" field.`,
  );
}

const malformed = (why: string, cause?: unknown): ApiError =>
  new ApiError('validation-failed', `The multipart body is malformed: ${why}.`, undefined, { cause });

/** Bytes a form may hold besides its file: a few small fields, not a second upload. */
const MAX_FORM_OVERHEAD_BYTES = 1024 * 1024;

/**
 * The `file` part of a multipart form as a stream that ends only once the whole form has parsed: a
 * body cut short or broken after the file's bytes fails the stream (400) instead of storing them.
 */
function fileField(request: Request, body: Readable): Promise<UploadSource> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: Object.fromEntries(request.headers),
        limits: { files: 1, fields: 20, fieldSize: 64 * 1024 },
      });
    } catch (err) {
      reject(malformed(err instanceof Error ? err.message : 'no boundary', err));
      return;
    }
    const file = new PassThrough();
    let found = false;
    let fileEnded = false;
    let formEnded = false;
    let failed = false;
    const fail = (error: ApiError): void => {
      if (failed) return;
      failed = true;
      if (found) file.destroy(error);
      else reject(error);
      // The rest is read and dropped, so that the client hears the answer instead of a reset.
      body.unpipe(parser);
      parser.destroy();
      body.resume();
    };
    const endIfComplete = (): void => {
      if (fileEnded && formEnded && !failed) file.end();
    };
    // Only the file's bytes count against the upload limit; everything around them is bounded here.
    let formBytes = 0;
    body.on('data', (chunk: Buffer) => {
      formBytes += chunk.length;
      if (formBytes > MAX_FORM_OVERHEAD_BYTES)
        fail(malformed(`it holds more than ${MAX_FORM_OVERHEAD_BYTES} bytes besides the file`));
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('data', (chunk: Buffer) => (formBytes -= chunk.length));
      stream.on('error', (err) => fail(malformed('the file part was cut short', err)));
      stream.on('end', () => {
        fileEnded = true;
        endIfComplete();
      });
      stream.pipe(file, { end: false });
      resolve({
        stream: file,
        filename: sanitiseFilename(info.filename),
        contentType: withoutControlCharacters(info.mimeType) || 'application/octet-stream',
      });
    });
    parser.on('error', (err) => fail(malformed(err instanceof Error ? err.message : String(err), err)));
    parser.on('close', () => {
      formEnded = true;
      if (!found && !failed) {
        failed = true;
        reject(
          new ApiError('validation-failed', 'The multipart form has no "file" field.', [
            { path: '/file', message: 'required' },
          ]),
        );
      }
      endIfComplete();
    });
    // A client that goes away mid-form must not leave the parser (and the upload) waiting forever.
    body.on('error', (err) => parser.destroy(err));
    body.pipe(parser);
  });
}
