import type { FuzzBudget } from '@fuzzforge/worker-runtime';

/** The per-input limits a re-run applies, so a timeout or an OOM of the session reproduces as one. */
export interface InputLimits {
  timeoutPerInputMs: number;
  memoryMb: number;
}

/** libFuzzer's own default of 20 minutes would make a reproduction of a hang last that long. */
export const defaultInputLimits: InputLimits = { timeoutPerInputMs: 25_000, memoryMb: 2048 };

const limitArgs = (l: InputLimits): string[] => [
  // libFuzzer takes whole seconds; a sub-second budget still needs one.
  `-timeout=${Math.max(1, Math.ceil(l.timeoutPerInputMs / 1000))}`,
  `-rss_limit_mb=${l.memoryMb}`,
];

/**
 * One fuzzing session. libFuzzer stops at the first crash (writing `crash-`/`timeout-`/`oom-`/`leak-`
 * files under the prefix) or when the budget is spent. `jobs > 1` is libFuzzer's fork mode: N child
 * processes fuzz in turns of about a minute and merge what they find into the first corpus dir; the
 * parent reports its own totals, and checks `-runs` only between turns (it overshoots). Pure.
 */
export function fuzzArgs(corpusDir: string, crashDir: string, budget: FuzzBudget): string[] {
  return [
    `-max_total_time=${Math.max(1, Math.floor(budget.durationSeconds))}`,
    ...(budget.maxExecutions ? [`-runs=${budget.maxExecutions}`] : []),
    ...limitArgs(budget),
    `-artifact_prefix=${crashDir}/`,
    '-print_final_stats=1',
    ...(budget.jobs > 1 ? [`-fork=${budget.jobs}`] : []),
    corpusDir,
  ];
}

/** Runs the harness once on `input` (libFuzzer runs file arguments once each). Pure. */
export const reproduceArgs = (input: string, limits: InputLimits): string[] => [...limitArgs(limits), input];

/** Per minimization step: libFuzzer repeats steps until one finds no smaller crashing input. */
export const MINIMIZE_STEP_RUNS = 4096;
export const MINIMIZE_STEP_SECONDS = 10;

/** Shrinks a crashing input into `output` (`-exact_artifact_path`). Pure. */
export const minimizeArgs = (input: string, output: string, limits: InputLimits): string[] => [
  '-minimize_crash=1',
  `-runs=${MINIMIZE_STEP_RUNS}`,
  `-max_total_time=${MINIMIZE_STEP_SECONDS}`,
  ...limitArgs(limits),
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
  ...limitArgs(limits),
  `-artifact_prefix=${scratch.crashDir}/`,
  output,
  ...sources,
];
