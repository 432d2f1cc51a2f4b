import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExtractionError } from './safeExtract';
import { CacheError, createTargetCache } from './targetCache';
import type { TargetCacheOptions } from './targetCache';

async function tarGz(
  files: Record<string, string | Buffer>,
  links: Record<string, string> = {},
): Promise<Buffer> {
  const tar = pack();
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content);
  for (const [name, linkname] of Object.entries(links)) tar.entry({ name, type: 'symlink', linkname });
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Stands in for the S3 download (an injected dependency): serves known blobs and counts calls. */
class FakeStore {
  readonly blobs = new Map<string, Buffer>();
  readonly calls: string[] = [];
  delayMs = 0;

  add(bytes: Buffer): string {
    const key = sha256(bytes);
    this.blobs.set(key, bytes);
    return key;
  }

  download = async (key: string, destFile: string): Promise<void> => {
    this.calls.push(key);
    await delay(this.delayMs);
    const bytes = this.blobs.get(key);
    if (bytes === undefined) throw new Error(`no such object ${key}`);
    await writeFile(destFile, bytes);
  };
}

let dir: string;
let store: FakeStore;
let clock: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ff-cache-'));
  store = new FakeStore();
  clock = 1_700_000_000_000;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cache(overrides: Partial<TargetCacheOptions> = {}) {
  return createTargetCache({
    dir,
    maxBytes: 10 * 1024 * 1024,
    download: store.download,
    extractLimits: { maxEntries: 1000, maxBytes: 10 * 1024 * 1024 },
    now: () => (clock += 1000),
    ...overrides,
  });
}

describe('targetCache: downloads', () => {
  it('downloads a target once for concurrent acquires and gives each run its own tree', async () => {
    const sha = store.add(await tarGz({ 'app.py': 'import os\n' }));
    store.delayMs = 50;
    const c = cache();
    const workspaces = await Promise.all(
      ['r1', 'r2', 'r3', 'r4', 'r5'].map((run) => c.acquire(sha, run, 'isolated')),
    );
    expect(store.calls).toEqual([sha]);
    expect(new Set(workspaces.map((w) => w.path)).size).toBe(5);
    for (const w of workspaces) expect(await readFile(join(w.path, 'app.py'), 'utf8')).toBe('import os\n');
    await Promise.all(workspaces.map((w) => w.release()));
  });

  it('rejects bytes that do not match the sha256, keeps nothing of them, and recovers on retry', async () => {
    const good = await tarGz({ 'a.txt': 'good' });
    const sha = sha256(good);
    store.blobs.set(sha, await tarGz({ 'a.txt': 'tampered' }));
    const c = cache();
    const error = await c.acquire(sha, 'r1', 'isolated').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheError);
    expect(error).toMatchObject({ code: 'checksum-mismatch' });
    expect(await readdir(join(dir, sha))).toEqual([]);

    store.blobs.set(sha, good);
    const workspace = await c.acquire(sha, 'r1', 'isolated');
    expect(await readFile(join(workspace.path, 'a.txt'), 'utf8')).toBe('good');
    await workspace.release();
  });

  it('reuses the archive on disk after a restart, verifying it once per process', async () => {
    const sha = store.add(await tarGz({ 'a.txt': 'v1' }));
    const first = cache();
    await (await first.acquire(sha, 'r1', 'shared')).release();
    expect(store.calls).toHaveLength(1);

    const second = cache();
    const workspace = await second.acquire(sha, 'r2', 'shared');
    expect(await readFile(join(workspace.path, 'a.txt'), 'utf8')).toBe('v1');
    expect(store.calls).toHaveLength(1);
    await workspace.release();

    // Damage the archive on disk: a fresh process notices, replaces it, and drops the tree built from it.
    await writeFile(join(dir, sha, 'archive'), 'garbage');
    await writeFile(join(dir, sha, 'workspace', 'a.txt'), 'stale');
    const third = cache();
    const repaired = await third.acquire(sha, 'r3', 'shared');
    expect(store.calls).toHaveLength(2);
    expect(await readFile(join(repaired.path, 'a.txt'), 'utf8')).toBe('v1');
    await repaired.release();
  });

  it('cleans leftovers of a crashed process: partial downloads and per-run trees', async () => {
    const sha = store.add(await tarGz({ 'a.txt': 'x' }));
    const first = cache();
    await first.acquire(sha, 'crashed-run', 'isolated'); // never released: the process "dies"
    const otherSha = 'f'.repeat(64);
    await writeFile(join(dir, 'unrelated.txt'), 'not ours');
    await mkdir(join(dir, otherSha));
    await writeFile(join(dir, otherSha, `archive.tmp-123`), 'half');

    const second = cache();
    expect(await second.usage()).toMatchObject({ entries: 1 });
    expect(await exists(join(dir, sha, 'runs', 'crashed-run'))).toBe(false);
    expect(await exists(join(dir, otherSha))).toBe(false);
    expect(await readFile(join(dir, 'unrelated.txt'), 'utf8')).toBe('not ours');
  });

  it('leaves alone what a live process sharing the directory is working on', async () => {
    const sha = store.add(await tarGz({ 'a.txt': 'x' }));
    await (await cache().acquire(sha, 'r0', 'shared')).release();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(dead, 'exit');
    try {
      const [live, gone] = [other.pid as number, dead.pid as number];
      // The other process's run, with its marker, and a download of another target it has under way.
      await mkdir(join(dir, sha, 'runs', 'theirs', 'workspace'), { recursive: true });
      await mkdir(join(dir, sha, 'users'));
      await writeFile(
        join(dir, sha, 'users', `${live}-theirs`),
        JSON.stringify({ pid: live, mode: 'isolated' }),
      );
      const downloading = 'e'.repeat(64);
      await mkdir(join(dir, downloading));
      const partial = `archive.tmp-${live}-0b7c4a52-3f4e-4a53-9d1e-2f6a1c9e8b11`;
      await writeFile(join(dir, downloading, partial), 'half');
      await writeFile(join(dir, '.locks', `${downloading}.lock`), JSON.stringify({ pid: live }));
      // A run of a process that is gone.
      await mkdir(join(dir, sha, 'runs', 'crashed', 'workspace'), { recursive: true });
      await writeFile(
        join(dir, sha, 'users', `${gone}-crashed`),
        JSON.stringify({ pid: gone, mode: 'isolated' }),
      );

      const c = cache();
      expect((await c.usage()).entries).toBe(2);
      expect(await readdir(join(dir, sha, 'runs'))).toEqual(['theirs']);
      expect(await readdir(join(dir, sha, 'users'))).toEqual([`${live}-theirs`]);
      expect(await readdir(join(dir, downloading))).toEqual([partial]);
      // The live process still owns its run: the same run id is refused here, not taken over.
      await expect(c.acquire(sha, 'theirs', 'isolated')).rejects.toMatchObject({ code: 'run-in-use' });
      expect(await exists(join(dir, sha, 'runs', 'theirs', 'workspace'))).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('targetCache: modes', () => {
  it('isolated: every run gets a fresh extraction, removed on release', async () => {
    const sha = store.add(await tarGz({ 'a.txt': 'orig' }));
    const c = cache();
    const one = await c.acquire(sha, 'r1', 'isolated');
    const two = await c.acquire(sha, 'r2', 'isolated');
    expect(one.path).toBe(join(dir, sha, 'runs', 'r1', 'workspace'));
    await writeFile(join(one.path, 'a.txt'), 'changed by run 1');
    expect(await readFile(join(two.path, 'a.txt'), 'utf8')).toBe('orig');
    await one.release();
    expect(await exists(join(dir, sha, 'runs', 'r1'))).toBe(false);
    const again = await c.acquire(sha, 'r1', 'isolated');
    expect(await readFile(join(again.path, 'a.txt'), 'utf8')).toBe('orig');
    await Promise.all([two.release(), again.release()]);
  });

  it('shared: one tree for all runs, kept after release', async () => {
    const sha = store.add(await tarGz({ 'a.txt': 'orig' }));
    const c = cache();
    const [one, two] = await Promise.all([c.acquire(sha, 'r1', 'shared'), c.acquire(sha, 'r2', 'shared')]);
    expect(one.path).toBe(join(dir, sha, 'workspace'));
    expect(two.path).toBe(one.path);
    await Promise.all([one.release(), two.release()]);
    expect(await readFile(join(one.path, 'a.txt'), 'utf8')).toBe('orig');
  });

  it('copy-on-write: one base, a private copy per run, links still pointing into the copy', async () => {
    const sha = store.add(await tarGz({ 'src/a.txt': 'orig' }, { 'link.txt': 'src/a.txt' }));
    const c = cache();
    const one = await c.acquire(sha, 'r1', 'copy-on-write');
    const two = await c.acquire(sha, 'r2', 'copy-on-write');
    expect(one.path).toBe(join(dir, sha, 'runs', 'r1', 'workspace'));
    expect(await readlink(join(one.path, 'link.txt'))).toBe('src/a.txt');
    await writeFile(join(one.path, 'src/a.txt'), 'changed by run 1');
    expect(await readFile(join(two.path, 'link.txt'), 'utf8')).toBe('orig');
    expect(await readFile(join(dir, sha, 'base', 'src/a.txt'), 'utf8')).toBe('orig');
    await one.release();
    expect(await exists(join(dir, sha, 'runs', 'r1'))).toBe(false);
    expect(await exists(join(dir, sha, 'base'))).toBe(true);
    await two.release();
  });

  it('refuses the same run twice at once, and ids that are not safe directory names', async () => {
    const sha = store.add(await tarGz({ 'a.txt': 'x' }));
    const c = cache();
    const held = await c.acquire(sha, 'r1', 'isolated');
    await expect(c.acquire(sha, 'r1', 'isolated')).rejects.toMatchObject({ code: 'run-in-use' });
    await expect(c.acquire(sha, '../r1', 'isolated')).rejects.toMatchObject({ code: 'invalid-id' });
    await expect(c.acquire('ABC', 'r2', 'isolated')).rejects.toMatchObject({ code: 'invalid-id' });
    expect(await readFile(join(held.path, 'a.txt'), 'utf8')).toBe('x');
    await held.release();
  });

  it('passes an unsafe archive on as an ExtractionError and leaves no run directory', async () => {
    const sha = store.add(await tarGz({ '../escape.txt': 'x' }));
    const c = cache();
    await expect(c.acquire(sha, 'r1', 'isolated')).rejects.toBeInstanceOf(ExtractionError);
    expect(await exists(join(dir, sha, 'runs', 'r1'))).toBe(false);
    await expect(c.acquire(sha, 'r2', 'shared')).rejects.toMatchObject({ code: 'path-escape' });
    // No half-extracted shared tree (nor its temporary) that a later run could pick up.
    expect(await readdir(join(dir, sha))).toEqual(['archive', 'runs']);
    expect(await readdir(join(dir, sha, 'runs'))).toEqual([]);
  });
});

describe('targetCache: stats', () => {
  it('counts hits, misses (downloads and waits) and evictions, with the size on disk', async () => {
    const small = await tarGz({ 'a.txt': 'x' });
    const big = await tarGz({ 'blob.bin': randomBytes(600_000) });
    const [sha, bigSha] = [store.add(small), store.add(big)];
    // Room for the big target (archive and tree) but not for both: adding it evicts the small one.
    const c = cache({ maxBytes: big.length + 600_000 + 10 });
    store.delayMs = 50;
    expect(c.stats()).toEqual({
      hits: 0,
      misses: 0,
      downloads: 0,
      waits: 0,
      evictions: 0,
      bytes: 0,
      entries: 0,
    });
    const first = await Promise.all(['r1', 'r2', 'r3'].map((run) => c.acquire(sha, run, 'isolated')));
    expect(c.stats()).toMatchObject({ hits: 0, misses: 3, downloads: 1, waits: 2, entries: 1 });
    await Promise.all(first.map((w) => w.release()));
    await (await c.acquire(sha, 'r4', 'shared')).release();
    expect(c.stats()).toMatchObject({ hits: 1, misses: 3, downloads: 1, evictions: 0 });
    expect(c.stats().bytes).toBe((await c.usage()).bytes);

    await (await c.acquire(bigSha, 'r5', 'shared')).release();
    expect(c.stats()).toMatchObject({ misses: 4, downloads: 2, evictions: 1, entries: 1 });
    expect(await exists(join(dir, sha))).toBe(false);
  });
});

describe('targetCache: eviction', () => {
  // Random bytes do not compress: each entry costs ~2 x 20 KB (archive + shared tree).
  const target = async (): Promise<string> => store.add(await tarGz({ 'blob.bin': randomBytes(20_000) }));

  it('never evicts a target in use, and evicts an idle one once released', async () => {
    const [a, b] = [await target(), await target()];
    const c = cache({ maxBytes: 60_000 });
    const heldA = await c.acquire(a, 'r1', 'shared');
    const heldB = await c.acquire(b, 'r2', 'shared');
    // Both in use: over budget, yet nothing may go.
    expect((await c.usage()).entries).toBe(2);
    await heldB.release();
    expect(await exists(join(dir, b))).toBe(false);
    expect(await readFile(join(heldA.path, 'blob.bin'))).toHaveLength(20_000);
    await heldA.release();

    // An evicted target comes back through a new download.
    await (await c.acquire(b, 'r3', 'shared')).release();
    expect(store.calls.filter((s) => s === b)).toHaveLength(2);
  });

  it('evicts the least recently used idle target first', async () => {
    const [x, y, z] = [await target(), await target(), await target()];
    const c = cache({ maxBytes: 100_000 });
    await (await c.acquire(x, 'r1', 'shared')).release();
    await (await c.acquire(y, 'r2', 'shared')).release();
    await (await c.acquire(x, 'r3', 'shared')).release(); // x is now more recent than y
    await (await c.acquire(z, 'r4', 'shared')).release();
    expect(await exists(join(dir, y))).toBe(false);
    expect(await exists(join(dir, x, 'workspace'))).toBe(true);
    expect(await exists(join(dir, z, 'workspace'))).toBe(true);
    const usage = await c.usage();
    expect(usage.entries).toBe(2);
    expect(usage.bytes).toBeLessThanOrEqual(100_000);
  });
});
