import { z } from 'zod';

/** The fuzzing engines FuzzForge runs, each on its vertical's worker. */
export const FuzzEngine = z.enum(['libfuzzer', 'afl', 'atheris', 'go-fuzz', 'cargo-fuzz']);
export type FuzzEngine = z.infer<typeof FuzzEngine>;

/** A project groups the runs whose crashes and corpora are shared; `default` when none is given. */
export const ProjectName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lowercase letters, digits, ".", "_" or "-", at most 63');
export type ProjectName = z.infer<typeof ProjectName>;
export const defaultProject = 'default';

/** Live campaign counters, as the engine reports them (run.progress `fuzzing`). */
export const FuzzStats = z.object({
  /** The run's project: corpus statistics are kept per (project, engine, harness). */
  project: ProjectName,
  engine: FuzzEngine,
  harness: z.string().min(1),
  /** Inputs executed so far in this run (all sessions, all jobs). */
  executions: z.number().int().nonnegative(),
  execsPerSecond: z.number().nonnegative(),
  /** Edges (AFL, Go: new-interesting count as proxy) or features (libFuzzer `ft`). */
  coverage: z.number().int().nonnegative(),
  coverageUnit: z.enum(['edges', 'features', 'interesting-inputs']),
  corpusSize: z.number().int().nonnegative(),
  /** Crashing inputs seen, before deduplication. */
  crashes: z.number().int().nonnegative(),
  /** Distinct crash signatures in this run. */
  uniqueCrashes: z.number().int().nonnegative(),
  elapsedSeconds: z.number().nonnegative(),
  /** `running` while fuzzing, `final` once the corpus is merged and stored. */
  phase: z.enum(['building', 'running', 'triage', 'final']),
});
export type FuzzStats = z.infer<typeof FuzzStats>;

/** One stack frame of a crash, innermost first. */
export const CrashFrame = z.object({
  function: z.string().min(1),
  /** Relative to the target root when the file is inside it. */
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** Binary, Go package or Python module the frame belongs to. */
  module: z.string().optional(),
});
export type CrashFrame = z.infer<typeof CrashFrame>;

/** Crash classes shared by every engine's parser; `type` names the sanitizer or runtime's own word. */
export const CrashType = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** A deduplicated crash as a finding carries it (Finding.crash). */
export const CrashDetails = z.object({
  /** sha256 (hex, 32 chars) of type + top 3 meaningful frames: equal across runs and projects. */
  signature: z.string().regex(/^[0-9a-f]{32}$/),
  /** Crashes are deduplicated per project: the same signature in two runs of it is one crash seen twice. */
  project: ProjectName,
  type: CrashType,
  /** First line of the report, e.g. `heap-buffer-overflow on address ... READ of size 1`. */
  summary: z.string().max(500),
  frames: z.array(CrashFrame).max(32),
  engine: FuzzEngine,
  harness: z.string().min(1),
  input: z.object({
    key: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().nonnegative(),
  }),
  /** Re-running the input once crashed again. */
  reproducible: z.boolean(),
  /** The stored input is the minimized one. */
  minimized: z.boolean(),
});
export type CrashDetails = z.infer<typeof CrashDetails>;
