import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunSummary } from '@fuzzforge/worker-runtime';
import { scanWorkflow } from '@fuzzforge/worker-runtime/workflows';

/** python-sast: fetch the target, run bandit and semgrep, publish findings and the SARIF report. */
export async function pythonSast(input: RunWorkflowInput): Promise<RunSummary> {
  return scanWorkflow(input);
}

/** atheris: a fuzzing campaign (the engine is picked by the workflow's name). */
export { fuzzCampaign } from '@fuzzforge/worker-runtime/workflows';
