import type { RunCompletedData, RunWorkflowInput } from '@fuzzforge/contracts';
import type { RunEventEmitter } from './runEventEmitter';

export type RunSummary = Omit<RunCompletedData, 'runId' | 'completedAt'>;

/** Lifecycle activities every vertical's workflows share: they only publish facts, so retries are harmless. */
export function createRunReportActivities(emitter: RunEventEmitter) {
  return {
    async reportRunStarted(input: RunWorkflowInput): Promise<void> {
      await emitter.started(input.runId, input.workflow);
    },
    async reportRunCompleted(input: RunWorkflowInput, summary: RunSummary): Promise<void> {
      await emitter.completed(input.runId, summary);
    },
    async reportRunCancelled(input: RunWorkflowInput, reason: string): Promise<void> {
      await emitter.cancelled(input.runId, reason);
    },
    async reportRunFailed(input: RunWorkflowInput, error: { code: string; message: string }): Promise<void> {
      await emitter.failed(input.runId, error);
    },
  };
}

export type RunReportActivities = ReturnType<typeof createRunReportActivities>;
