import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockHolder, tryLock } from './lockFile';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ff-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$']);
  return Number(child.stdout.toString().trim());
}

describe('stack lock file', () => {
  it('is exclusive while held, even within the same process, and free again once released', async () => {
    const file = path.join(dir, 'stack.lock');
    const first = await tryLock(file);
    expect(first.acquired).toBe(true);
    expect(await tryLock(file)).toEqual({ acquired: false, pid: process.pid });
    expect(await lockHolder(file)).toBe(process.pid);
    if (first.acquired) await first.release();
    expect(await lockHolder(file)).toBeUndefined();
    expect((await tryLock(file)).acquired).toBe(true);
  });

  it('takes over a lock left by a process that died', async () => {
    const file = path.join(dir, 'stack.lock');
    const dead = deadPid();
    await writeFile(file, JSON.stringify({ pid: dead }));
    expect(await tryLock(file)).toMatchObject({ acquired: true, staleFrom: dead });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over an unreadable lock', async () => {
    const file = path.join(dir, 'stack.lock');
    await writeFile(file, 'garbage');
    expect((await tryLock(file)).acquired).toBe(true);
  });
});
