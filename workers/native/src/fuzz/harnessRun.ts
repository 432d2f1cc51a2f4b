import path from 'node:path';
import type { BuiltHarness, EngineContext, Reproduction } from '@fuzzforge/worker-runtime';
import { parseSanitizerReport } from '@fuzzforge/worker-runtime';

/** Generous: a reproduction includes ASan's start-up and symbolizing the stack. */
const REPRODUCE_TIMEOUT_MS = 120_000;

/**
 * Runs a harness binary once on `input` (libFuzzer and AFL's libFuzzer driver both take the file as
 * an argument). It crashed when it exited non-zero with a sanitizer or libFuzzer report in its output.
 */
export async function runHarnessOnce(
  built: BuiltHarness,
  input: string,
  ctx: EngineContext,
  o: { args: string[]; env: Record<string, string> },
): Promise<Reproduction> {
  const result = await ctx.run({
    command: built.binary,
    args: [...o.args, input],
    cwd: path.dirname(built.binary),
    env: o.env,
    timeoutMs: REPRODUCE_TIMEOUT_MS,
  });
  const output = `${result.stdout}${result.stderr}`;
  const failed = result.exitCode !== 0 && !result.timedOut;
  return { crashed: failed && parseSanitizerReport(output, ctx.workspace) !== undefined, output };
}
