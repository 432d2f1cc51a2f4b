import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { ApiError } from '../errors';

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
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base.slice(0, 255) : undefined;
};

function filenameFromDisposition(header: string | undefined): string | undefined {
  const match = header && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  return match ? decodeURIComponent(match[1]!) : undefined;
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

function fileField(request: Request, body: Readable): Promise<UploadSource> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: Object.fromEntries(request.headers), limits: { files: 1 } });
    } catch (err) {
      reject(
        new ApiError('validation-failed', 'The multipart body is malformed.', undefined, { cause: err }),
      );
      return;
    }
    let found = false;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({
        stream,
        filename: sanitiseFilename(info.filename),
        contentType: info.mimeType || 'application/octet-stream',
      });
    });
    parser.on('error', (err) => {
      if (!found)
        reject(
          new ApiError('validation-failed', 'The multipart body is malformed.', undefined, { cause: err }),
        );
    });
    parser.on('close', () => {
      if (!found) {
        reject(
          new ApiError('validation-failed', 'The multipart form has no "file" field.', [
            { path: '/file', message: 'required' },
          ]),
        );
      }
    });
    body.pipe(parser);
  });
}
