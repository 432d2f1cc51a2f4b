import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tryLock, waitForLock } from './fileLock';
import { selfOwner, stalenessAgainst } from './processProbe';
import type { ChildProcess } from 'node:child_process';
import type { LockOptions } from './fileLock';

let dir: string;
let lock: string;
let o: LockOptions;
const children: ChildProcess[] = [];

/** A real process that stays alive until the test ends: the other worker holding a lock. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid as number;
}

/** The pid of a process that has exited and been reaped: a crashed holder. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid as number;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ff-lock-'));
  lock = join(dir, 'target.lock');
  const self = await selfOwner();
  o = { self, isStaleOwner: stalenessAgainst(self) };
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('fileLock', () => {
  it('is exclusive, and free again once released', async () => {
    const first = await tryLock(lock, o);
    expect(first.acquired).toBe(true);
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    expect((await tryLock(lock, o)).acquired).toBe(false);
    if (first.acquired) await first.release();
    expect((await tryLock(lock, o)).acquired).toBe(true);
  });

  it('leaves a live process its lock, and takes over the lock of a dead one', async () => {
    await writeFile(lock, JSON.stringify({ pid: liveProcess() }));
    expect((await tryLock(lock, o)).acquired).toBe(false);

    await writeFile(lock, JSON.stringify({ pid: await deadPid() }));
    expect((await tryLock(lock, o)).acquired).toBe(true);
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ instance: o.self.instance });
    expect(await readdir(dir)).toEqual(['target.lock']); // no draft, no break guard left behind
  });

  it('gives a dead holder’s lock to exactly one of many contenders', async () => {
    await writeFile(lock, JSON.stringify({ pid: await deadPid() }));
    const attempts = await Promise.all(Array.from({ length: 8 }, () => tryLock(lock, o)));
    expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
  });

  it('does not remove a lock that is no longer its own', async () => {
    const first = await tryLock(lock, o);
    const other = JSON.stringify({ pid: liveProcess() });
    await writeFile(lock, other); // as if broken by mistake and taken by another process
    if (first.acquired) await first.release();
    expect(await readFile(lock, 'utf8')).toBe(other);
  });

  it('waits for a live holder, and gives up with lock-timeout', async () => {
    const held = await tryLock(lock, o);
    const waiting = waitForLock(lock, { ...o, timeoutMs: 5_000 });
    setTimeout(() => void (held.acquired && held.release()), 100);
    const release = await waiting;
    await release();

    await writeFile(lock, JSON.stringify({ pid: liveProcess() }));
    await expect(waitForLock(lock, { ...o, timeoutMs: 150 })).rejects.toMatchObject({ code: 'lock-timeout' });
  });
});
