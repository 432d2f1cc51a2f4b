import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Transform, type Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { storageKeys } from '@fuzzforge/platform';
import { detectArchiveFormat, ExtractionError, type ArchiveFormat } from '@fuzzforge/platform/archive';
import { ApiError } from '../errors';
import { inspectArchive, type ArchiveInspection } from './archiveInspection';
import { defaultArchiveLimits, type ArchiveLimits } from './archiveLimits';
import { archiveProblem } from './archiveProblem';
import { contentProblem, SNIFF_BYTES } from './uploadContent';

export interface StoredTarget {
  sha256: string;
  size: number;
  storageKey: string;
}

interface UploadDeps {
  s3: S3Client;
  bucket: string;
  maxBytes: number;
  newId: () => string;
  /** What an archive may expand to; the workers' extraction limits by default. */
  archiveLimits?: ArchiveLimits;
  /** Where a zip waits while its directory is read; the OS temp dir by default. */
  uploadTempDir?: string | undefined;
}

async function exists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'NotFound') return false;
    throw err;
  }
}

/** Why an upload was refused, as the client should hear it; faults of the store pass through as they are. */
function refusalOf(error: unknown, format: ArchiveFormat | undefined, fromBody: boolean): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof ExtractionError) return archiveProblem(error, format ?? 'file');
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    // The API's own disk (a zip waiting to be checked) is full: the upload is fine, the moment is not.
    return new ApiError(
      'dependency-unavailable',
      'The API has no room to check this upload right now; nothing was stored. Retry shortly.',
      undefined,
      { cause: error, headers: { 'Retry-After': '30' } },
    );
  }
  if (fromBody) {
    return new ApiError('validation-failed', 'The upload ended before it was complete.', undefined, {
      cause: error,
    });
  }
  return error;
}

/**
 * Streams an upload into S3 while hashing it and inspecting it, never holding more than a few parts in
 * memory. The bytes land under a temporary key first; once the sha256 is known they move to
 * `targets/<sha256>`, so the same bytes always become the same target. Content that is not what
 * `declaredType` says (415), or an archive a worker would refuse to extract, or a compression bomb
 * (422), is refused before it becomes a target, and the temporary object is removed.
 */
export async function storeTarget(
  deps: UploadDeps,
  body: Readable,
  declaredType: string,
): Promise<StoredTarget> {
  const limits = deps.archiveLimits ?? defaultArchiveLimits;
  const hash = createHash('sha256');
  let size = 0;
  // The first bytes wait here until there are enough to tell what the upload is.
  let pending: Buffer[] = [];
  let format: ArchiveFormat | undefined;
  let inspection: ArchiveInspection | undefined;
  let refusal: { error: unknown; fromBody: boolean } | undefined;

  const failed = (error: unknown): Error => {
    refusal ??= { error, fromBody: false };
    return error as Error;
  };
  const start = async (): Promise<void> => {
    const head = Buffer.concat(pending);
    pending = [];
    const problem = contentProblem(declaredType, head.subarray(0, SNIFF_BYTES));
    if (problem) throw problem;
    format = detectArchiveFormat(head);
    inspection = inspectArchive(format, { limits, tempDir: deps.uploadTempDir ?? tmpdir() });
    // Refused between chunks (a bad entry while the client is still sending): stop at once.
    inspection.refused.catch((error: unknown) => meter.destroy(failed(error)));
    await inspection.write(head);
  };
  const take = async (chunk: Buffer): Promise<void> => {
    size += chunk.length;
    if (size > deps.maxBytes) {
      throw new ApiError('payload-too-large', `Uploads are limited to ${deps.maxBytes} bytes.`);
    }
    hash.update(chunk);
    if (inspection) return inspection.write(chunk);
    pending.push(chunk);
    if (size >= SNIFF_BYTES) await start();
  };
  const finish = async (): Promise<void> => {
    if (size === 0) {
      throw new ApiError(
        'empty-upload',
        'The upload is empty; send the archive or file as the request body.',
      );
    }
    if (!inspection) await start();
    await inspection?.end();
  };
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      take(chunk).then(
        () => done(null, chunk),
        (error: unknown) => done(failed(error)),
      );
    },
    // Runs before the store sees the end of the body: a refused archive is never completed in S3.
    flush(done) {
      finish().then(
        () => done(),
        (error: unknown) => done(failed(error)),
      );
    },
  });
  body.on('error', (err) => {
    refusal ??= { error: err, fromBody: true };
    meter.destroy(err);
  });
  body.pipe(meter);

  const tempKey = `uploads/${deps.newId()}`;
  const removeTemp = () => deps.s3.send(new DeleteObjectCommand({ Bucket: deps.bucket, Key: tempKey }));
  const upload = new Upload({
    client: deps.s3,
    params: { Bucket: deps.bucket, Key: tempKey, Body: meter },
    queueSize: 2,
    partSize: 8 * 1024 * 1024,
  });
  try {
    await upload.done();
  } catch (err) {
    // The rest of the body is read and dropped so the client gets the answer rather than a reset.
    body.resume();
    await inspection?.abort();
    // A failed upload is aborted by the SDK; this also covers one that completed as the refusal came.
    await removeTemp().catch(() => undefined);
    throw refusalOf(refusal?.error ?? err, format, refusal?.fromBody ?? false);
  }

  const sha256 = hash.digest('hex');
  const storageKey = storageKeys.target(sha256);
  if (!(await exists(deps.s3, deps.bucket, storageKey))) {
    await deps.s3.send(
      new CopyObjectCommand({
        Bucket: deps.bucket,
        Key: storageKey,
        CopySource: `${deps.bucket}/${tempKey}`,
      }),
    );
  }
  await removeTemp();
  return { sha256, size, storageKey };
}
