import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunSummary } from '@fuzzforge/worker-runtime';
import { scanWorkflow } from '@fuzzforge/worker-runtime/workflows';

/** go-sast: fetch the target, run gosec, publish findings and the SARIF report. */
export async function goSast(input: RunWorkflowInput): Promise<RunSummary> {
  return scanWorkflow(input);
}

/** go-fuzz: a fuzzing campaign (the engine is picked by the workflow's name). */
export { fuzzCampaign } from '@fuzzforge/worker-runtime/workflows';
