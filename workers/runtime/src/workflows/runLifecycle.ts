import { ApplicationFailure, CancellationScope, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunReportActivities, RunSummary } from '../runReportActivities';
import { withinRunTimeout } from './runTimeout';

/** The lifecycle reports every vertical's worker registers; they only publish, so retries are harmless. */
const reports = proxyActivities<RunReportActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 20, maximumInterval: '30 seconds' },
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
 * Reports how a run that threw ended: cancelled, or failed with the reason. The report runs outside the
 * (possibly cancelled) workflow scope, so it goes out even from a cancelled workflow.
 */
export async function reportRunEnded(input: RunWorkflowInput, err: unknown): Promise<void> {
  if (isCancellation(err)) {
    await CancellationScope.nonCancellable(() => reports.reportRunCancelled(input, 'cancel requested'));
  } else {
    await CancellationScope.nonCancellable(() => reports.reportRunFailed(input, failureOf(err)));
  }
}

/**
 * A run's whole life around its work: report started, do the work within the catalog timeout, report
 * completed — or failed with the reason (`timeout` past it), or cancelled.
 */
export async function reportedRun(
  input: RunWorkflowInput,
  work: () => Promise<RunSummary>,
): Promise<RunSummary> {
  await reports.reportRunStarted(input);
  try {
    const summary = await withinRunTimeout(input, work);
    await reports.reportRunCompleted(input, summary);
    return summary;
  } catch (err) {
    await reportRunEnded(input, err);
    throw err;
  }
}
