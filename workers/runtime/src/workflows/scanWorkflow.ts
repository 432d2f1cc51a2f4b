import {
  ActivityCancellationType,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
} from '@temporalio/workflow';
import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunReportActivities, RunSummary } from '../runReportActivities';
import { withinRunTimeout } from './runTimeout';

/** The activities a scan workflow expects its vertical's worker to register. */
export type ScanActivities = RunReportActivities & {
  scanTarget(input: RunWorkflowInput): Promise<RunSummary>;
};

const report = proxyActivities<ScanActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 20, maximumInterval: '30 seconds' },
});

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

/** The code and message a failed run reports: those of the innermost cause (a tool, bad input, ...). */
export const failureOf = (err: unknown): { code: string; message: string } => {
  let cause: unknown = err;
  while (cause instanceof Error && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure)
    return { code: cause.type ?? 'ActivityFailed', message: cause.message };
  return { code: 'ActivityFailed', message: cause instanceof Error ? cause.message : String(cause) };
};

/**
 * The workflow of every static-analysis vertical: report started, scan (fetch, run the tools, publish
 * findings and the SARIF report), report completed — or failed with the reason, or cancelled (the
 * running tool's process group is killed when the cancel reaches the activity). Deterministic: only
 * `@temporalio/workflow` and types are imported. As a part of a composite run (`input.child`) it only
 * scans: the parent reports the run's lifecycle, and a failure or cancel reaches it as this child's.
 */
export async function scanWorkflow(input: RunWorkflowInput): Promise<RunSummary> {
  if (input.child) return scan.scanTarget(input);
  await report.reportRunStarted(input);
  try {
    const summary = await withinRunTimeout(input, () => scan.scanTarget(input));
    await report.reportRunCompleted(input, summary);
    return summary;
  } catch (err) {
    await reportRunEnded(report, input, err);
    throw err;
  }
}

/**
 * Reports how a run that threw ended: cancelled, or failed with the reason. The report runs outside the
 * (possibly cancelled) workflow scope, so it goes out even from a cancelled workflow.
 */
export async function reportRunEnded(
  reports: Pick<RunReportActivities, 'reportRunCancelled' | 'reportRunFailed'>,
  input: RunWorkflowInput,
  err: unknown,
): Promise<void> {
  if (isCancellation(err)) {
    await CancellationScope.nonCancellable(() => reports.reportRunCancelled(input, 'cancel requested'));
  } else {
    await CancellationScope.nonCancellable(() => reports.reportRunFailed(input, failureOf(err)));
  }
}
