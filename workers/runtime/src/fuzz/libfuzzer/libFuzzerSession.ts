import { mkdir } from 'node:fs/promises';
import { tailLines } from '../../provision/runCommand';
import type { EngineContext, FuzzCounters, FuzzSession, SessionOutcome } from '../fuzzEngine';
import { crashArtifactsIn, newCrashArtifacts } from './crashArtifacts';
import { libFuzzerSessionArgs } from './libFuzzerArgs';
import { parseLibFuzzerCounters } from './libFuzzerCounters';

/** libFuzzer checks its time budget between inputs and fork mode winds its jobs down: grace for both. */
const EXIT_GRACE_MS = 60_000;
/** Enough of the end of libFuzzer's stderr for triage to parse the report (ASan's run to ~300 lines). */
const CRASH_OUTPUT_CHARS = 64 * 1024;

/** How an engine runs its libFuzzer binary; the rest of a session is libFuzzer's own. */
export interface LibFuzzerSessionOptions {
  /** The binary's working directory: where the paths in its reports are relative to. */
  cwd: string;
  env?: Record<string, string>;
  /** A dictionary shipped with the harness. */
  dictionary?: string;
}

const tailFrom = (text: string, chars: number): string => {
  if (text.length <= chars) return text;
  const cut = text.slice(-chars);
  return cut.slice(cut.indexOf('\n') + 1);
};

/**
 * One session of a libFuzzer binary (`session.built.binary`), reporting counters as they are printed.
 * Ends `crash` when libFuzzer left a crash artifact (it stops at the first), `budget` when it spent its
 * time or executions; throws when it failed without one (it refused to start: a bad flag, a broken
 * binary, no memory).
 */
export async function runLibFuzzerSession(
  session: FuzzSession,
  ctx: EngineContext,
  o: LibFuzzerSessionOptions,
): Promise<SessionOutcome> {
  const { budget, built, corpusDir, crashDir } = session;
  // libFuzzer creates neither, and a crash it cannot write is lost.
  await Promise.all([corpusDir, crashDir].map((dir) => mkdir(dir, { recursive: true })));
  const before = await crashArtifactsIn(crashDir);
  const { args, mode } = libFuzzerSessionArgs({ budget, corpusDir, crashDir, dictionary: o.dictionary });
  const counters: FuzzCounters = {};
  const result = await ctx.run({
    command: built.binary,
    args,
    cwd: o.cwd,
    env: o.env,
    timeoutMs: budget.durationSeconds * 1000 + budget.timeoutPerInputMs * 2 + EXIT_GRACE_MS,
    onLine: (line) => {
      const update = parseLibFuzzerCounters(line, mode);
      if (!update) return;
      Object.assign(counters, update);
      session.onCounters(update);
    },
  });
  // libFuzzer's final average divides by whole seconds (10.9 s counts as 10): the session's own wall
  // time gives the rate to the percent.
  if (counters.executions !== undefined && result.durationMs > 0) {
    counters.execsPerSecond = Math.round((counters.executions * 1000) / result.durationMs);
    session.onCounters({ execsPerSecond: counters.execsPerSecond });
  }
  const crashInputs = await newCrashArtifacts(crashDir, before);
  if (crashInputs.length > 0) {
    const crashOutput = tailFrom(result.stderr, CRASH_OUTPUT_CHARS);
    return { ended: 'crash', counters, crashInputs, crashOutput };
  }
  if (result.exitCode === 0 || result.timedOut) return { ended: 'budget', counters, crashInputs };
  throw new Error(
    `libFuzzer (${built.harness.name}) exited with ${result.exitCode ?? result.signal} and left no crash ` +
      `artifact:\n${tailLines(result.stderr, 20)}`,
  );
}
