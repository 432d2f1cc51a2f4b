import { inputLimitArgs, type InputLimits } from '@fuzzforge/worker-runtime';

/** libFuzzer's own default of 20 minutes would make a reproduction of a hang last that long. */
export const defaultInputLimits: InputLimits = { timeoutPerInputMs: 25_000, memoryMb: 2048 };

/** Runs the harness once on `input` (libFuzzer runs file arguments once each). Pure. */
export const reproduceArgs = (input: string, limits: InputLimits): string[] => [
  ...inputLimitArgs(limits),
  input,
];

/** Per minimization step: libFuzzer repeats steps until one finds no smaller crashing input. */
export const MINIMIZE_STEP_RUNS = 4096;
export const MINIMIZE_STEP_SECONDS = 10;

/** Shrinks a crashing input into `output` (`-exact_artifact_path`). Pure. */
export const minimizeArgs = (input: string, output: string, limits: InputLimits): string[] => [
  '-minimize_crash=1',
  `-runs=${MINIMIZE_STEP_RUNS}`,
  `-max_total_time=${MINIMIZE_STEP_SECONDS}`,
  ...inputLimitArgs(limits),
  `-exact_artifact_path=${output}`,
  input,
];

/**
 * Keeps the inputs of `sources` that add coverage, copying them into `output`. The control file lets a
 * merge that crashes on an input restart past it; it and any crash go to the scratch dir. Pure.
 */
export const mergeArgs = (
  output: string,
  sources: readonly string[],
  scratch: { controlFile: string; crashDir: string },
  limits: InputLimits,
): string[] => [
  '-merge=1',
  `-merge_control_file=${scratch.controlFile}`,
  ...inputLimitArgs(limits),
  `-artifact_prefix=${scratch.crashDir}/`,
  output,
  ...sources,
];
