import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { TargetCacheStats } from './targetCache';

// Real worker processes (not worker threads: locks and markers are per pid) sharing one cache directory.
const script = fileURLToPath(new URL('./__testsupport__/cacheProcess.ts', import.meta.url));

interface Reply {
  path?: string;
  stats?: TargetCacheStats;
  error?: string;
  code?: string;
}

/** A child process running `cacheProcess.ts`, asked one command at a time. */
class CacheProcess {
  private readonly pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  readonly exited: Promise<unknown>;

  constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.pending.shift()?.resolve(JSON.parse(line) as Reply);
    });
    this.exited = once(child, 'exit').then(() => {
      for (const waiter of this.pending.splice(0)) waiter.reject(new Error(`process ${this.pid} exited`));
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  request(command: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(command + '\n');
    });
  }

  /** Like a worker crash: no release, no cleanup. Returns once the process is gone and reaped. */
  async crash(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end();
    await this.exited;
  }
}

let dir: string;
let cacheDir: string;
let storeDir: string;
let downloadsLog: string;
const processes: CacheProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ff-cache-mp-'));
  [cacheDir, storeDir] = [join(dir, 'cache'), join(dir, 'store')];
  downloadsLog = join(dir, 'downloads.log');
  await Promise.all([mkdir(storeDir), writeFile(downloadsLog, '')]);
});

afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.crash()));
  await rm(dir, { recursive: true, force: true });
});

/** Starts a worker process and waits until it answers. */
async function startProcess(o: { maxBytes?: number; chunkDelayMs: number }): Promise<CacheProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      FF_TEST_CACHE_DIR: cacheDir,
      FF_TEST_STORE: storeDir,
      FF_TEST_DOWNLOADS: downloadsLog,
      FF_TEST_CHUNK_DELAY_MS: String(o.chunkDelayMs),
      FF_TEST_MAX_BYTES: String(o.maxBytes ?? 100 * 1024 * 1024),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const started = new CacheProcess(child);
  processes.push(started);
  await started.request('stats');
  return started;
}

/** Puts a tar.gz of `files` in the store the processes download from; returns its sha256. */
async function addTarget(files: Record<string, string | Buffer>): Promise<string> {
  const tar = pack();
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  const bytes = gzipSync(Buffer.concat(chunks));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(storeDir, sha256), bytes);
  return sha256;
}

const downloads = async (): Promise<string[]> =>
  (await readFile(downloadsLog, 'utf8')).split('\n').filter((line) => line !== '');
const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

function workspaceOf(reply: Reply): string {
  expect(reply.error).toBeUndefined();
  return reply.path as string;
}

describe('targetCache shared by worker processes', { timeout: 60_000 }, () => {
  it('downloads a target once for three processes, and gives each a correct workspace', async () => {
    const sha = await addTarget({ 'app.py': 'print("hello")\n' });
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => startProcess({ chunkDelayMs: 150 })));
    if (a === undefined || b === undefined || c === undefined) throw new Error('not started');
    const first = a.request(`acquire ${sha} run-a isolated`);
    await until(async () => (await downloads()).length === 1, "a's download to start");
    // b and c start (and sweep the cache) while a's download is under way: they must wait, not retry.
    const replies = await Promise.all([
      first,
      b.request(`acquire ${sha} run-b isolated`),
      c.request(`acquire ${sha} run-c copy-on-write`),
    ]);

    expect(await downloads()).toEqual([`${a.pid} ${sha}`]);
    const paths = replies.map(workspaceOf);
    expect(new Set(paths).size).toBe(3);
    for (const path of paths) expect(await readFile(join(path, 'app.py'), 'utf8')).toBe('print("hello")\n');
    expect(replies.map((r) => r.stats)).toMatchObject([
      { downloads: 1, misses: 1, waits: 0, hits: 0 },
      { downloads: 0, misses: 1, waits: 1, hits: 0 },
      { downloads: 0, misses: 1, waits: 1, hits: 0 },
    ]);
    expect((await readdir(join(cacheDir, sha, 'users'))).sort()).toEqual(
      [`${a.pid}-run-a`, `${b.pid}-run-b`, `${c.pid}-run-c`].sort(),
    );

    await Promise.all([a.request('release run-a'), b.request('release run-b'), c.request('release run-c')]);
    expect(await exists(join(cacheDir, sha, 'users'))).toBe(false);
    expect(await readdir(join(cacheDir, sha, 'runs'))).toEqual([]);
    // A later acquire anywhere is a hit.
    expect((await b.request(`acquire ${sha} run-d shared`)).stats).toMatchObject({ hits: 1 });
  });

  it('never evicts a target another process uses, until that process is killed', async () => {
    // Random bytes do not compress: each target costs ~2 x 20 KB (archive + shared tree); room for one.
    const blob = (): Buffer => randomBytes(20_000);
    const [x, y, z] = [
      await addTarget({ 'x.bin': blob() }),
      await addTarget({ 'y.bin': blob() }),
      await addTarget({ 'z.bin': blob() }),
    ];
    const a = await startProcess({ maxBytes: 60_000, chunkDelayMs: 1 });
    const b = await startProcess({ maxBytes: 60_000, chunkDelayMs: 1 });

    const held = workspaceOf(await a.request(`acquire ${x} run-a shared`));
    workspaceOf(await b.request(`acquire ${y} run-b shared`));
    const afterY = await b.request('release run-b');
    // Over budget: b may only evict its own idle target, not the one a is using.
    expect(afterY.stats).toMatchObject({ evictions: 1 });
    expect(await exists(join(cacheDir, y))).toBe(false);
    expect(await readFile(join(held, 'x.bin'))).toHaveLength(20_000);

    await a.crash();
    // a's marker outlives it; being a dead process's, it no longer protects x.
    expect(await exists(join(cacheDir, x, 'users', `${a.pid}-run-a`))).toBe(true);
    workspaceOf(await b.request(`acquire ${z} run-c shared`));
    const afterZ = await b.request('release run-c');
    expect(afterZ.stats).toMatchObject({ evictions: 2 });
    expect(await exists(join(cacheDir, x))).toBe(false);
    expect(await exists(join(cacheDir, z, 'workspace', 'z.bin'))).toBe(true);
  });

  it('recovers the lock and partial download of a process killed mid-download', async () => {
    const sha = await addTarget({ 'a.txt': 'complete' });
    const a = await startProcess({ chunkDelayMs: 60_000 }); // its download never finishes
    const doomed = a.request(`acquire ${sha} run-a isolated`).catch((error: unknown) => error);
    await until(async () => (await downloads()).length === 1, "a's download to start");
    const lock = JSON.parse(await readFile(join(cacheDir, '.locks', `${sha}.lock`), 'utf8')) as {
      pid: number;
    };
    expect(lock.pid).toBe(a.pid);
    expect((await readdir(join(cacheDir, sha))).filter((name) => name.includes('.tmp-'))).toHaveLength(1);

    await a.crash();
    expect(await doomed).toBeInstanceOf(Error);
    const b = await startProcess({ chunkDelayMs: 1 });
    const path = workspaceOf(await b.request(`acquire ${sha} run-b isolated`));
    expect(await readFile(join(path, 'a.txt'), 'utf8')).toBe('complete');
    expect(await downloads()).toEqual([`${a.pid} ${sha}`, `${b.pid} ${sha}`]);
    // Nothing of a is left: no partial archive, no marker, no lock draft.
    expect((await readdir(join(cacheDir, sha))).sort()).toEqual(['archive', 'runs', 'users']);
    expect(await readdir(join(cacheDir, sha, 'users'))).toEqual([`${b.pid}-run-b`]);
    expect((await readdir(join(cacheDir, '.locks'))).filter((name) => !name.endsWith('.lock'))).toEqual([]);
  });
});
