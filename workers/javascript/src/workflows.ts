import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunSummary } from '@fuzzforge/worker-runtime';
import { scanWorkflow } from '@fuzzforge/worker-runtime/workflows';

/** javascript-sast: fetch the target, run eslint and semgrep, publish findings and the SARIF report. */
export async function javascriptSast(input: RunWorkflowInput): Promise<RunSummary> {
  return scanWorkflow(input);
}
