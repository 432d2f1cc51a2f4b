import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { RunCommand, RunRequestedV1, WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { PoisonMessageError } from '@fuzzforge/platform';
import { toWorkflowStart } from './workflowStart';
import {
  cancelRequested,
  cancelRun,
  publishCancelledBeforeStart,
  type CancelDeps,
  type CancelOutcome,
} from './cancel';

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

/** Routes one command from FF_RUNS: start a run (unless it was cancelled first) or cancel one. */
export async function handleRunCommand(
  deps: CancelDeps,
  catalog: readonly WorkflowCatalogEntry[],
  event: RunCommand,
): Promise<DispatchOutcome | CancelOutcome> {
  if (event.type === 'ff.run.cancel-requested') return cancelRun(deps, event);
  if (await cancelRequested(deps.jsm, event.data.runId)) {
    await publishCancelledBeforeStart(deps, event.data.runId, 'cancelled before it started');
    return 'cancelled-before-start';
  }
  return dispatchRun(deps.client, catalog, event);
}
