import { spawn } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** What to run, where, and for how long. */
export interface ToolRunOptions {
  command: string;
  args: string[];
  cwd: string;
  /** Added to the minimal PATH/HOME/LANG environment; nothing else of this process's env is passed on. */
  env?: Record<string, string>;
  timeoutMs: number;
  /** Default 10 s when `onHeartbeat` is given. */
  heartbeatIntervalMs?: number;
  /** Called while the tool runs; if it throws, the tool is stopped and `runTool` rejects with that error. */
  onHeartbeat?: (info: { elapsedMs: number; stdoutBytes: number }) => void;
  signal?: AbortSignal;
  /** Cap on captured stdout (its head is kept) and stderr (its tail is kept); default 16 MiB each. */
  maxOutputBytes?: number;
  /** Time between SIGTERM and SIGKILL when the tool's process group is stopped; default 2 s. */
  killGraceMs?: number;
}

/** How a tool run ended; a non-zero exit is a result, not an error. */
export interface ToolRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The output went past `maxOutputBytes` and was cut: a parser should not trust a cut stdout. */
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
}

/** The tool could not be started at all. */
export type ToolErrorCode = 'not-found' | 'spawn-failed';

/** Raised only when the tool never started; a failing tool is reported in `ToolRunResult`. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: ToolErrorCode;

  constructor(code: ToolErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_KILL_GRACE_MS = 2_000;
/** setTimeout fires at once for longer delays; a longer timeout is effectively none anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long to wait for output still in the pipes once the whole group is gone. */
const PIPE_DRAIN_MS = 1_000;

/** Process groups of running tools, killed if this process exits before they do. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function track(pgid: number): void {
  if (!exitHookInstalled) {
    // 'exit' handlers must be synchronous: SIGKILL is the only stop that needs no waiting.
    process.on('exit', () => {
      for (const group of liveGroups) signalGroup(group, 'SIGKILL');
    });
    exitHookInstalled = true;
  }
  liveGroups.add(pgid);
}

/** Signals every process in the group; false once the group has no process left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM: members exist that we may not signal (e.g. setuid); ESRCH: the group is empty.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a process of the group can still run code. Zombies are left out: orphans wait for init to
 * reap them, which some container inits do only every second or so. Without procfs, any member counts.
 */
async function groupRunning(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false;
  const pids = await readdir('/proc').catch(() => undefined);
  if (pids === undefined) return true;
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // After the parenthesised command name come: state, ppid, pgrp.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

/** SIGTERM to the whole group, then SIGKILL to whatever is still there after the grace period. */
async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = performance.now() + graceMs;
  while (performance.now() < deadline) {
    await delay(Math.min(50, graceMs));
    if (!(await groupRunning(pgid))) return;
  }
  signalGroup(pgid, 'SIGKILL');
}

/** Keeps at most `limit` bytes of a stream: its head (for parsing) or its tail (where errors are). */
class OutputCapture {
  private chunks: Buffer[] = [];
  private kept = 0;
  total = 0;
  truncated = false;

  constructor(
    private readonly limit: number,
    private readonly keep: 'head' | 'tail',
  ) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.keep === 'head') {
      const room = this.limit - this.kept;
      if (chunk.length > room) this.truncated = true;
      if (room <= 0) return;
      const part = chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
      return;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
    for (let first = this.chunks[0]; first !== undefined && this.kept - first.length >= this.limit;) {
      this.chunks.shift();
      this.kept -= first.length;
      this.truncated = true;
      first = this.chunks[0];
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    if (all.length <= this.limit) return all.toString('utf8');
    this.truncated = true;
    return all.subarray(all.length - this.limit).toString('utf8');
  }
}

function toolEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' };
  for (const key of ['PATH', 'HOME', 'LANG'] as const) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}

function spawnFailure(command: string, error: NodeJS.ErrnoException): ToolError {
  if (error.code === 'ENOENT')
    return new ToolError('not-found', `command not found: ${command}`, { cause: error });
  return new ToolError('spawn-failed', `could not start ${command}: ${error.message}`, { cause: error });
}

/**
 * Runs a tool in its own process group with a minimal environment, a timeout and cancellation, and
 * stops the whole group (children and grandchildren) when the tool times out, is cancelled, exits
 * leaving processes behind, or when this process exits first. Only a kill -9 of this process can
 * leave the group running.
 */
export async function runTool(o: ToolRunOptions): Promise<ToolRunResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const stdout = new OutputCapture(o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES, 'head');
  const stderr = new OutputCapture(o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES, 'tail');
  let timedOut = false;
  let cancelled = o.signal?.aborted === true;
  const result = (
    exitCode: number | null,
    signal: NodeJS.Signals | null,
    durationMs: number,
  ): ToolRunResult => ({
    exitCode,
    signal,
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutTruncated: stdout.truncated,
    stderrTruncated: stderr.truncated,
    timedOut,
    cancelled,
    durationMs,
  });
  if (cancelled) return result(null, null, 0);

  // Checked first: spawn reports a missing cwd as ENOENT, indistinguishable from a missing command.
  const cwdStats = await stat(o.cwd).catch(() => undefined);
  if (cwdStats?.isDirectory() !== true) {
    throw new ToolError('spawn-failed', `working directory ${o.cwd} does not exist`);
  }

  const child = spawn(o.command, o.args, {
    cwd: o.cwd,
    env: toolEnv(o.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Listening before the first await: nothing the tool does can be missed.
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (code, signal) => resolve([code, signal])),
  );
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(spawnFailure(o.command, error)));
  });
  // detached: true made the tool a group leader, so its pid is the group id.
  const pgid = child.pid as number;
  track(pgid);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopGroup(pgid, o.killGraceMs ?? DEFAULT_KILL_GRACE_MS));
  let heartbeatError: Error | undefined;
  // Whichever of timeout and cancellation comes first names the outcome; the other finds `stopping` set.
  const timer = setTimeout(
    () => {
      if (stopping === undefined) timedOut = true;
      void stop();
    },
    Math.min(o.timeoutMs, MAX_TIMER_MS),
  );
  const onAbort = (): void => {
    if (stopping === undefined) cancelled = true;
    void stop();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const { onHeartbeat } = o;
  const heartbeat =
    onHeartbeat === undefined
      ? undefined
      : setInterval(() => {
          try {
            onHeartbeat({ elapsedMs: elapsed(), stdoutBytes: stdout.total });
          } catch (error) {
            heartbeatError ??= error instanceof Error ? error : new Error(String(error));
            void stop();
          }
        }, o.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS);

  const drained = new AbortController();
  try {
    const [exitCode, signal] = await exited;
    const durationMs = elapsed();
    // Whatever the tool left running in its group (daemons, orphaned children) goes with it.
    await stop();
    // A process that escaped the group could hold the pipes open forever; bound the wait for them.
    await Promise.race([
      closed,
      delay(PIPE_DRAIN_MS, undefined, { signal: drained.signal }).catch(() => undefined),
    ]);
    if (heartbeatError !== undefined) throw heartbeatError;
    return result(exitCode, signal, durationMs);
  } finally {
    drained.abort();
    clearTimeout(timer);
    clearInterval(heartbeat);
    o.signal?.removeEventListener('abort', onAbort);
    liveGroups.delete(pgid);
    child.stdout.destroy();
    child.stderr.destroy();
  }
}
