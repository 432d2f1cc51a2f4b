import type { CrashFrame, FuzzEngine } from '@fuzzforge/contracts';
import type { ToolRunResult } from '../toolRunner';

/** A fuzz target found in (or named for) a workspace. */
export interface Harness {
  /** Stable name users pass as the `harness` parameter; corpora are stored per (project, engine, name). */
  name: string;
  /** The harness source, relative to the workspace (the finding's location when no frame is in the target). */
  source: string;
  /** Engine-specific detail: the Go package dir and Fuzz function, the cargo-fuzz target, ... */
  detail?: Record<string, string>;
}

/** One command as the campaign runs it: in the sandbox, cancelled with the run, heartbeating. */
export interface EngineCommand {
  command: string;
  args: string[];
  cwd: string;
  /** Added to the scrubbed PATH/HOME/LANG environment. */
  env?: Record<string, string>;
  timeoutMs: number;
  /** Builds that fetch dependencies (cargo) need the network; fuzzing never does. Default `none`. */
  network?: 'none' | 'host';
  /** Called with each complete line of stdout and stderr as it arrives (live stats). */
  onLine?: (line: string) => void;
  /**
   * Aborted when the campaign has what it came for: the command is stopped (its process group gets
   * SIGTERM) and `run` resolves with `cancelled` set, unlike a cancelled run, which rejects.
   */
  stop?: AbortSignal;
}

/** What the engine adapters get from the campaign: a sandboxed runner and private directories. */
export interface EngineContext {
  /** The extracted target; a private writable copy for this run. */
  workspace: string;
  /** Private scratch dir for build outputs and engine state (removed after the run). */
  scratch: string;
  /** Runs one command; resolves with its result (a non-zero exit is a result, not an error). */
  run(command: EngineCommand): Promise<ToolRunResult>;
}

export interface BuiltHarness {
  harness: Harness;
  /** The fuzz binary (or interpreter script) a session, a reproduction and a minimization run. */
  binary: string;
  /** Engine-specific leftovers of the build (package dir, cargo target dir, ...). */
  detail?: Record<string, string>;
}

/** A fuzzing budget as the run's parameters give it. */
export interface FuzzBudget {
  /** Wall-clock seconds left for this session. */
  durationSeconds: number;
  /** Executions left, when the run caps them. */
  maxExecutions?: number;
  /** Parallel fuzzing processes. */
  jobs: number;
  /** Per-input time limit; slower inputs are timeouts (a crash of type `timeout`). */
  timeoutPerInputMs: number;
  /** Per-process RSS limit; more is an out-of-memory crash. */
  memoryMb: number;
  /** Seed of the engine's random mutations, where it takes one; otherwise it picks its own. */
  seed?: number;
}

/** Counters an engine's output line carries; absent fields are unknown from that line. */
export interface FuzzCounters {
  executions?: number;
  execsPerSecond?: number;
  coverage?: number;
  corpusSize?: number;
  /** Crashing inputs this session found so far, as the engine counts them (before triage). */
  crashes?: number;
}

export interface FuzzSession {
  built: BuiltHarness;
  /** Seeds in, interesting inputs out: every file in it is one input. */
  corpusDir: string;
  /** Where the adapter leaves this session's crashing inputs (one file each). */
  crashDir: string;
  budget: FuzzBudget;
  /** Called with counters as the engine prints them. */
  onCounters(counters: FuzzCounters): void;
  /**
   * Aborted when the campaign needs no more from this session (enough crashes for `stopAfterCrashes`):
   * engines that keep fuzzing after a crash pass it to their command as `stop` and end early.
   */
  stop: AbortSignal;
}

export interface SessionOutcome {
  /** `crash`: the engine stopped at a crash (the campaign may start another session). */
  ended: 'budget' | 'crash';
  /** Final counters of the session (executions in this session only). */
  counters: FuzzCounters;
  /** Absolute paths of crashing inputs this session produced (inside crashDir). */
  crashInputs: string[];
  /**
   * The engine's own crash report (output tail) when it stopped at a crash: triage parses it when the
   * input does not crash again on its own (flaky, state-dependent crashes).
   */
  crashOutput?: string;
}

/** What a crash report says, parsed from sanitizer, panic or traceback output. */
export interface CrashReport {
  /** `heap-buffer-overflow`, `use-after-free`, `panic`, `uncaught-exception`, `timeout`, `out-of-memory`, ... */
  type: string;
  /** One line: the sanitizer's headline, the panic message, the exception. */
  summary: string;
  /** Innermost first, every frame the report shows (the signature picks the meaningful ones). */
  frames: CrashFrame[];
}

export interface Reproduction {
  crashed: boolean;
  /** Output of the re-run (stdout + stderr), parsed for the crash report. */
  output: string;
}

/**
 * One fuzzing engine as a vertical runs it. The campaign (fuzzCampaign.ts) owns the budget, restarts,
 * triage, deduplication, storage and events; an adapter only knows its engine's command lines and
 * output formats. Parsers (`parseCounters`, `parseCrash`) are pure and unit-tested on recorded output.
 */
export interface FuzzEngineAdapter {
  engine: FuzzEngine;
  /** `features` for libFuzzer-based engines, `edges` for AFL, ... */
  coverageUnit: 'edges' | 'features' | 'interesting-inputs';
  /** Version of the engine's toolchain, recorded in findings and SARIF. */
  version: string;
  /** Harnesses in the workspace, in a stable order; empty when there is none. */
  discover(workspace: string): Promise<Harness[]>;
  /** Builds the harness; throws HarnessBuildError (with the build log's tail) when it does not build. */
  build(harness: Harness, ctx: EngineContext): Promise<BuiltHarness>;
  /** Fuzzes until the budget is spent or (engines that stop at a crash) the first crash. */
  fuzz(session: FuzzSession, ctx: EngineContext): Promise<SessionOutcome>;
  /** Runs the harness once on `input`. */
  reproduce(built: BuiltHarness, input: string, ctx: EngineContext): Promise<Reproduction>;
  /** Parses a crash out of fuzzer or reproduction output; undefined when there is none. */
  parseCrash(output: string, workspace: string): CrashReport | undefined;
  /** Writes a smaller input with the same crash to `output`; false when it could not. */
  minimize?(built: BuiltHarness, input: string, output: string, ctx: EngineContext): Promise<boolean>;
  /**
   * Reduces `sources` (seed corpus + this run's) into `output` keeping coverage. Absent: the campaign
   * takes the union by content.
   */
  mergeCorpus?(built: BuiltHarness, sources: string[], output: string, ctx: EngineContext): Promise<void>;
  /** Frames the engine's own machinery adds on top of the user's (runtime, harness driver). */
  isNoiseFrame?(frame: CrashFrame): boolean;
}

/** A harness that does not build: the run fails with this, non-retryable, showing the log's tail. */
export class HarnessBuildError extends Error {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(message);
    this.name = 'HarnessBuildError';
  }
}
