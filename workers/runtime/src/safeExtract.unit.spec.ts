import { createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gzipSync, createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipOf } from '@fuzzforge/platform/archive-testsupport';
import { ExtractionError, extractArchive } from './safeExtract';
import type { Header } from 'tar-stream';
import type { ExtractionErrorCode } from './safeExtract';

type TarEntry = Partial<Header> & { name: string; content?: string | Buffer };

/** Writes a real tar (gzipped by default) with whatever headers the test asks for, hostile ones included. */
async function writeTar(path: string, entries: TarEntry[], gzip = true): Promise<void> {
  const tar = pack();
  for (const { content, ...header } of entries) tar.entry(header, content ?? '');
  tar.finalize();
  if (gzip) await pipeline(tar, createGzip(), createWriteStream(path));
  else await pipeline(tar, createWriteStream(path));
}

const limits = { maxEntries: 100, maxBytes: 1024 * 1024 };
let work: string;
let archive: string;
let dest: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'ff-extract-'));
  archive = join(work, 'archive');
  dest = join(work, 'dest');
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

async function expectRejected(code: ExtractionErrorCode, messagePart?: string): Promise<ExtractionError> {
  const error = await extractArchive(archive, dest, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExtractionError);
  const failure = error as ExtractionError;
  expect(failure.code).toBe(code);
  if (messagePart !== undefined) expect(failure.message).toContain(messagePart);
  // Nothing half-extracted is left for a tool to scan.
  expect(await exists(dest)).toBe(false);
  return failure;
}

describe('extractArchive: well-formed archives', () => {
  it('unpacks a tar.gz with directories, an internal symlink and the executable bit, dropping setuid', async () => {
    await writeTar(archive, [
      { name: './', type: 'directory' },
      { name: 'src/', type: 'directory' },
      { name: 'src/main.py', content: 'print("hi")\n', mode: 0o644 },
      { name: 'bin/run.sh', content: '#!/bin/sh\n', mode: 0o4755 },
      { name: 'latest', type: 'symlink', linkname: 'src/main.py' },
    ]);
    const result = await extractArchive(archive, dest, limits);
    expect(result).toEqual({ format: 'tar.gz', entries: 5, bytes: 22, skipped: [] });
    expect(await readFile(join(dest, 'src/main.py'), 'utf8')).toBe('print("hi")\n');
    expect(await readFile(join(dest, 'latest'), 'utf8')).toBe('print("hi")\n');
    expect(await readlink(join(dest, 'latest'))).toBe('src/main.py');
    const runMode = (await stat(join(dest, 'bin/run.sh'))).mode;
    expect(runMode & 0o111).not.toBe(0);
    expect(runMode & 0o7000).toBe(0);
    expect((await stat(join(dest, 'src/main.py'))).mode & 0o111).toBe(0);
  });

  it('unpacks an uncompressed tar', async () => {
    await writeTar(archive, [{ name: 'a.txt', content: 'plain' }], false);
    expect(await extractArchive(archive, dest, limits)).toMatchObject({
      format: 'tar',
      entries: 1,
      bytes: 5,
    });
    expect(await readFile(join(dest, 'a.txt'), 'utf8')).toBe('plain');
  });

  it('unpacks a zip with stored and deflated files, Unix modes and a symlink', async () => {
    await writeFile(
      archive,
      zipOf([
        { name: 'pkg/', unixMode: 0o040755 },
        { name: 'pkg/data.txt', data: Buffer.from('x'.repeat(5000)), deflate: true },
        { name: 'pkg/tool', data: Buffer.from('#!/bin/sh\n'), unixMode: 0o104755 },
        { name: 'link', data: Buffer.from('pkg/data.txt'), unixMode: 0o120777 },
      ]),
    );
    const result = await extractArchive(archive, dest, limits);
    expect(result).toMatchObject({ format: 'zip', entries: 4, bytes: 5010, skipped: [] });
    expect(await readFile(join(dest, 'link'), 'utf8')).toBe('x'.repeat(5000));
    const toolMode = (await stat(join(dest, 'pkg/tool'))).mode;
    expect(toolMode & 0o111).not.toBe(0);
    expect(toolMode & 0o7000).toBe(0);
  });

  it('copies a non-archive target as a single file, named as asked', async () => {
    await writeFile(archive, 'just some source\n');
    expect(await extractArchive(archive, dest, limits, 'main.c')).toMatchObject({
      format: 'file',
      bytes: 17,
    });
    expect(await readdir(dest)).toEqual(['main.c']);
    await rm(dest, { recursive: true });
    await extractArchive(archive, dest, limits);
    expect(await readdir(dest)).toEqual(['target']);
  });

  it('refuses a destination that already holds files, and leaves them alone', async () => {
    await writeTar(archive, [{ name: 'a', content: 'a' }]);
    await mkdir(dest);
    await writeFile(join(dest, 'keep'), 'mine');
    await expect(extractArchive(archive, dest, limits)).rejects.toThrow(/not empty/);
    expect(await readFile(join(dest, 'keep'), 'utf8')).toBe('mine');
  });
});

describe('extractArchive: path escapes', () => {
  it.each([
    ['../evil', 'contains a ".." segment'],
    ['ok/../../evil', 'contains a ".." segment'],
    ['/tmp/ff-evil-absolute', 'absolute path'],
    ['..\\evil', 'backslash'],
    ['C:/evil', 'absolute path'],
  ])('rejects tar entry %j', async (name, why) => {
    await writeTar(archive, [
      { name: 'fine.txt', content: 'first' },
      { name, content: 'pwned' },
    ]);
    await expectRejected('path-escape', why);
    expect(await exists(join(work, 'evil'))).toBe(false);
    expect(await exists('/tmp/ff-evil-absolute')).toBe(false);
  });

  it.each(['../evil', 'a\\..\\..\\evil', '/evil'])('rejects zip entry %j', async (name) => {
    await writeFile(archive, zipOf([{ name, data: Buffer.from('pwned') }]));
    await expectRejected('path-escape');
    expect(await exists(join(work, 'evil'))).toBe(false);
  });
});

describe('extractArchive: links', () => {
  it.each([
    ['an absolute target', '/etc'],
    ['a relative target above the root', '../../..'],
    ['an empty target', ''],
  ])('rejects a symlink with %s', async (_, linkname) => {
    await writeTar(archive, [{ name: 'dir/link', type: 'symlink', linkname }]);
    await expectRejected('link-escape', 'dir/link');
  });

  it('rejects a chain of links that each look inside but lead out together', async () => {
    await writeTar(archive, [
      { name: 'x/y/b', type: 'symlink', linkname: '../..' },
      { name: 'x/y/c', type: 'symlink', linkname: 'b/../../..' },
    ]);
    await expectRejected('link-escape', 'x/y/c');
  });

  it('never writes through a symlink that points outside', async () => {
    const outside = join(work, 'outside');
    await mkdir(outside);
    await writeTar(archive, [
      { name: 'a', type: 'symlink', linkname: outside },
      { name: 'a/x', content: 'pwned' },
    ]);
    await expectRejected('link-escape');
    expect(await readdir(outside)).toEqual([]);
  });

  it('lets a later real entry win over an internal symlink at the same path instead of writing through it', async () => {
    await writeTar(archive, [
      { name: 'sub/', type: 'directory' },
      { name: 'a', type: 'symlink', linkname: 'sub' },
      { name: 'a/x', content: 'data' },
    ]);
    const result = await extractArchive(archive, dest, limits);
    expect(result.skipped).toEqual([{ name: 'a', reason: 'symlink path is taken by another entry' }]);
    expect((await lstat(join(dest, 'a'))).isDirectory()).toBe(true);
    expect(await readFile(join(dest, 'a/x'), 'utf8')).toBe('data');
    expect(await readdir(join(dest, 'sub'))).toEqual([]);
  });

  it('recreates an internal hardlink as the same file', async () => {
    await writeTar(archive, [
      { name: 'orig.txt', content: 'shared' },
      { name: 'copy.txt', type: 'link', linkname: 'orig.txt' },
    ]);
    await extractArchive(archive, dest, limits);
    const [orig, copy] = await Promise.all([stat(join(dest, 'orig.txt')), stat(join(dest, 'copy.txt'))]);
    expect(copy.ino).toBe(orig.ino);
  });

  it.each(['/etc/passwd', '../../etc/passwd'])('rejects a hardlink to %j', async (linkname) => {
    await writeTar(archive, [{ name: 'passwd', type: 'link', linkname }]);
    await expectRejected('link-escape', 'hardlink passwd');
  });

  it('rejects a zip symlink pointing outside', async () => {
    await writeFile(archive, zipOf([{ name: 'l', data: Buffer.from('/etc/shadow'), unixMode: 0o120777 }]));
    await expectRejected('link-escape');
  });
});

describe('extractArchive: special files and limits', () => {
  it('skips devices and fifos and reports them', async () => {
    await writeTar(archive, [
      { name: 'null', type: 'character-device', devmajor: 1, devminor: 3 },
      { name: 'pipe', type: 'fifo' },
      { name: 'ok.txt', content: 'ok' },
    ]);
    const result = await extractArchive(archive, dest, limits);
    expect(result.skipped.map((s) => s.name)).toEqual(['null', 'pipe']);
    expect(await readdir(dest)).toEqual(['ok.txt']);
  });

  it('stops at the entry limit', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, content: 'x' }));
    await writeTar(archive, entries);
    const error = await extractArchive(archive, dest, { ...limits, maxEntries: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-many-entries' });
    expect(await exists(dest)).toBe(false);
  });

  it('stops a gzip bomb once the bytes written pass the limit', async () => {
    // 64 MiB of zeros compress to ~64 KiB; the limit is 1 MiB.
    await writeTar(archive, [{ name: 'bomb', content: Buffer.alloc(64 * 1024 * 1024) }]);
    expect((await stat(archive)).size).toBeLessThan(200 * 1024);
    await expectRejected('too-large', `${limits.maxBytes} bytes`);
  });

  it('counts bytes across all files, not per file', async () => {
    const half = Buffer.alloc(600 * 1024, 'a');
    await writeTar(archive, [
      { name: 'one', content: half },
      { name: 'two', content: half },
    ]);
    await expectRejected('too-large');
  });

  it('stops a zip bomb whose headers are honest about its size', async () => {
    await writeFile(archive, zipOf([{ name: 'bomb', data: Buffer.alloc(8 * 1024 * 1024), deflate: true }]));
    await expectRejected('too-large');
  });

  it('rejects a zip whose headers understate what the data inflates to', async () => {
    await writeFile(
      archive,
      zipOf([{ name: 'liar', data: Buffer.alloc(4 * 1024 * 1024), deflate: true, declaredSize: 10 }]),
    );
    await expectRejected('corrupt-archive', 'too many bytes');
  });
});

describe('extractArchive: corrupt input', () => {
  it('rejects a truncated tar.gz', async () => {
    await writeTar(archive, [{ name: 'a', content: Buffer.alloc(100_000, 'z') }]);
    const whole = await readFile(archive);
    await writeFile(archive, whole.subarray(0, whole.length - 100));
    await expectRejected('corrupt-archive');
  });

  it('rejects a gzip that holds no tar', async () => {
    await writeFile(archive, gzipSync(Buffer.from('not a tarball, just text\n'.repeat(40))));
    await expectRejected('corrupt-archive');
  });

  it('rejects a zip with a garbled body', async () => {
    await writeFile(archive, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]));
    await expectRejected('corrupt-archive');
  });
});
