import { ApplicationFailure, CancellationScope, isCancellation } from '@temporalio/workflow';
import type { RunWorkflowInput } from '@fuzzforge/contracts';

/** The code a run that outlived its workflow's catalog timeout fails with. */
export const runTimeoutCode = 'timeout';

/**
 * Runs the work of a run within its catalog timeout (`input.timeoutSeconds`): when it is up, the work
 * is cancelled (its activities' tools killed, its children cancelled) and the run fails with code
 * `timeout`. A cancel of the run itself is not a timeout and passes through as a cancellation.
 */
export async function withinRunTimeout<T>(input: RunWorkflowInput, work: () => Promise<T>): Promise<T> {
  if (input.timeoutSeconds === undefined || input.child) return work();
  try {
    return await CancellationScope.withTimeout(input.timeoutSeconds * 1000, work);
  } catch (err) {
    if (isCancellation(err) && !CancellationScope.current().consideredCancelled) {
      throw ApplicationFailure.create({
        type: runTimeoutCode,
        message: `the run did not finish within its ${input.timeoutSeconds} s timeout`,
        nonRetryable: true,
      });
    }
    throw err;
  }
}
