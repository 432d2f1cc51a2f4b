import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  HarnessBuildError,
  inputLimitArgs,
  runLibFuzzerSession,
  type BuiltHarness,
  type EngineContext,
  type FuzzEngineAdapter,
  type InputLimits,
} from '@fuzzforge/worker-runtime';
import type { AtherisToolchain } from '../provisionAtheris';
import { isAtherisNoiseFrame, parseAtherisCrash } from './atherisCrash';
import { discoverAtherisHarnesses } from './atherisHarnesses';
import { writeAtherisLauncher } from './atherisLauncher';

// Reproduction and minimization outside a session (another worker, a retry) use the parameters' defaults.
const DEFAULT_LIMITS: InputLimits = { timeoutPerInputMs: 5_000, memoryMb: 2_048 };
const MINIMIZE_SECONDS = 60;
const MINIMIZE_RUNS = 100_000;

const tail = (text: string, lines = 40): string => text.trimEnd().split('\n').slice(-lines).join('\n');
const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * The atheris engine: libFuzzer driving a Python harness, run as `<launcher> <libFuzzer flags>` (the
 * launcher runs `python harness.py`, see atherisLauncher.ts). Nothing to compile: `build` writes the
 * launcher and starts the harness once to prove it imports. Sessions are libFuzzer's own (see
 * runLibFuzzerSession), `jobs > 1` its `-fork=N`, whose jobs re-run the launcher. Paths handed to it
 * (scratch, corpus and crash dirs) must be free of spaces and shell metacharacters: fork, merge and
 * minimize modes start their children through the shell.
 */
export function atherisEngine(toolchain: AtherisToolchain): FuzzEngineAdapter {
  // The limits each harness last fuzzed with: a re-run judges a hang or an OOM as its session did.
  const limits = new WeakMap<BuiltHarness, InputLimits>();
  const limitsOf = (built: BuiltHarness): string[] => inputLimitArgs(limits.get(built) ?? DEFAULT_LIMITS);
  const run = (ctx: EngineContext, built: BuiltHarness, args: string[], timeoutMs: number) =>
    ctx.run({
      command: built.binary,
      args,
      cwd: ctx.workspace,
      timeoutMs,
    });

  return {
    engine: 'atheris',
    coverageUnit: 'features',
    version: toolchain.version,
    discover: discoverAtherisHarnesses,

    async build(harness, ctx) {
      const dir = path.join(ctx.scratch, 'atheris', harness.name.replace(/[^A-Za-z0-9._-]/g, '_'));
      const launcher = await writeAtherisLauncher({
        python: toolchain.python,
        harness: path.join(ctx.workspace, harness.source),
        workspace: ctx.workspace,
        dir,
      });
      const built: BuiltHarness = { harness, binary: launcher };
      // `-help=1` returns from atheris.Fuzz() before any input runs: the harness imported and set up.
      const check = await run(ctx, built, ['-help=1'], 120_000);
      const output = `${check.stdout}\n${check.stderr}`;
      if (check.exitCode !== 0 || !/^Usage:/m.test(output)) {
        throw new HarnessBuildError(`atheris harness ${harness.name} does not start`, tail(output));
      }
      return built;
    },

    fuzz(session, ctx) {
      limits.set(session.built, session.budget);
      // The launcher sets the environment; the workspace is where the harness imports the target from.
      return runLibFuzzerSession(session, ctx, { cwd: ctx.workspace });
    },

    async reproduce(built, input, ctx) {
      const result = await run(ctx, built, [...limitsOf(built), input], 300_000);
      const output = `${result.stdout}\n${result.stderr}`;
      const crashed = result.exitCode !== 0 && parseAtherisCrash(output, ctx.workspace) !== undefined;
      return { crashed, output };
    },

    parseCrash: parseAtherisCrash,

    async minimize(built, input, output, ctx) {
      await rm(output, { force: true });
      // libFuzzer re-runs the harness with the remaining flags each step; the command timeout bounds the
      // steps together. An interrupted minimization still leaves its best input so far.
      await run(
        ctx,
        built,
        [
          '-minimize_crash=1',
          `-runs=${MINIMIZE_RUNS}`,
          `-max_total_time=${MINIMIZE_SECONDS}`,
          ...limitsOf(built),
          `-exact_artifact_path=${output}`,
          input,
        ],
        MINIMIZE_SECONDS * 3 * 1000,
      );
      return exists(output);
    },

    async mergeCorpus(built, sources, output, ctx) {
      await mkdir(output, { recursive: true });
      const inputs: string[] = [];
      for (const source of sources) {
        if (path.resolve(source) !== path.resolve(output) && (await exists(source))) inputs.push(source);
      }
      if (inputs.length === 0) return;
      // Inputs that crash during the merge are written here instead of the working directory.
      const artifacts = path.join(ctx.scratch, 'atheris-merge-artifacts');
      await mkdir(artifacts, { recursive: true });
      const result = await run(
        ctx,
        built,
        ['-merge=1', ...limitsOf(built), `-artifact_prefix=${artifacts}/`, output, ...inputs],
        30 * 60_000,
      );
      if (result.exitCode !== 0) throw new Error(`atheris corpus merge failed:\n${tail(result.stderr)}`);
    },

    isNoiseFrame: isAtherisNoiseFrame,
  };
}
