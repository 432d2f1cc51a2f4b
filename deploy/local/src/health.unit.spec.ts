import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { volumeIdsOnDisk, waitUntilHealthy, type Probe } from './health';
import type { ExitInfo, Supervised } from './supervisor';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ff-health-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for a started server: only its log and its exit matter to the wait. */
async function fakeServer(exited: Promise<ExitInfo>): Promise<Supervised> {
  const logFile = path.join(dir, 'temporal.log');
  await writeFile(logFile, "starting\nError: can't set metrics port 7244: bind: address already in use\n");
  return { name: 'temporal', pid: 1, logFile, exited, stop: () => Promise.resolve(), kill: () => undefined };
}

const never: Probe = () =>
  Promise.resolve({ ok: false, reason: 'GET /api/v1/namespaces/default: ECONNREFUSED' });

describe('waitUntilHealthy', () => {
  it('gives up after the timeout, naming the service, the last failed check and the end of its log', async () => {
    const server = await fakeServer(new Promise(() => undefined));
    const waiting = waitUntilHealthy(server, never, { timeoutMs: 300, intervalMs: 50 });
    await expect(waiting).rejects.toMatchObject({ code: 'health-timeout' });
    await expect(waiting).rejects.toThrow(/temporal not healthy.*ECONNREFUSED[\s\S]*address already in use/);
  });

  it('fails at once when the process dies while starting', async () => {
    const server = await fakeServer(Promise.resolve({ code: 1, signal: null }));
    const started = Date.now();
    const waiting = waitUntilHealthy(server, never, { timeoutMs: 60_000, intervalMs: 50 });
    await expect(waiting).rejects.toMatchObject({ code: 'start-failed', hint: `read ${server.logFile}` });
    await expect(waiting).rejects.toThrow(
      /temporal exited while starting \(code 1[\s\S]*address already in use/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('returns as soon as the probe passes', async () => {
    const server = await fakeServer(new Promise(() => undefined));
    let calls = 0;
    const third: Probe = () =>
      Promise.resolve(++calls >= 3 ? { ok: true } : { ok: false, reason: 'not yet' });
    await waitUntilHealthy(server, third, { timeoutMs: 5_000, intervalMs: 10 });
    expect(calls).toBe(3);
  });
});

describe('volumeIdsOnDisk', () => {
  it('finds the SeaweedFS volumes, with or without a collection prefix, and nothing else', () => {
    const files = [
      '1.dat',
      '1.idx',
      'fuzzforge_12.dat',
      'my_bucket_3.dat',
      'filerldb2',
      'mini.options',
      'x.dat',
    ];
    expect(volumeIdsOnDisk(files)).toEqual([1, 12, 3]);
  });
});
