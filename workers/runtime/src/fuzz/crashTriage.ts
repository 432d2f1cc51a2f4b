import type { CrashFrame } from '@fuzzforge/contracts';
import { crashSignature, meaningfulFrames } from './crashSignature';
import type { BuiltHarness, CrashReport, EngineContext, FuzzEngineAdapter } from './fuzzEngine';

export interface TriagedCrash {
  report: CrashReport;
  /** Meaningful frames, innermost first. */
  frames: CrashFrame[];
  signature: string;
  /** The input crashed again when re-run once on its own. */
  reproducible: boolean;
}

/** A crash the engine reported but nobody could parse still counts, as one crash of its kind. */
const unparsed: CrashReport = {
  type: 'unknown-crash',
  summary: 'the engine reported a crash whose report could not be parsed',
  frames: [],
};

/**
 * Re-runs a crashing input once and classifies it: the re-run's report when it crashed again, else the
 * engine's own report from the session, so a flaky crash is still typed (and marked not reproducible).
 */
export async function triageCrash(
  engine: FuzzEngineAdapter,
  built: BuiltHarness,
  input: string,
  ctx: EngineContext,
  sessionOutput: string | undefined,
): Promise<TriagedCrash> {
  const rerun = await engine.reproduce(built, input, ctx);
  const fromRerun = rerun.crashed ? engine.parseCrash(rerun.output, ctx.workspace) : undefined;
  const report =
    fromRerun ??
    (sessionOutput === undefined ? undefined : engine.parseCrash(sessionOutput, ctx.workspace)) ??
    unparsed;
  const frames = meaningfulFrames(report.frames, (f) => engine.isNoiseFrame?.(f) ?? false);
  return {
    report,
    frames,
    signature: crashSignature(report.type, frames),
    reproducible: rerun.crashed,
  };
}
