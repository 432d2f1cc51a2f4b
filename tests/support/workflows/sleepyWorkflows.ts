import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunSummary } from '@fuzzforge/worker-runtime';
import { scanWorkflow } from '@fuzzforge/worker-runtime/workflows';

/** The production scan workflow under another name, for a worker whose only tool sleeps. */
export async function sleepyScan(input: RunWorkflowInput): Promise<RunSummary> {
  return scanWorkflow(input);
}
