import { ApplicationFailure } from '@temporalio/activity';
import type { Harness } from './fuzzEngine';

/**
 * The harness a run fuzzes: the one named, else the first found. A target without one, or a name that
 * is not there, fails the run at once (not retried) saying what exists.
 */
export function pickHarness(found: readonly Harness[], wanted: string | undefined, engine: string): Harness {
  if (found.length === 0) {
    throw ApplicationFailure.nonRetryable(
      `no ${engine} harness found in the target (see the README's fuzzing section for what ${engine} looks for)`,
      'NoHarness',
    );
  }
  if (wanted === undefined) return found[0]!;
  const match = found.find((h) => h.name === wanted);
  if (!match) {
    throw ApplicationFailure.nonRetryable(
      `harness ${wanted} not found; the target has: ${found.map((h) => h.name).join(', ')}`,
      'NoHarness',
    );
  }
  return match;
}
