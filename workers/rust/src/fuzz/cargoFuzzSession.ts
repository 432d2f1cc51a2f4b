import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { EngineContext, FuzzCounters, FuzzSession, SessionOutcome } from '@fuzzforge/worker-runtime';
import type { RustToolchain } from '../rustToolchain';
import { runEnv } from './cargoFuzzEnv';
import { crashInputsIn } from './crashInputs';
import { fuzzArgs } from './libFuzzerArgs';
import { libFuzzerCounters, mergeCounters } from './libFuzzerStats';

/** Enough of the end of libFuzzer's stderr for triage to parse the report (ASan's run to ~300 lines). */
const CRASH_OUTPUT_BYTES = 64 * 1024;
/** libFuzzer checks its time budget between inputs and fork mode winds its jobs down: grace for both. */
const EXIT_GRACE_MS = 60_000;

const tailFrom = (text: string, bytes: number): string => {
  if (text.length <= bytes) return text;
  const cut = text.slice(-bytes);
  return cut.slice(cut.indexOf('\n') + 1);
};

/**
 * Runs the harness's libFuzzer binary for one session, off the network, in the workspace (so Rust's
 * backtrace paths are workspace-relative). Reports counters live; ends `crash` when libFuzzer left a
 * crashing input (it stops at the first), `budget` when it ran out of time or executions.
 */
export async function runCargoFuzzSession(
  toolchain: RustToolchain,
  session: FuzzSession,
  ctx: EngineContext,
): Promise<SessionOutcome> {
  const { budget } = session;
  const fork = budget.jobs > 1;
  const tmpDir = path.join(ctx.scratch, 'tmp');
  await Promise.all([mkdir(tmpDir, { recursive: true }), mkdir(session.crashDir, { recursive: true })]);
  const before = new Set(await crashInputsIn(session.crashDir));
  let counters: FuzzCounters = {};
  const result = await ctx.run({
    command: session.built.binary,
    args: fuzzArgs(session.corpusDir, session.crashDir, budget),
    cwd: ctx.workspace,
    env: runEnv(toolchain, tmpDir),
    timeoutMs: budget.durationSeconds * 1000 + budget.timeoutPerInputMs * 2 + EXIT_GRACE_MS,
    onLine: (line) => {
      const seen = libFuzzerCounters(line, fork);
      if (!seen) return;
      counters = mergeCounters(counters, seen);
      session.onCounters(seen);
    },
  });
  const crashInputs = (await crashInputsIn(session.crashDir)).filter((f) => !before.has(f));
  if (crashInputs.length) {
    return {
      ended: 'crash',
      counters,
      crashInputs,
      crashOutput: tailFrom(result.stderr, CRASH_OUTPUT_BYTES),
    };
  }
  if (result.exitCode === 0 || result.timedOut) return { ended: 'budget', counters, crashInputs };
  throw new Error(
    `libFuzzer (${path.basename(session.built.binary)}) exited with ${result.exitCode ?? result.signal} ` +
      `and left no crashing input:\n${tailFrom(result.stderr, 4096)}`,
  );
}
