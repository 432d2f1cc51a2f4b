import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { storageKeys } from '@fuzzforge/platform';
import { ApiError } from '../errors';
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

/**
 * Streams an upload into S3 while hashing it, never holding more than a few parts in memory. The bytes
 * land under a temporary key first; once the sha256 is known they move to `targets/<sha256>`, so the
 * same bytes always become the same target. Content that is not what `declaredType` says (or an
 * archive the workers cannot unpack) is refused with 415 before it becomes a target.
 */
export async function storeTarget(
  deps: UploadDeps,
  body: Readable,
  declaredType: string,
): Promise<StoredTarget> {
  const hash = createHash('sha256');
  let size = 0;
  let tooLarge = false;
  const head: Buffer[] = [];
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (size < SNIFF_BYTES) head.push(chunk.subarray(0, SNIFF_BYTES - size));
      size += chunk.length;
      if (size > deps.maxBytes) {
        tooLarge = true;
        done(new Error('upload exceeds the size limit'));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  body.on('error', (err) => meter.destroy(err));
  body.pipe(meter);

  const tempKey = `uploads/${deps.newId()}`;
  const upload = new Upload({
    client: deps.s3,
    params: { Bucket: deps.bucket, Key: tempKey, Body: meter },
    queueSize: 2,
    partSize: 8 * 1024 * 1024,
  });
  try {
    await upload.done();
  } catch (err) {
    body.resume();
    if (tooLarge) {
      throw new ApiError('payload-too-large', `Uploads are limited to ${deps.maxBytes} bytes.`);
    }
    throw err;
  }

  const removeTemp = () => deps.s3.send(new DeleteObjectCommand({ Bucket: deps.bucket, Key: tempKey }));
  if (size === 0) {
    await removeTemp();
    throw new ApiError('empty-upload', 'The upload is empty; send the archive or file as the request body.');
  }
  // Checked before the bytes become a target: a refused upload leaves nothing stored.
  const problem = contentProblem(declaredType, Buffer.concat(head));
  if (problem) {
    await removeTemp();
    throw problem;
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
