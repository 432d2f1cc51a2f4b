import { Severity, severities, type SeverityCounts } from '@fuzzforge/contracts';
import { usageError } from './exitCodes';

/** `--fail-on` as typed → a severity; anything else is a usage error naming the choices. */
export function parseSeverity(raw: string): Severity {
  const parsed = Severity.safeParse(raw.toLowerCase());
  if (!parsed.success)
    throw usageError(`--fail-on ${raw} is not a severity: use one of ${severities.join(', ')}.`);
  return parsed.data;
}

export interface GateDecision {
  /** True when the run has findings at or above the threshold: ff exits 1. */
  fail: boolean;
  /** How many findings are at or above the threshold. */
  count: number;
  /** Those findings by severity, most severe first (zero counts left out). */
  breakdown: [Severity, number][];
}

/**
 * Whether a run fails the gate: its gatingCounts (suppressed findings already excluded by the API)
 * at `threshold` or above, in the order critical > high > medium > low > info.
 */
export function gateDecision(gatingCounts: SeverityCounts, threshold: Severity): GateDecision {
  const atOrAbove = severities.slice(0, severities.indexOf(threshold) + 1);
  const breakdown = atOrAbove.map((s): [Severity, number] => [s, gatingCounts[s]]).filter(([, n]) => n > 0);
  const count = breakdown.reduce((sum, [, n]) => sum + n, 0);
  return { fail: count > 0, count, breakdown };
}

/** `2 critical, 1 high` (or `none`). */
export const describeCounts = (counts: readonly [Severity, number][]): string =>
  counts.length === 0 ? 'none' : counts.map(([s, n]) => `${n} ${s}`).join(', ');

/** Every non-zero count of a run, most severe first. */
export const nonZero = (counts: SeverityCounts): [Severity, number][] =>
  severities.map((s): [Severity, number] => [s, counts[s]]).filter(([, n]) => n > 0);
