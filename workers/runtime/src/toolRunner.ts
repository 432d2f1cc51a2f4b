import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { LineSplitter } from './lineSplitter';
import { OutputCapture } from './outputCapture';
import { stopGroup, trackGroup, untrackGroup } from './processGroup';
import { spawnFailure, ToolError } from './toolError';
import { toolEnv } from './toolEnv';
import { networkIsolation, resolveExecutable, sandboxedCommand, type SandboxLimits } from './toolSandbox';

export { ToolError, type ToolErrorCode } from './toolError';
export { networkIsolation, type SandboxLimits } from './toolSandbox';

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
  /** Memory, CPU and network limits; none when absent. */
  sandbox?: SandboxLimits;
  /** Called with each line of stdout and stderr as it arrives (the captures are kept as well). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
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

const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_KILL_GRACE_MS = 2_000;
/** setTimeout fires at once for longer delays; a longer timeout is effectively none anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long to wait for output still in the pipes once the whole group is gone. */
const PIPE_DRAIN_MS = 1_000;

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

  const env = toolEnv(o.env);
  let argv = { command: o.command, args: o.args };
  if (o.sandbox) {
    const executable = await resolveExecutable(o.command, env['PATH'] ?? '');
    if (!executable) throw new ToolError('not-found', `${o.command} is not installed (not found on PATH)`);
    argv = sandboxedCommand(executable, o.args, o.sandbox, networkIsolation());
  }
  const child = spawn(argv.command, argv.args, {
    cwd: o.cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Listening before the first await: nothing the tool does can be missed.
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (code, signal) => resolve([code, signal])),
  );
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const { onLine } = o;
  const outLines = onLine ? new LineSplitter((line) => onLine(line, 'stdout')) : undefined;
  const errLines = onLine ? new LineSplitter((line) => onLine(line, 'stderr')) : undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    outLines?.push(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    errLines?.push(chunk);
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(spawnFailure(o.command, error)));
  });
  // detached: true made the tool a group leader, so its pid is the group id.
  const pgid = child.pid as number;
  trackGroup(pgid);

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
    outLines?.end();
    errLines?.end();
    if (heartbeatError !== undefined) throw heartbeatError;
    return result(exitCode, signal, durationMs);
  } finally {
    drained.abort();
    clearTimeout(timer);
    clearInterval(heartbeat);
    o.signal?.removeEventListener('abort', onAbort);
    untrackGroup(pgid);
    child.stdout.destroy();
    child.stderr.destroy();
  }
}
