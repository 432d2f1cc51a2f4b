import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunSummary } from '@fuzzforge/worker-runtime';
import { scanWorkflow } from '@fuzzforge/worker-runtime/workflows';

/** native-sast: fetch the target, run cppcheck and flawfinder, publish findings and the SARIF report. */
export async function nativeSast(input: RunWorkflowInput): Promise<RunSummary> {
  return scanWorkflow(input);
}

/** libfuzzer, afl: a fuzzing campaign (the engine is picked by the workflow's name). */
export { fuzzCampaign } from '@fuzzforge/worker-runtime/workflows';
