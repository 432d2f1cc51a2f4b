import {
  defaultProject,
  taskQueueOf,
  type RunRequestedV1,
  type RunWorkflowInput,
  type WorkflowCatalogEntry,
} from '@fuzzforge/contracts';

/** Time a workflow has past its catalog timeout to cancel its work and report the run failed. */
export const EXECUTION_TIMEOUT_GRACE_SECONDS = 300;

export interface WorkflowStart {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  input: RunWorkflowInput;
  executionTimeoutMs: number;
}

export type WorkflowStartDecision = { ok: true; start: WorkflowStart } | { ok: false; reason: string };

/**
 * How a run request becomes a Temporal workflow start. The run id is the workflow id, so however often
 * the request is delivered, Temporal holds one execution for it.
 */
export function toWorkflowStart(
  event: RunRequestedV1,
  catalog: readonly WorkflowCatalogEntry[],
): WorkflowStartDecision {
  const d = event.data;
  const entry = catalog.find((w) => w.name === d.workflow);
  if (!entry) return { ok: false, reason: `workflow ${d.workflow} is not in the catalog` };
  return {
    ok: true,
    start: {
      workflowType: entry.workflowType,
      workflowId: d.runId,
      taskQueue: taskQueueOf(entry.vertical),
      // The workflow enforces the catalog's timeout itself, so the run ends failed with reason `timeout`;
      // Temporal's own, later, only catches a workflow that could not.
      executionTimeoutMs: (entry.timeoutSeconds + EXECUTION_TIMEOUT_GRACE_SECONDS) * 1000,
      input: {
        runId: d.runId,
        targetId: d.targetId,
        targetSha256: d.targetSha256,
        workflow: d.workflow,
        cacheMode: entry.cacheMode,
        parameters: d.parameters,
        resources: entry.resources,
        project: d.project ?? defaultProject,
        timeoutSeconds: entry.timeoutSeconds,
      },
    },
  };
}
