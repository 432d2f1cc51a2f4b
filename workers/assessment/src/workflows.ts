import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  executeChild,
  isCancellation,
  proxyActivities,
} from '@temporalio/workflow';
import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunSummary } from '@fuzzforge/worker-runtime';
import { failureOf, reportedRun } from '@fuzzforge/worker-runtime/workflows';
import type { AssessmentActivities } from './activities';
import type { ChildRun } from './assessmentPlan';

const detect = proxyActivities<AssessmentActivities>({
  startToCloseTimeout: '30 minutes',
  // The activity heartbeats while it fetches: a worker killed meanwhile is noticed within this.
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '2 seconds' },
});

const merge = proxyActivities<AssessmentActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, initialInterval: '2 seconds' },
});

/** Every child is a vertical's scan workflow. */
type ChildWorkflow = (input: RunWorkflowInput) => Promise<RunSummary>;

/** A child's input: the same run and target, its own workflow and defaults, and its part's scope. */
const childInput = (input: RunWorkflowInput, child: ChildRun): RunWorkflowInput => ({
  runId: input.runId,
  targetId: input.targetId,
  targetSha256: input.targetSha256,
  workflow: child.workflow,
  cacheMode: child.cacheMode,
  parameters: child.parameters,
  resources: child.resources,
  child: { scope: child.vertical },
});

/**
 * Runs the children in parallel. The first real failure cancels the others (an assessment missing a
 * vertical would mislead) and waits for them, so nothing publishes after the run has ended; it is
 * rethrown naming its workflow. A cancel of the assessment reaches every child through the scope.
 */
async function runChildren(input: RunWorkflowInput, plan: ChildRun[]): Promise<void> {
  const children = new CancellationScope();
  const outcomes = await children.run(() =>
    Promise.allSettled(
      plan.map(async (child) => {
        try {
          return await executeChild<ChildWorkflow>(child.workflowType, {
            args: [childInput(input, child)],
            workflowId: `${input.runId}:${child.vertical}`,
            taskQueue: child.taskQueue,
            workflowExecutionTimeout: child.timeoutSeconds * 1000,
            // Should this workflow end any other way (terminated, timed out), its children are cancelled too.
            parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
            cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
          });
        } catch (err) {
          if (!isCancellation(err)) children.cancel();
          throw err;
        }
      }),
    ),
  );
  const failures = outcomes.flatMap((o, i) =>
    o.status === 'rejected' ? [{ child: plan[i]!, error: o.reason as unknown }] : [],
  );
  if (failures.length === 0) return;
  const failed = failures.find((f) => !isCancellation(f.error));
  if (failed && !CancellationScope.current().consideredCancelled) {
    const { code, message } = failureOf(failed.error);
    throw ApplicationFailure.create({
      type: code,
      message: `${failed.child.workflow}: ${message}`,
      nonRetryable: true,
    });
  }
  throw failures.find((f) => isCancellation(f.error))?.error ?? failures[0]!.error;
}

/**
 * security-assessment: report started, detect the target's languages, run one child workflow per
 * applicable vertical in parallel on its own task queue (workflow id `<runId>:<vertical>`), merge
 * their SARIF reports, report completed — or failed, or cancelled. The children publish findings
 * under this run's id and no lifecycle events. Deterministic: only `@temporalio/workflow` and types.
 */
export async function securityAssessment(input: RunWorkflowInput): Promise<RunSummary> {
  return reportedRun(input, async () => {
    const plan = await detect.detectLanguages(input);
    await runChildren(input, plan);
    return merge.mergeReports(
      input,
      plan.map((c) => c.vertical),
    );
  });
}
