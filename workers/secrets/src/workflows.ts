import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunSummary } from '@fuzzforge/worker-runtime';
import { scanWorkflow } from '@fuzzforge/worker-runtime/workflows';

/** secret-scan: fetch the target, run gitleaks, publish findings and the SARIF report. */
export async function secretScan(input: RunWorkflowInput): Promise<RunSummary> {
  return scanWorkflow(input);
}
