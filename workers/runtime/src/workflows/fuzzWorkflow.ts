import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunReportActivities, RunSummary } from '../runReportActivities';
import { reportedRun } from './runLifecycle';

/** The activities a fuzzing workflow expects its vertical's worker to register. */
export type FuzzActivities = RunReportActivities & {
  fuzzTarget(input: RunWorkflowInput): Promise<RunSummary>;
};

const fuzz = proxyActivities<FuzzActivities>({
  // The campaign's own budget (at most a day) bounds it; this only catches a campaign that never ends.
  startToCloseTimeout: '26 hours',
  // A cancel reaches the campaign with its next heartbeat (every second while the fuzzer runs); a dead
  // worker is noticed within this, and the next attempt resumes from the last heartbeat's checkpoint.
  heartbeatTimeout: '20 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { maximumAttempts: 10, initialInterval: '2 seconds', maximumInterval: '30 seconds' },
});

/**
 * The workflow of every fuzzing engine: report started, run the campaign (build, fuzz, triage, store
 * crashes, corpus and SARIF), report completed — or failed with the reason, or cancelled (the fuzzer's
 * process group is killed when the cancel reaches the activity). Deterministic: only
 * `@temporalio/workflow` and types are imported.
 */
export async function fuzzCampaign(input: RunWorkflowInput): Promise<RunSummary> {
  return reportedRun(input, () => fuzz.fuzzTarget(input));
}
