import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuiltHarness, EngineContext, InputLimits, Reproduction } from '@fuzzforge/worker-runtime';
import type { RustToolchain } from '../rustToolchain';
import { runEnv } from './cargoFuzzEnv';
import { MINIMIZE_STEP_SECONDS, mergeArgs, minimizeArgs, reproduceArgs } from './libFuzzerArgs';

/** Minimization repeats steps until none shrinks the input; past this the original input is kept. */
const MINIMIZE_TIMEOUT_MS = 12 * MINIMIZE_STEP_SECONDS * 1000;
const MERGE_TIMEOUT_MS = 30 * 60_000;

const tmpOf = async (ctx: EngineContext): Promise<string> => {
  const dir = path.join(ctx.scratch, 'tmp');
  await mkdir(dir, { recursive: true });
  return dir;
};

/** The harness once on `input`, offline, in the workspace; any non-zero exit (or a kill) is a crash. */
export async function reproduceInput(
  toolchain: RustToolchain,
  built: BuiltHarness,
  input: string,
  limits: InputLimits,
  ctx: EngineContext,
): Promise<Reproduction> {
  const result = await ctx.run({
    command: built.binary,
    args: reproduceArgs(input, limits),
    cwd: ctx.workspace,
    env: runEnv(toolchain, await tmpOf(ctx)),
    timeoutMs: limits.timeoutPerInputMs * 2 + 30_000,
  });
  return { crashed: result.exitCode !== 0, output: `${result.stdout}${result.stderr}` };
}

/** libFuzzer's `-minimize_crash`: true when it wrote a crashing input to `output` and finished in time. */
export async function minimizeInput(
  toolchain: RustToolchain,
  built: BuiltHarness,
  input: string,
  output: string,
  limits: InputLimits,
  ctx: EngineContext,
): Promise<boolean> {
  const result = await ctx.run({
    command: built.binary,
    args: minimizeArgs(input, output, limits),
    cwd: ctx.workspace,
    env: runEnv(toolchain, await tmpOf(ctx)),
    timeoutMs: MINIMIZE_TIMEOUT_MS,
  });
  if (result.exitCode !== 0 || result.timedOut) return false;
  return (await stat(output).catch(() => undefined))?.isFile() === true;
}

/** libFuzzer's `-merge=1`: the inputs of `sources` that add coverage, copied into `output`. */
export async function mergeInputs(
  toolchain: RustToolchain,
  built: BuiltHarness,
  sources: readonly string[],
  output: string,
  limits: InputLimits,
  ctx: EngineContext,
): Promise<void> {
  const existing: string[] = [];
  for (const source of sources)
    if ((await stat(source).catch(() => undefined))?.isDirectory()) existing.push(source);
  await mkdir(output, { recursive: true });
  if (!existing.length) return;
  const tmp = await tmpOf(ctx);
  const scratch = {
    controlFile: path.join(tmp, `merge-${randomUUID()}.txt`),
    crashDir: path.join(tmp, 'merge-crashes'),
  };
  await mkdir(scratch.crashDir, { recursive: true });
  const result = await ctx.run({
    command: built.binary,
    args: mergeArgs(output, existing, scratch, limits),
    cwd: ctx.workspace,
    env: runEnv(toolchain, tmp),
    timeoutMs: MERGE_TIMEOUT_MS,
  });
  if (result.exitCode !== 0) {
    throw new Error(
      `libFuzzer corpus merge failed (exit ${result.exitCode ?? result.signal}):\n${result.stderr.slice(-4096)}`,
    );
  }
}
