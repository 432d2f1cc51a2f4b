import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunReportActivities, RunSummary } from '../runReportActivities';
import { reportedRun } from './runLifecycle';

/** The activities a scan workflow expects its vertical's worker to register. */
export type ScanActivities = RunReportActivities & {
  scanTarget(input: RunWorkflowInput): Promise<RunSummary>;
};

const scan = proxyActivities<ScanActivities>({
  startToCloseTimeout: '65 minutes',
  // A worker killed mid-scan is noticed within this, and the scan is retried on another worker; a
  // cancel reaches the activity with its next heartbeat.
  heartbeatTimeout: '20 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  // Attempts are also spent by infrastructure faults — a worker killed mid-scan (heartbeat timeout),
  // S3 or NATS restarting — that say nothing about the target: 3 let a few worker restarts fail a run
  // (the chaos suite saw it). Bad input fails at once (non-retryable); a target that keeps crashing
  // its worker still fails, after 10.
  retry: { maximumAttempts: 10, initialInterval: '2 seconds', maximumInterval: '30 seconds' },
});

/**
 * The workflow of every static-analysis vertical: report started, scan (fetch, run the tools, publish
 * findings and the SARIF report), report completed — or failed with the reason, or cancelled (the
 * running tool's process group is killed when the cancel reaches the activity). Deterministic: only
 * `@temporalio/workflow` and types are imported. As a part of a composite run (`input.child`) it only
 * scans: the parent reports the run's lifecycle, and a failure or cancel reaches it as this child's.
 */
export async function scanWorkflow(input: RunWorkflowInput): Promise<RunSummary> {
  if (input.child) return scan.scanTarget(input);
  return reportedRun(input, () => scan.scanTarget(input));
}
