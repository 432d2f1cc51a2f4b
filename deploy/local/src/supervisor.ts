import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { chmod, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import type { ProcessSpec, StackProcessName } from './processSpecs';
import { tailLines } from './runCommand';
import { StackError } from './stackError';
import type { Watchdog } from './watchdog';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One running server of the stack, its output going to `<logs>/<name>.log`. */
export interface Supervised {
  readonly name: StackProcessName;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM (or the spec's stop signal) to its process group, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Sends `signal` to its whole process group at once, as a crash would (SIGKILL); no-op once it exited. */
  kill(signal: NodeJS.Signals): void;
}

const maxLogBytes = 10 * 1024 * 1024;

/** The last lines of a log file (reads at most its final 64 KiB). */
export async function logTail(file: string, lines = 20): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      return tailLines(buffer.toString('utf8'), lines);
    } finally {
      await handle.close();
    }
  } catch {
    return '(no log output)';
  }
}

async function openLog(file: string, spec: ProcessSpec): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size > maxLogBytes) await rename(file, `${file}.1`);
  const fd = openSync(file, 'a');
  writeSync(fd, `\n=== ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
  return fd;
}

export async function startProcess(
  spec: ProcessSpec,
  options: { logDir: string; log: Logger; watchdog: Watchdog },
): Promise<Supervised> {
  const { log, watchdog } = options;
  for (const file of spec.files) {
    await writeFile(file.path, file.content, { mode: 0o600 });
    await chmod(file.path, 0o600);
  }
  const logFile = path.join(options.logDir, `${spec.name}.log`);
  const fd = await openLog(logFile, spec);
  // detached: its own process group, so a terminal's Ctrl-C reaches us (we stop it in order) and
  // stop() can signal the whole group (Postgres' backends, weed's helpers).
  const child = spawn(spec.command, spec.args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    ...(spec.runAs ? { uid: spec.runAs.uid, gid: spec.runAs.gid, cwd: '/' } : {}),
  });
  closeSync(fd);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  }).catch((error: Error) => {
    throw new StackError(
      'start-failed',
      `cannot start ${spec.name}: ${error.message}`,
      'npm run stack -- provision',
      {
        cause: error,
      },
    );
  });
  const pid = child.pid!;
  watchdog.guard(pid, spec.stopSignal);
  let stopping = false;
  let gone = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      gone = true;
      watchdog.release(pid);
      void Promise.all((spec.leftovers ?? []).map((file) => rm(file, { force: true }))).finally(() =>
        resolve({ code, signal }),
      );
      if (!stopping) {
        void logTail(logFile).then((tail) =>
          log.error(`${spec.name} exited unexpectedly: the stack is degraded`, {
            process: spec.name,
            pid,
            code,
            signal,
            logFile,
            tail,
          }),
        );
      }
    });
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    if (gone) return; // its pid may belong to someone else by now
    try {
      process.kill(-pid, signal);
    } catch {
      // exited in the meantime
    }
  };
  let stopped: Promise<void> | undefined;
  const stop = (graceMs = 15_000): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      signalGroup(spec.stopSignal);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        log.warn(`${spec.name} ignored ${spec.stopSignal}: killing it`, { pid, graceMs });
        signalGroup('SIGKILL');
      }
      await exited;
    })();
    return stopped;
  };
  log.info(`${spec.name} started`, { pid, logFile });
  return { name: spec.name, pid, logFile, exited, stop, kill: signalGroup };
}
