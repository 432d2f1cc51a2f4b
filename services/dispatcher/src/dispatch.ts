import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { RunRequestedV1, WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { PoisonMessageError } from '@fuzzforge/platform';
import { toWorkflowStart } from './workflowStart';

export type DispatchOutcome = 'started' | 'already-started';

/** Starts the run's workflow; resolves once Temporal accepted it (or already had it), so the caller may ack. */
export async function dispatchRun(
  client: Client,
  catalog: readonly WorkflowCatalogEntry[],
  event: RunRequestedV1,
): Promise<DispatchOutcome> {
  const decision = toWorkflowStart(event, catalog);
  if (!decision.ok) throw new PoisonMessageError(decision.reason);
  const { start } = decision;
  try {
    await client.workflow.start(start.workflowType, {
      workflowId: start.workflowId,
      taskQueue: start.taskQueue,
      args: [start.input],
      workflowExecutionTimeout: start.executionTimeoutMs,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw err;
  }
}
