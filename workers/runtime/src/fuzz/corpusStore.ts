import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, gzip } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { extract, pack } from 'tar-stream';
import { addToCorpus, corpusFiles } from './corpusDir';

// Off the event loop: a large corpus must not stall heartbeats.
const gzipAsync = promisify(gzip);

/** Bounds on a stored corpus: a corrupt or hostile archive must not fill the worker's disk. */
export interface CorpusLimits {
  maxFiles: number;
  maxBytes: number;
}

export const defaultCorpusLimits: CorpusLimits = { maxFiles: 100_000, maxBytes: 1024 * 1024 * 1024 };

/**
 * Unpacks the stored corpus at `key` into `dir` (files named by content, nothing but regular files
 * taken); returns how many inputs it added. A corpus that was never stored is empty, not an error; one
 * past the limits seeds what fits (the rest is read and dropped), so it can never stop a campaign.
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
    let size = 0;
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (bytes + size <= limits.maxBytes) chunks.push(chunk);
    }
    if (entry.header.type !== 'file' || files >= limits.maxFiles || bytes + size > limits.maxBytes) continue;
    files += 1;
    bytes += size;
    if (await addToCorpus(dir, Buffer.concat(chunks))) added += 1;
  }
  await feeding;
  return added;
}

/**
 * Stores the inputs of `dir` as one tar.gz at `key`, the smallest first up to the limits (a corpus
 * that only grows — engines without a coverage merge — stays loadable); returns how many it stored.
 */
export async function uploadCorpus(
  s3: S3Client,
  bucket: string,
  key: string,
  dir: string,
  limits: CorpusLimits = defaultCorpusLimits,
): Promise<number> {
  const sized = await Promise.all(
    (await corpusFiles(dir)).map(async (name) => ({ name, size: (await stat(path.join(dir, name))).size })),
  );
  sized.sort((a, b) => a.size - b.size || a.name.localeCompare(b.name));
  const names: string[] = [];
  let total = 0;
  for (const { name, size } of sized) {
    if (names.length >= limits.maxFiles || total + size > limits.maxBytes) break;
    names.push(name);
    total += size;
  }
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
      Body: await gzipAsync(Buffer.concat(chunks)),
      ContentType: 'application/gzip',
    }),
  );
  return names.length;
}
