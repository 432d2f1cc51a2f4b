import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { storageKeys } from '@fuzzforge/platform';

/** Streams `targets/<sha256>` from S3 into a local file (the cache verifies the hash afterwards). */
export function s3TargetDownloader(s3: S3Client, bucket: string) {
  return async (sha256: string, destFile: string): Promise<void> => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: storageKeys.target(sha256) }));
    if (!(object.Body instanceof Readable)) throw new Error(`S3 returned no body for target ${sha256}`);
    await pipeline(object.Body, createWriteStream(destFile));
  };
}
