import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { extract, pack } from 'tar-stream';
import { addToCorpus, corpusFiles } from './corpusDir';

/** Bounds on a stored corpus: a corrupt or hostile archive must not fill the worker's disk. */
export interface CorpusLimits {
  maxFiles: number;
  maxBytes: number;
}

export const defaultCorpusLimits: CorpusLimits = { maxFiles: 100_000, maxBytes: 1024 * 1024 * 1024 };

/**
 * Unpacks the stored corpus at `key` into `dir` (files named by content, nothing but regular files
 * taken); returns how many inputs it added. A corpus that was never stored is empty, not an error.
 */
export async function downloadCorpus(
  s3: S3Client,
  bucket: string,
  key: string,
  dir: string,
  limits: CorpusLimits = defaultCorpusLimits,
): Promise<number> {
  await mkdir(dir, { recursive: true });
  let body: Readable;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!(object.Body instanceof Readable)) throw new Error(`S3 returned no body for ${key}`);
    body = object.Body;
  } catch (err) {
    if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return 0;
    throw err;
  }
  const extractor = extract();
  const feeding = pipeline(body, createGunzip(), extractor);
  feeding.catch(() => undefined);
  let files = 0;
  let bytes = 0;
  let added = 0;
  for await (const entry of extractor) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) throw new Error(`stored corpus ${key} is over ${limits.maxBytes} bytes`);
      chunks.push(chunk);
    }
    if (entry.header.type !== 'file') continue;
    if (++files > limits.maxFiles) throw new Error(`stored corpus ${key} has over ${limits.maxFiles} files`);
    if (await addToCorpus(dir, Buffer.concat(chunks))) added += 1;
  }
  await feeding;
  return added;
}

/** Stores the inputs of `dir` as one tar.gz at `key`; returns how many it stored. */
export async function uploadCorpus(s3: S3Client, bucket: string, key: string, dir: string): Promise<number> {
  const names = await corpusFiles(dir);
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const finished = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const name of names) {
    const content = await readFile(path.join(dir, name));
    await new Promise<void>((resolve, reject) =>
      archive.entry({ name, size: content.length, mode: 0o644 }, content, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }
  archive.finalize();
  await finished;
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: gzipSync(Buffer.concat(chunks)),
      ContentType: 'application/gzip',
    }),
  );
  return names.length;
}
