import { mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FuzzCounters, FuzzEngineAdapter } from '@fuzzforge/worker-runtime';
import { tailLines } from '@fuzzforge/worker-runtime/provision';
import type { NativeFuzzToolchain } from '../fuzzToolchain';
import { aflFuzzArgs, aflFuzzEnv, aflInstanceNames } from './aflArgs';
import { collectAflFiles, prepareAflSeeds } from './aflFindings';
import type { AflInstanceStats } from './aflStats';
import { pollAflStats, readAflStats } from './aflStatsPoller';
import { buildHarnessBinary } from './harnessBuild';
import { baseCflags, type HarnessCompiler } from './harnessCompiler';
import { harnessDictionary } from './harnessDictionary';
import { discoverNativeHarnesses } from './harnessDiscovery';
import { runHarnessOnce } from './harnessRun';
import { sanitizerEnv } from './sanitizerEnv';
import { isSanitizerNoiseFrame, parseSanitizerReport } from '@fuzzforge/worker-runtime';

/** afl-fuzz stops itself at -V; this is how long it may take to write its last stats after. */
const WRAP_UP_MS = 60_000;
/** The comparison constants AFL_LLVM_DICT2FILE collects from the harness's code at compile time. */
const AUTO_DICTIONARY = 'afl-comparisons.dict';

/**
 * The afl engine: harnesses built with afl-clang-fast and AFL++'s libFuzzer driver (`-fsanitize=fuzzer`)
 * with ASan. Multi-byte magic values (a 4-byte memcmp) are found by a dictionary of the code's own
 * comparison constants (AFL_LLVM_DICT2FILE) and laf-intel's split comparisons (AFL_LLVM_LAF_ALL).
 * CMPLOG would be the usual answer, but Debian's AFL++ 4.04c never solved the fixture's 4-byte memcmp
 * with a separate CMPLOG binary or with CMPLOG in the ASan binary; the dictionary solves it in
 * milliseconds. AFL keeps fuzzing after crashes: a session always ends on its budget. Inputs AFL
 * saves as hangs are not crash inputs: its hang verdict is a per-input timeout without a report.
 */
export function aflEngine(toolchain: NativeFuzzToolchain): FuzzEngineAdapter {
  const compiler: HarnessCompiler = {
    cc: toolchain.afl.cc,
    cxx: toolchain.afl.cxx,
    cflags: baseCflags,
    libFuzzingEngine: '-fsanitize=fuzzer',
    env: (out) => ({
      AFL_USE_ASAN: '1',
      AFL_LLVM_LAF_ALL: '1',
      AFL_LLVM_DICT2FILE: path.join(out, AUTO_DICTIONARY),
      AFL_QUIET: '1',
    }),
    fuzzingEngine: 'afl',
  };

  return {
    engine: 'afl',
    coverageUnit: 'edges',
    version: toolchain.afl.version,
    discover: discoverNativeHarnesses,

    async build(harness, ctx) {
      const { binary, out } = await buildHarnessBinary(harness, ctx, compiler);
      const dictionaries = [
        await harnessDictionary(ctx.workspace, harness.source),
        await nonEmpty(path.join(out, AUTO_DICTIONARY)),
      ].filter((d): d is string => d !== undefined);
      // detail holds strings only: the list is one path per line.
      return { harness, binary, detail: { dictionaries: dictionaries.join('\n') } };
    },

    async fuzz(session, ctx) {
      const { budget, built } = session;
      const run = await mkdtemp(path.join(ctx.scratch, 'afl-session-'));
      const seeds = path.join(run, 'seeds');
      const out = path.join(run, 'out');
      await prepareAflSeeds(session.corpusDir, seeds);
      const instances = aflInstanceNames(budget.jobs);
      const dictionaries = (built.detail?.['dictionaries'] ?? '').split('\n').filter(Boolean);
      const poller = pollAflStats(out, instances, (stats) => session.onCounters(countersOf(stats)));
      try {
        let settled;
        try {
          settled = await Promise.allSettled(
            instances.map((instance) =>
              ctx.run({
                command: toolchain.afl.fuzz,
                args: aflFuzzArgs({ budget, instance, seeds, out, binary: built.binary, dictionaries }),
                cwd: run,
                env: aflFuzzEnv(budget.memoryMb),
                timeoutMs: budget.durationSeconds * 1000 + WRAP_UP_MS,
                stop: session.stop,
              }),
            ),
          );
        } finally {
          await poller.stop();
        }
        // Every instance is down before anything is cleaned up; then the first failure (a cancel) wins.
        const failure = settled.find((r) => r.status === 'rejected');
        if (failure) throw failure.reason;
        const results = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        const stats = await readAflStats(out, instances);
        if (stats.executions === undefined) {
          // afl-fuzz stopped before fuzzing: no instrumentation, a crashing or hanging seed, no shared memory.
          const failed = results.find((r) => r.exitCode !== 0) ?? results[0];
          throw new Error(
            `afl-fuzz did not start fuzzing:\n${tailLines(stripAnsi(failed?.stdout ?? ''), 20)}`,
          );
        }
        await collectAflFiles(out, instances, 'queue', session.corpusDir);
        const crashInputs = await collectAflFiles(out, instances, 'crashes', session.crashDir, 'crash-');
        const counters = countersOf(stats);
        session.onCounters(counters);
        // Stopped by the campaign (enough crashes to triage): it is a crash stop, not a spent budget.
        return { ended: session.stop.aborted ? 'crash' : 'budget', counters, crashInputs };
      } finally {
        // A campaign runs many sessions: what AFL kept is in corpusDir and crashDir now.
        await rm(run, { recursive: true, force: true });
      }
    },

    reproduce: (built, input, ctx) =>
      runHarnessOnce(built, input, ctx, {
        args: [],
        env: sanitizerEnv(toolchain.llvmSymbolizer, ctx.scratch),
      }),

    parseCrash: parseSanitizerReport,
    isNoiseFrame: isSanitizerNoiseFrame,
  };
}

const countersOf = (stats: AflInstanceStats): FuzzCounters => ({ ...stats });

const nonEmpty = async (file: string): Promise<string | undefined> =>
  ((await stat(file).catch(() => undefined))?.size ?? 0) > 0 ? file : undefined;

// afl-fuzz colours its messages even without a terminal.
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;?]*[A-Za-z]`, 'g');
const stripAnsi = (text: string): string => text.replace(ANSI_ESCAPE, '');
