import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectArchiveFormat, ExtractionError, type ExtractionErrorCode } from '@fuzzforge/platform/archive';
import { overlappingZipBomb, tarOf, zipOf } from '@fuzzforge/platform/archive-testsupport';
import { inspectArchive } from './archiveInspection';
import { defaultArchiveLimits, type ArchiveLimits } from './archiveLimits';

const limits: ArchiveLimits = {
  maxEntries: 100,
  maxBytes: 1024 * 1024,
  maxCompressionRatio: 100,
  ratioExemptBytes: 256 * 1024,
};

let tempDir: string;
beforeEach(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'ff-inspect-test-'));
});
afterEach(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

/** Feeds `bytes` in small chunks, as a network would, and reports how the inspection ended. */
async function inspect(bytes: Buffer, with_: ArchiveLimits = limits): Promise<ExtractionError | undefined> {
  const inspection = inspectArchive(detectArchiveFormat(bytes), { limits: with_, tempDir });
  try {
    for (let at = 0; at < bytes.length; at += 16 * 1024)
      await inspection.write(bytes.subarray(at, at + 16 * 1024));
    await inspection.end();
    return undefined;
  } catch (error) {
    await inspection.abort();
    if (error instanceof ExtractionError) return error;
    throw error;
  }
}

async function expectRefused(
  bytes: Buffer,
  code: ExtractionErrorCode,
  entry?: string,
  with_?: ArchiveLimits,
) {
  const refusal = await inspect(bytes, with_);
  expect(refusal, `expected ${code}`).toBeInstanceOf(ExtractionError);
  expect(refusal?.code).toBe(code);
  if (entry !== undefined) expect(refusal?.entry).toBe(entry);
  // Nothing of a zip is left waiting on disk.
  expect(await readdir(tempDir)).toEqual([]);
  return refusal!;
}

describe('upload inspection: archives a worker would extract', () => {
  it('refuses a tiny archive whose one entry is nested 30000 directories deep', async () => {
    // Without the PATH_MAX cap this one 238-byte entry cost seconds and ~1 GB before being judged.
    await expectRefused(await tarOf([{ name: `0/${'x/'.repeat(30_000)}f`, content: 'x' }]), 'name-too-long');
  });

  it('accepts a tar.gz with directories, an internal symlink and a hardlink', async () => {
    const archive = await tarOf([
      { name: './', type: 'directory' },
      { name: 'src/main.py', content: 'print("hi")\n' },
      { name: 'latest', type: 'symlink', linkname: 'src/main.py' },
      { name: 'copy.py', type: 'link', linkname: 'src/main.py' },
      { name: 'null', type: 'character-device', devmajor: 1, devminor: 3 },
    ]);
    expect(await inspect(archive)).toBeUndefined();
  });

  it('accepts an uncompressed tar and a zip with an internal symlink, leaving no temporary file', async () => {
    expect(await inspect(await tarOf([{ name: 'a.txt', content: 'plain' }], false))).toBeUndefined();
    const zip = zipOf([
      { name: 'pkg/', unixMode: 0o040755 },
      { name: 'pkg/data.txt', data: Buffer.from('x'.repeat(5000)), deflate: true },
      { name: 'link', data: Buffer.from('pkg/data.txt'), unixMode: 0o120777 },
    ]);
    expect(await inspect(zip)).toBeUndefined();
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('passes a plain file, whatever it holds', async () => {
    expect(await inspect(Buffer.from('#!/bin/sh\necho ../../etc/passwd\n'))).toBeUndefined();
    expect(await inspect(Buffer.alloc(4 * 1024 * 1024))).toBeUndefined();
  });

  it('lets a later real entry win over a symlink at the same path, as extraction does', async () => {
    const archive = await tarOf([
      { name: 'a', type: 'symlink', linkname: '../../outside' },
      { name: 'a/x', content: 'data' },
    ]);
    // The link's own text climbs out: refused before any question of who wins.
    await expectRefused(archive, 'link-escape', 'a');
    const inside = await tarOf([
      { name: 'sub/', type: 'directory' },
      { name: 'a', type: 'symlink', linkname: 'sub' },
      { name: 'a/x', content: 'data' },
    ]);
    expect(await inspect(inside)).toBeUndefined();
  });
});

describe('upload inspection: entries that escape', () => {
  it.each([
    ['../evil', 'contains a ".." segment'],
    ['ok/../../evil', 'contains a ".." segment'],
    ['/etc/cron.d/evil', 'absolute path'],
    ['..\\evil', 'backslash'],
  ])('refuses tar entry %j', async (name, why) => {
    const refusal = await expectRefused(
      await tarOf([
        { name: 'fine.txt', content: 'first' },
        { name, content: 'pwned' },
      ]),
      'path-escape',
      name,
    );
    expect(refusal.message).toContain(why);
  });

  it.each(['../evil', '/evil'])('refuses zip entry %j', async (name) => {
    await expectRefused(zipOf([{ name, data: Buffer.from('pwned') }]), 'path-escape', name);
  });

  it('refuses a hostile name even on an entry a worker would skip', async () => {
    await expectRefused(await tarOf([{ name: '../dev', type: 'fifo' }]), 'path-escape', '../dev');
  });
});

describe('upload inspection: links that lead out', () => {
  it.each([
    ['an absolute target', '/etc'],
    ['a target above the root', '../../..'],
    ['an empty target', ''],
  ])('refuses a tar symlink with %s', async (_, linkname) => {
    await expectRefused(
      await tarOf([{ name: 'dir/link', type: 'symlink', linkname }]),
      'link-escape',
      'dir/link',
    );
  });

  it('refuses links that each look inside but lead out together, resolved as the kernel would', async () => {
    const archive = await tarOf([
      { name: 'x/y/b', type: 'symlink', linkname: '../..' },
      { name: 'x/y/c', type: 'symlink', linkname: 'b/../../..' },
    ]);
    await expectRefused(archive, 'link-escape', 'x/y/c');
  });

  it.each(['/etc/passwd', '../../etc/passwd'])('refuses a hardlink to %j', async (linkname) => {
    await expectRefused(await tarOf([{ name: 'passwd', type: 'link', linkname }]), 'link-escape', 'passwd');
  });

  it('refuses a zip symlink pointing outside', async () => {
    const zip = zipOf([{ name: 'l', data: Buffer.from('/etc/shadow'), unixMode: 0o120777 }]);
    await expectRefused(zip, 'link-escape', 'l');
  });
});

describe('upload inspection: limits and bombs', () => {
  it('refuses more entries than a worker would extract', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, content: 'x' }));
    await expectRefused(await tarOf(entries), 'too-many-entries', 'f10', { ...limits, maxEntries: 10 });
  });

  it('counts content bytes across files against the byte limit', async () => {
    const half = Buffer.from(Array.from({ length: 600 * 1024 }, (_, i) => i % 251));
    const archive = await tarOf([
      { name: 'one', content: half },
      { name: 'two', content: half },
    ]);
    await expectRefused(archive, 'too-large', 'two', { ...limits, ratioExemptBytes: Infinity });
  });

  it('refuses a gzip bomb by its ratio long before the byte limit', async () => {
    const bomb = await tarOf([{ name: 'bomb', content: Buffer.alloc(64 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(128 * 1024);
    const refusal = await expectRefused(bomb, 'compression-ratio', undefined, {
      ...limits,
      maxBytes: defaultArchiveLimits.maxBytes,
    });
    expect(refusal.message).toContain('more than 100 times');
  });

  it('refuses an overlapping zip bomb by its ratio', async () => {
    const bomb = overlappingZipBomb(1000, 1024 * 1024);
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expectRefused(bomb, 'compression-ratio', undefined, {
      ...limits,
      maxBytes: defaultArchiveLimits.maxBytes,
    });
  });

  it('never judges the ratio of an expansion below the exemption', async () => {
    const small = await tarOf([{ name: 'zeros', content: Buffer.alloc(200 * 1024) }]);
    expect(await inspect(small)).toBeUndefined();
  });
});

describe('upload inspection: unreadable archives', () => {
  it('refuses a gzip that holds no tar, a truncated tar.gz and a garbled zip as corrupt', async () => {
    await expectRefused(gzipSync(Buffer.from('not a tarball\n'.repeat(100))), 'corrupt-archive');
    const whole = await tarOf([{ name: 'a', content: Buffer.alloc(100_000, 'z') }]);
    await expectRefused(whole.subarray(0, whole.length - 100), 'corrupt-archive');
    await expectRefused(
      Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(600, 7)]),
      'corrupt-archive',
    );
  });
});
