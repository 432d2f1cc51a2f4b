import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { HarnessBuildError, type EngineContext, type Harness } from '@fuzzforge/worker-runtime';
import { tailLines } from '@fuzzforge/worker-runtime/provision';
import { planHarnessBuild } from './buildPlan';
import type { HarnessCompiler } from './harnessCompiler';
import { pathExists } from './pathExists';
import { scanSourceTree } from './sourceTree';

const COMPILE_TIMEOUT_MS = 5 * 60_000;
const BUILD_SCRIPT_TIMEOUT_MS = 30 * 60_000;
const LOG_TAIL_LINES = 60;

/** A harness binary and the directory it was built in. */
export interface HarnessBinary {
  binary: string;
  out: string;
}

/**
 * Builds `harness` with `compiler` into `<scratch>/<engine>-build/<harness>/out/<basename>`. A
 * `build.sh` beside the harness takes over, OSS-Fuzz style: it runs with cwd = workspace and CC, CXX,
 * CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, OUT, SRC, WORK, FUZZING_ENGINE and SANITIZER set, and must
 * leave `$OUT/<basename>`. Otherwise the simple rule of planHarnessBuild applies. Every command runs
 * through ctx.run (sandboxed, offline); a failure throws HarnessBuildError with the log's tail.
 */
export async function buildHarnessBinary(
  harness: Harness,
  ctx: EngineContext,
  compiler: HarnessCompiler,
): Promise<HarnessBinary> {
  const slug = harness.name.replace(/[^A-Za-z0-9._-]/g, '_');
  const dir = path.join(ctx.scratch, `${compiler.fuzzingEngine}-build`, slug);
  const out = path.join(dir, 'out');
  await rm(dir, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  // libFuzzer starts its fork, merge and minimize children through a shell: a name it can quote safely.
  const binary = path.join(out, path.posix.basename(harness.name).replace(/[^A-Za-z0-9._-]/g, '_'));
  const script = path.join(ctx.workspace, path.posix.dirname(harness.source), 'build.sh');
  const log: string[] = [];
  if (await pathExists(script)) {
    const work = path.join(dir, 'work');
    await mkdir(work, { recursive: true });
    const cflags = compiler.cflags.join(' ');
    await step(ctx, log, harness, `running ${path.relative(ctx.workspace, script)}`, {
      command: 'bash',
      args: [script],
      cwd: ctx.workspace,
      env: {
        ...compiler.env(out),
        CC: compiler.cc,
        CXX: compiler.cxx,
        CFLAGS: cflags,
        CXXFLAGS: cflags,
        LIB_FUZZING_ENGINE: compiler.libFuzzingEngine,
        OUT: out,
        SRC: ctx.workspace,
        WORK: work,
        FUZZING_ENGINE: compiler.fuzzingEngine,
        SANITIZER: 'address',
      },
      timeoutMs: BUILD_SCRIPT_TIMEOUT_MS,
    });
    if (!(await pathExists(binary))) {
      throw new HarnessBuildError(
        `${harness.name}: build.sh succeeded but left no ${path.basename(binary)} in $OUT`,
        tailLines(log.join('\n'), LOG_TAIL_LINES),
      );
    }
    return { binary, out };
  }
  const plan = planHarnessBuild(await scanSourceTree(ctx.workspace), harness.source);
  const includes = plan.includeDirs.map((d) => `-I${path.join(ctx.workspace, d)}`);
  const objects = plan.sources.map((s, i) => path.join(dir, 'obj', `${i}-${path.posix.basename(s)}.o`));
  await mkdir(path.join(dir, 'obj'), { recursive: true });
  await inParallel(plan.sources, async (source, i) => {
    const cxx = /\.(cc|cpp|cxx|c\+\+|C)$/.test(source);
    await step(ctx, log, harness, `compiling ${source}`, {
      command: cxx ? compiler.cxx : compiler.cc,
      args: [...compiler.cflags, ...includes, '-c', path.join(ctx.workspace, source), '-o', objects[i]!],
      cwd: ctx.workspace,
      env: compiler.env(out),
      timeoutMs: COMPILE_TIMEOUT_MS,
    });
  });
  await step(ctx, log, harness, 'linking', {
    command: plan.cxx ? compiler.cxx : compiler.cc,
    args: [...compiler.cflags, compiler.libFuzzingEngine, ...objects, '-o', binary],
    cwd: ctx.workspace,
    env: compiler.env(out),
    timeoutMs: COMPILE_TIMEOUT_MS,
  });
  return { binary, out };
}

type Command = Parameters<EngineContext['run']>[0];

async function step(
  ctx: EngineContext,
  log: string[],
  harness: Harness,
  what: string,
  command: Command,
): Promise<void> {
  const result = await ctx.run(command);
  log.push(`$ ${command.command} ${command.args.join(' ')}`, result.stdout, result.stderr);
  if (result.exitCode === 0 && !result.timedOut) return;
  const how = result.timedOut ? 'timed out' : `failed (exit ${result.exitCode ?? result.signal})`;
  throw new HarnessBuildError(
    `${harness.name} does not build: ${what} ${how}`,
    tailLines(log.join('\n'), LOG_TAIL_LINES),
  );
}

/**
 * Compiles a few files at once (builds are CPU-bound, and the worker runs other campaigns too); after
 * a failure no new compile starts, and the first failure is thrown once the running ones are done.
 */
async function inParallel<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  let failed = false;
  const lanes = Math.max(1, Math.min(4, availableParallelism(), items.length));
  const results = await Promise.allSettled(
    Array.from({ length: lanes }, async () => {
      while (next < items.length && !failed) {
        const index = next++;
        await work(items[index]!, index).catch((error: unknown) => {
          failed = true;
          throw error;
        });
      }
    }),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}
