import { once } from 'node:events';
import { crc32, createGzip, deflateRawSync, gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

/** Forges archives for tests, hostile ones included: any name, any link, any declared size. */

export type TarEntry = Partial<Header> & { name: string; content?: string | Buffer };

/** A tar (gzipped by default) with exactly the headers given. */
export async function tarOf(entries: TarEntry[], gzip = true): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const { content, ...header } of entries) tar.entry(header, content ?? '');
  tar.finalize();
  await ended;
  const bytes = Buffer.concat(chunks);
  return gzip ? gzipSync(bytes, { level: 9 }) : bytes;
}

/**
 * A gzip bomb: a tar.gz of one file of `bytes` zeros, written without ever holding them (gzip squeezes
 * zeros about 1000 to 1, so 256 MiB take ~250 KiB).
 */
export async function tarGzBomb(bytes: number): Promise<Buffer> {
  const tar = pack();
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  tar.pipe(gzip);
  const file = tar.entry({ name: 'bomb', size: bytes });
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= zeros.length) {
    if (!file.write(zeros.subarray(0, Math.min(left, zeros.length)))) await once(file, 'drain');
  }
  file.end(() => undefined);
  tar.finalize();
  await ended;
  return Buffer.concat(chunks);
}

export interface ZipEntry {
  name: string;
  data?: Buffer;
  /** Unix mode including the type bits (0o100644, 0o120777 for a symlink...); omitted = written on DOS. */
  unixMode?: number;
  deflate?: boolean;
  /** A lie to put in the headers instead of the real uncompressed size. */
  declaredSize?: number;
}

function centralHeader(
  name: Buffer,
  o: { method: number; crc: number; compressed: number; size: number; unixMode?: number; offset: number },
): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(o.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(0x800, 8);
  header.writeUInt16LE(o.method, 10);
  header.writeUInt32LE(o.crc, 16);
  header.writeUInt32LE(o.compressed, 20);
  header.writeUInt32LE(o.size, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(((o.unixMode ?? 0) * 0x10000) >>> 0, 38);
  header.writeUInt32LE(o.offset, 42);
  return Buffer.concat([header, name]);
}

function localHeader(
  name: Buffer,
  o: { method: number; crc: number; compressed: number; size: number },
): Buffer {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x800, 6);
  local.writeUInt16LE(o.method, 8);
  local.writeUInt32LE(o.crc, 14);
  local.writeUInt32LE(o.compressed, 18);
  local.writeUInt32LE(o.size, 22);
  local.writeUInt16LE(name.length, 26);
  return Buffer.concat([local, name]);
}

function endRecord(entries: number, directory: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directory, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/** A zip with the entries given, stored or deflated. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? Buffer.alloc(0);
    const body = entry.deflate ? deflateRawSync(data) : data;
    const fields = {
      method: entry.deflate ? 8 : 0,
      crc: crc32(data),
      compressed: body.length,
      size: entry.declaredSize ?? data.length,
    };
    const local = localHeader(name, fields);
    parts.push(local, body);
    central.push(centralHeader(name, { ...fields, unixMode: entry.unixMode, offset }));
    offset += local.length + body.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...parts, directory, endRecord(entries.length, directory.length, offset)]);
}

/**
 * A zip bomb in the overlapping style: one deflated run of `bytesPerEntry` zeros that `entries`
 * directory records all point at, so it expands to entries × bytesPerEntry from a few kilobytes.
 */
export function overlappingZipBomb(entries: number, bytesPerEntry: number): Buffer {
  const zeros = Buffer.alloc(bytesPerEntry);
  const body = deflateRawSync(zeros, { level: 9 });
  const fields = { method: 8, crc: crc32(zeros), compressed: body.length, size: zeros.length };
  const local = localHeader(Buffer.from('bomb'), fields);
  const central = Array.from({ length: entries }, (_, i) =>
    centralHeader(Buffer.from(`bomb-${i}`), { ...fields, offset: 0 }),
  );
  const directory = Buffer.concat(central);
  return Buffer.concat([
    local,
    body,
    directory,
    endRecord(entries, directory.length, local.length + body.length),
  ]);
}
