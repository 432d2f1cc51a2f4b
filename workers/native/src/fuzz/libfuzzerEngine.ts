import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  isSanitizerNoiseFrame,
  parseSanitizerReport,
  runLibFuzzerSession,
  type FuzzEngineAdapter,
} from '@fuzzforge/worker-runtime';
import { tailLines } from '@fuzzforge/worker-runtime/provision';
import type { NativeFuzzToolchain } from '../fuzzToolchain';
import { buildHarnessBinary } from './harnessBuild';
import { baseCflags, type HarnessCompiler } from './harnessCompiler';
import { harnessDictionary } from './harnessDictionary';
import { discoverNativeHarnesses } from './harnessDiscovery';
import { runHarnessOnce } from './harnessRun';
import { pathExists } from './pathExists';
import { sanitizerEnv } from './sanitizerEnv';

/** libFuzzer exits on its own at -max_total_time; this is how long it may take to wrap up after. */
const WRAP_UP_MS = 60_000;
/** Per-input limits of a reproduction or minimization, which have no session budget to take them from. */
const SINGLE_RUN_ARGS = ['-timeout=25', '-rss_limit_mb=2048'];
const MINIMIZE_SECONDS = 30;
const MINIMIZE_RUNS = 100_000;
const MERGE_TIMEOUT_MS = 15 * 60_000;

/**
 * The libfuzzer engine: harnesses built with clang's `-fsanitize=fuzzer` plus ASan and UBSan (UBSan
 * made fatal so its reports are crashes). Stops a session at the first crash.
 */
export function libfuzzerEngine(toolchain: NativeFuzzToolchain): FuzzEngineAdapter {
  const compiler: HarnessCompiler = {
    cc: toolchain.clang.cc,
    cxx: toolchain.clang.cxx,
    cflags: [...baseCflags, '-fsanitize=fuzzer-no-link,address,undefined', '-fno-sanitize-recover=undefined'],
    libFuzzingEngine: '-fsanitize=fuzzer',
    env: () => ({}),
    fuzzingEngine: 'libfuzzer',
  };
  const runEnv = (scratch: string) => sanitizerEnv(toolchain.llvmSymbolizer, scratch);

  return {
    engine: 'libfuzzer',
    coverageUnit: 'features',
    version: toolchain.clang.version,
    discover: discoverNativeHarnesses,

    async build(harness, ctx) {
      const { binary } = await buildHarnessBinary(harness, ctx, compiler);
      const dictionary = await harnessDictionary(ctx.workspace, harness.source);
      return { harness, binary, ...(dictionary ? { detail: { dictionary } } : {}) };
    },

    fuzz: (session, ctx) =>
      runLibFuzzerSession(session, ctx, {
        cwd: ctx.scratch,
        env: runEnv(ctx.scratch),
        dictionary: session.built.detail?.['dictionary'],
      }),

    reproduce: (built, input, ctx) =>
      runHarnessOnce(built, input, ctx, { args: SINGLE_RUN_ARGS, env: runEnv(ctx.scratch) }),

    parseCrash: parseSanitizerReport,

    async minimize(built, input, output, ctx) {
      await ctx.run({
        command: built.binary,
        args: [
          '-minimize_crash=1',
          `-max_total_time=${MINIMIZE_SECONDS}`,
          `-runs=${MINIMIZE_RUNS}`,
          ...SINGLE_RUN_ARGS,
          `-exact_artifact_path=${output}`,
          input,
        ],
        cwd: ctx.scratch,
        env: runEnv(ctx.scratch),
        timeoutMs: MINIMIZE_SECONDS * 1000 + WRAP_UP_MS,
      });
      // libFuzzer writes each smaller crashing input there; none means it could not shrink this one.
      const [written, original] = await Promise.all([stat(output).catch(() => undefined), stat(input)]);
      return written !== undefined && written.size > 0 && written.size <= original.size;
    },

    async mergeCorpus(built, sources, output, ctx) {
      await mkdir(output, { recursive: true });
      const existing = (
        await Promise.all(sources.map(async (s) => ((await pathExists(s)) ? s : undefined)))
      ).filter((s): s is string => s !== undefined);
      if (existing.length === 0) return;
      const result = await ctx.run({
        command: built.binary,
        args: [
          '-merge=1',
          `-merge_control_file=${path.join(ctx.scratch, 'libfuzzer-merge.control')}`,
          `-artifact_prefix=${ctx.scratch}/`,
          ...SINGLE_RUN_ARGS,
          output,
          ...existing,
        ],
        cwd: ctx.scratch,
        env: runEnv(ctx.scratch),
        timeoutMs: MERGE_TIMEOUT_MS,
      });
      if (result.exitCode !== 0) {
        throw new Error(
          `libFuzzer -merge=1 exited ${result.exitCode ?? result.signal}:\n${tailLines(result.stderr, 20)}`,
        );
      }
    },

    isNoiseFrame: isSanitizerNoiseFrame,
  };
}
