import {
  isSuppressed,
  zeroCounts,
  type FindingLifecycle,
  type Severity,
  type SeverityCounts,
  type TriageHistoryEntry,
  type TriageStatus,
} from '@fuzzforge/contracts';

/** `new` when the run is the first of its project (in request order) to report the finding. */
export const lifecycleOf = (runId: string, firstRunId: string): FindingLifecycle =>
  runId === firstRunId ? 'new' : 'recurring';

/**
 * The fingerprints a run fixed: reported by its baseline (the previous completed run of the same
 * project and workflow) and no longer by the run. In the baseline's order.
 */
export function fixedFingerprints(baseline: readonly string[], current: readonly string[]): string[] {
  const still = new Set(current);
  return baseline.filter((fp) => !still.has(fp));
}

/**
 * Severity counts of the findings that gate: those not triaged false_positive or accepted_risk.
 * Takes findings grouped by severity and status, each group with how many findings it holds.
 */
export function gatingCounts(
  groups: readonly { severity: Severity; status: TriageStatus; count: number }[],
): SeverityCounts {
  const counts = zeroCounts();
  for (const g of groups) if (!isSuppressed(g.status)) counts[g.severity] += g.count;
  return counts;
}

/** SARIF's word for a finding's place against the baseline (SARIF 2.1.0 §3.27.24). */
export const baselineStateOf = (lifecycle: FindingLifecycle | null): 'new' | 'unchanged' | undefined =>
  lifecycle === null ? undefined : lifecycle === 'new' ? 'new' : 'unchanged';

/**
 * A finding as it is once a triage decision taken now is applied: the decision is the latest fact, so
 * it sets the status and ends the history (no run was requested after it yet). What the projector
 * will derive, for an answer that cannot wait for it.
 */
export function withDecision<
  F extends { status: TriageStatus; suppressed: boolean; history: TriageHistoryEntry[] },
>(finding: F, decision: { status: TriageStatus; comment?: string; triagedBy?: string; at: string }): F {
  return {
    ...finding,
    status: decision.status,
    suppressed: isSuppressed(decision.status),
    history: [
      ...finding.history,
      {
        kind: 'triage',
        status: decision.status,
        comment: decision.comment ?? null,
        triagedBy: decision.triagedBy ?? null,
        at: decision.at,
        run: null,
      },
    ],
  };
}
