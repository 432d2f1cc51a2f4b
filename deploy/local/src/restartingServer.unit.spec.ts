import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { isProcessAlive } from './lockFile';
import type { Probe } from './health';
import type { ProcessSpec } from './processSpecs';
import { startRestartingServer, type RestartingServer } from './restartingServer';
import { startWatchdog, type Watchdog } from './watchdog';

let dir: string;
let watchdog: Watchdog;
let server: RestartingServer | undefined;
const logged: Record<string, unknown>[] = [];
const log = createLogger('restart-test', {
  level: 'debug',
  write: (line) => logged.push(JSON.parse(line) as Record<string, unknown>),
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ff-restart-'));
  watchdog = startWatchdog();
  logged.length = 0;
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  watchdog.close();
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in server: a shell that appends its pid to a file (one line per start) and then sleeps. */
const spec = (): ProcessSpec => ({
  name: 'nats',
  command: '/bin/sh',
  args: ['-c', `echo $$ >> ${path.join(dir, 'starts')}; exec sleep 600`],
  stopSignal: 'SIGTERM',
  files: [],
});

const startedPids = async (): Promise<number[]> =>
  (await readFile(path.join(dir, 'starts'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
const starts = async (): Promise<number> => (await startedPids()).length;

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Healthy once the newest process has announced itself and is still alive. */
const healthy = async () => {
  const last = (await startedPids()).at(-1);
  return last !== undefined && isProcessAlive(last)
    ? ({ ok: true } as const)
    : { ok: false, reason: 'starting' };
};

function start(
  restartDelay: (recent: number) => number,
  probe: Probe = healthy,
  healthTimeoutMs = 2_000,
): Promise<RestartingServer> {
  return startRestartingServer({
    spec: spec(),
    probe,
    logDir: dir,
    log,
    watchdog,
    healthTimeoutMs,
    restartDelay,
  });
}

describe('a restarting stack server', () => {
  it('comes back with a new process after a crash, healthy again, and says so loudly', async () => {
    server = await start(() => 50);
    const first = server.pid()!;
    server.crash();
    await until(() => server!.pid() !== undefined && server!.pid() !== first);
    await server.healthy();
    expect(isProcessAlive(first)).toBe(false);
    expect(isProcessAlive(server.pid()!)).toBe(true);
    expect(server.restarts()).toBe(1);
    expect(await starts()).toBe(2);
    expect(logged.some((l) => l['level'] === 'error' && String(l['msg']).startsWith('nats is down'))).toBe(
      true,
    );
    expect(logged.some((l) => l['msg'] === 'nats is back after a crash')).toBe(true);
  });

  it('backs off more with every recent crash', async () => {
    const asked: number[] = [];
    server = await start((recent) => {
      asked.push(recent);
      return 10;
    });
    for (let i = 0; i < 3; i++) {
      const before = server.pid()!;
      server.crash();
      await until(() => server!.pid() !== undefined && server!.pid() !== before);
      await server.healthy();
    }
    expect(asked).toEqual([1, 2, 3]);
  });

  it('keeps trying while a restarted process never becomes healthy, then recovers', async () => {
    let healthyAgain = true;
    server = await start(
      () => 10,
      async () => (healthyAgain ? healthy() : { ok: false, reason: 'not yet' }),
      200,
    );
    healthyAgain = false;
    server.crash();
    // Two restarts that never pass the probe: each is killed when its health wait times out.
    await until(async () => (await starts()) >= 3);
    healthyAgain = true;
    await server.healthy();
    const pids = await startedPids();
    expect(pids.slice(0, -1).every((pid) => !isProcessAlive(pid))).toBe(true);
    expect(server.pid()).toBe(pids.at(-1));
  });

  it('is not restarted once stopped, even with a restart already scheduled', async () => {
    server = await start(() => 300);
    const pid = server.pid()!;
    server.crash();
    await until(() => !isProcessAlive(pid));
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await starts()).toBe(1);
    expect(server.pid()).toBeUndefined();
    await expect(server.healthy()).rejects.toThrow('nats was stopped');
  });

  it('stops without a restart when asked to stop normally', async () => {
    server = await start(() => 10);
    const pid = server.pid()!;
    await server.stop();
    expect(isProcessAlive(pid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await starts()).toBe(1);
    expect(logged.some((l) => l['level'] === 'error')).toBe(false);
  });
});
