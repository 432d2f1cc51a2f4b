import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTool, ToolError } from './toolRunner';
import type { ToolRunOptions } from './toolRunner';

let work: string;
let pidFile: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'ff-tool-'));
  pidFile = join(work, 'pid');
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const sh = (script: string, extra: Partial<ToolRunOptions> = {}) =>
  runTool({ command: 'sh', args: ['-c', script], cwd: work, timeoutMs: 10_000, ...extra });

/** Dead or a zombie: either way the process runs no more code (init may not have reaped it yet). */
async function isGone(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined || / Z /.test(stat.slice(stat.lastIndexOf(')') + 1, stat.lastIndexOf(')') + 4));
}

async function eventuallyGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i += 1) {
    if (await isGone(pid)) return true;
    await delay(25);
  }
  return false;
}

const recordedPid = async (): Promise<number> => Number((await readFile(pidFile, 'utf8')).trim());

describe('runTool', () => {
  it('reports exit code, stdout and stderr', async () => {
    const result = await sh('echo out; echo err >&2; exit 3');
    expect(result).toMatchObject({ exitCode: 3, signal: null, stdout: 'out\n', stderr: 'err\n' });
    expect(result).toMatchObject({ timedOut: false, cancelled: false, stdoutTruncated: false });
  });

  it('on timeout kills the whole process group, grandchildren included', async () => {
    const result = await sh(`sleep 100 & echo $! > ${pidFile}; wait`, { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, cancelled: false, exitCode: null, signal: 'SIGTERM' });
    expect(result.durationMs).toBeLessThan(5_000);
    expect(await eventuallyGone(await recordedPid())).toBe(true);
  });

  it('follows up with SIGKILL when the group ignores SIGTERM', async () => {
    const result = await sh(`trap '' TERM; sleep 100 & echo $! > ${pidFile}; wait`, {
      timeoutMs: 200,
      killGraceMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    expect(await eventuallyGone(await recordedPid())).toBe(true);
  });

  it('leaves no process behind when the tool exits but its child keeps running', async () => {
    // The orphan also holds stdout open, which would otherwise keep the run waiting.
    const result = await sh(`sleep 100 & echo $! > ${pidFile}; echo done`);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'done\n', timedOut: false });
    expect(await eventuallyGone(await recordedPid())).toBe(true);
  });

  it('stops the tool when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await sh(`sleep 100 & echo $! > ${pidFile}; wait`, { signal: controller.signal });
    expect(result).toMatchObject({ cancelled: true, timedOut: false, signal: 'SIGTERM' });
    expect(await eventuallyGone(await recordedPid())).toBe(true);
  });

  it('does not start a tool whose signal has already aborted', async () => {
    const result = await sh('touch started', { signal: AbortSignal.abort() });
    expect(result.cancelled).toBe(true);
    await expect(readFile(join(work, 'started'))).rejects.toThrow();
  });

  it('sends heartbeats with elapsed time and output seen so far', async () => {
    const beats: { elapsedMs: number; stdoutBytes: number }[] = [];
    await sh('printf abc; sleep 0.6', { heartbeatIntervalMs: 100, onHeartbeat: (info) => beats.push(info) });
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats.map((b) => b.elapsedMs)).toEqual([...beats.map((b) => b.elapsedMs)].sort((a, b) => a - b));
    expect(beats.at(-1)?.stdoutBytes).toBe(3);
  });

  it('stops the tool and rejects when the heartbeat callback throws', async () => {
    const started = Date.now();
    const run = sh(`sleep 100 & echo $! > ${pidFile}; wait`, {
      heartbeatIntervalMs: 100,
      onHeartbeat: () => {
        throw new Error('heartbeat rejected');
      },
    });
    await expect(run).rejects.toThrow('heartbeat rejected');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await eventuallyGone(await recordedPid())).toBe(true);
  });

  it('keeps the head of a long stdout and the tail of a long stderr', async () => {
    const out = await sh('yes a | head -c 100000', { maxOutputBytes: 1000 });
    expect(out.stdout).toBe('a\n'.repeat(500));
    expect(out.stdoutTruncated).toBe(true);

    const err = await sh('i=0; while [ $i -lt 3000 ]; do echo line$i >&2; i=$((i+1)); done', {
      maxOutputBytes: 1000,
    });
    expect(err.stderr.length).toBeLessThanOrEqual(1000);
    expect(err.stderr.endsWith('line2998\nline2999\n')).toBe(true);
    expect(err.stderrTruncated).toBe(true);
  });

  it("passes a minimal environment: PATH, HOME, LANG and what was asked, not this process's secrets", async () => {
    process.env.FF_TEST_SECRET_KEY = 'do-not-leak';
    try {
      const { stdout } = await runTool({
        command: 'env',
        args: [],
        cwd: work,
        timeoutMs: 5_000,
        env: { EXTRA: '1' },
      });
      const names = stdout
        .trim()
        .split('\n')
        .map((line) => line.split('=')[0]);
      expect(names).not.toContain('FF_TEST_SECRET_KEY');
      expect(names).toEqual(expect.arrayContaining(['PATH', 'LANG', 'EXTRA']));
      expect(
        names.every((name) => ['PATH', 'HOME', 'LANG', 'EXTRA', 'PWD', 'SHLVL', '_'].includes(name ?? '')),
      ).toBe(true);
    } finally {
      delete process.env.FF_TEST_SECRET_KEY;
    }
  });

  it('rejects a missing command with not-found, naming it', async () => {
    const error = await runTool({ command: 'ff-no-such-tool', args: [], cwd: work, timeoutMs: 1_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({ code: 'not-found' });
    expect((error as ToolError).message).toContain('ff-no-such-tool');
  });

  it('rejects other start failures with spawn-failed', async () => {
    const script = join(work, 'not-executable.sh');
    await writeFile(script, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    await expect(runTool({ command: script, args: [], cwd: work, timeoutMs: 1_000 })).rejects.toMatchObject({
      code: 'spawn-failed',
    });
    const missingCwd = runTool({ command: 'sh', args: [], cwd: join(work, 'missing'), timeoutMs: 1_000 });
    await expect(missingCwd).rejects.toMatchObject({ code: 'spawn-failed' });
    await expect(missingCwd).rejects.toThrow('working directory');
  });

  it('kills the tool group when the parent process exits while the tool runs', async () => {
    const parent = join(work, 'parent.ts');
    const runner = fileURLToPath(new URL('./toolRunner.ts', import.meta.url));
    await writeFile(
      parent,
      [
        `import { existsSync } from 'node:fs';`,
        `import { runTool } from ${JSON.stringify(runner)};`,
        `void runTool({ command: 'sh', args: ['-c', 'sleep 100 & echo $! > ${pidFile}; wait'], cwd: '/', timeoutMs: 60000 });`,
        `const poll = setInterval(() => { if (existsSync(${JSON.stringify(pidFile)})) { clearInterval(poll); setTimeout(() => process.exit(0), 50); } }, 20);`,
      ].join('\n'),
    );
    const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
    await promisify(execFile)(process.execPath, ['--import', 'tsx', parent], {
      cwd: repoRoot,
      timeout: 30_000,
    });
    expect(await eventuallyGone(await recordedPid())).toBe(true);
  }, 30_000);
});
