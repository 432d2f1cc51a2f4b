import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResponse, Severity } from '@fuzzforge/contracts';
import type { Context } from './context';
import { CliError, exitCodes } from './exitCodes';
import { describeCounts, gateDecision, nonZero } from './gating';
import { runProgressLine } from './progressFormat';
import { statusLine } from './statusLine';

/**
 * Waits for a run to end by polling it. With `live`, its progress (step and percent, or a fuzzing
 * campaign's execs/s, coverage and crashes) is shown on stderr: redrawn in place on a terminal, one
 * line per change elsewhere.
 */
export async function watchRun(ctx: Context, runId: string, live: boolean): Promise<RunResponse> {
  const line = statusLine(ctx.err, { interactive: ctx.interactive, columns: ctx.columns, minIntervalMs: 0 });
  // Ctrl-C stops the waiting, not the run: say so, and how to get back to it or stop it.
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await ctx.client.runs.wait(runId, {
      intervalMs: live ? 1000 : 2000,
      signal: interrupted.signal,
      onUpdate: (run) => {
        if (live) line.update(runProgressLine(run));
      },
    });
  } catch (err) {
    if (!interrupted.signal.aborted) throw err;
    line.done();
    throw new CliError(
      `Stopped waiting; run ${runId} goes on. Follow it with ff runs show ${runId} --live, or stop it with ff runs cancel ${runId}.`,
      exitCodes.interrupted,
    );
  } finally {
    process.off('SIGINT', onInterrupt);
    line.done();
  }
}

/** Writes the run's SARIF log to `file` (relative to the working directory). */
export async function writeSarif(ctx: Context, runId: string, file: string): Promise<void> {
  const sarif = await ctx.client.runs.sarif(runId);
  await writeFile(path.resolve(ctx.cwd, file), `${JSON.stringify(sarif, null, 2)}\n`);
  ctx.err.write(`Wrote the SARIF log of run ${runId} to ${file}.\n`);
}

/** `completed: 2 critical, 1 low (gating: 2 critical)`: what a human reads at the end of a run. */
export const runSummary = (run: RunResponse): string =>
  `Run ${run.id} ${run.status}: findings ${describeCounts(nonZero(run.findingCounts))}; gating ${describeCounts(
    nonZero(run.gatingCounts),
  )}.`;

/** The exit code of an ended run: 3 failed or cancelled, 1 gated by --fail-on, else 0 (with why on stderr). */
export function endOf(ctx: Context, run: RunResponse, failOn: Severity | undefined): number {
  if (run.status === 'failed' || run.status === 'cancelled') {
    const reason = run.error ? ` (${run.error.code}: ${run.error.message})` : '';
    throw new CliError(
      `Run ${run.id} ${run.status}${reason}. See ff runs show ${run.id} and ff runs events ${run.id}; ff runs retry ${run.id} runs it again.`,
      exitCodes.runFailed,
    );
  }
  if (failOn) {
    const gate = gateDecision(run.gatingCounts, failOn);
    if (gate.fail) {
      ctx.err.write(
        `ff: ${gate.count} finding${gate.count === 1 ? '' : 's'} at or above ${failOn} (${describeCounts(
          gate.breakdown,
        )}). Fix them, or triage false positives with ff findings triage ID false_positive --comment WHY.\n`,
      );
      return exitCodes.findings;
    }
  }
  return exitCodes.ok;
}
