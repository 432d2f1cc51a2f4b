import {
  defaultProject,
  taskQueueOf,
  type RunRequestedV1,
  type RunWorkflowInput,
  type WorkflowCatalogEntry,
} from '@fuzzforge/contracts';

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
      executionTimeoutMs: entry.timeoutSeconds * 1000,
      input: {
        runId: d.runId,
        targetId: d.targetId,
        targetSha256: d.targetSha256,
        workflow: d.workflow,
        cacheMode: entry.cacheMode,
        parameters: d.parameters,
        resources: entry.resources,
        project: d.project ?? defaultProject,
      },
    },
  };
}
