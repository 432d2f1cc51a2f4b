import type { JetStreamClient } from '@nats-io/jetstream';
import {
  RunEvent,
  runCancelledSubject,
  runCancelledType,
  runCompletedSubject,
  runCompletedType,
  runFailedSubject,
  runFailedType,
  runFindingSubject,
  runFindingType,
  runProgressSubject,
  runProgressType,
  runStartedSubject,
  runStartedType,
  type Finding,
  type FuzzStats,
  type RunCompletedData,
} from '@fuzzforge/contracts';
import { newEvent, publishEvent } from '@fuzzforge/platform';

/**
 * Publishes the facts a worker learns about a run. Every event id is derived from the run and the
 * step (progress sequence, finding fingerprint), never random: an activity retried by Temporal
 * republishes the same ids, and JetStream plus the projector drop the repeats.
 */
export interface RunEventEmitter {
  started(runId: string, workflow: string): Promise<void>;
  /** `scope` names one part of a composite run (RunPart): each part numbers its progress on its own. */
  progress(
    runId: string,
    seq: number,
    step: string,
    message: string,
    percent?: number,
    scope?: string,
  ): Promise<void>;
  /** A fuzzing campaign's live counters; `scope` keeps attempts of a retried campaign apart. */
  fuzzProgress(runId: string, seq: number, scope: string, message: string, stats: FuzzStats): Promise<void>;
  finding(runId: string, finding: Finding): Promise<void>;
  completed(runId: string, summary: Omit<RunCompletedData, 'runId' | 'completedAt'>): Promise<void>;
  failed(runId: string, error: { code: string; message: string }): Promise<void>;
  cancelled(runId: string, reason: string): Promise<void>;
}

/** `<runId>.progress.<seq>`, or `<runId>.progress.<scope>.<seq>` for a part of a composite run. */
export const progressEventId = (runId: string, seq: number, scope?: string): string =>
  scope === undefined ? `${runId}.progress.${seq}` : `${runId}.progress.${scope}.${seq}`;

export interface EmitterDeps {
  js: JetStreamClient;
  source: string;
  worker: string;
  now: () => Date;
}

export function createRunEventEmitter(deps: EmitterDeps): RunEventEmitter {
  const emit = async (id: string, type: string, subject: string, data: unknown): Promise<void> => {
    const event = RunEvent.parse(
      newEvent({ id, type, version: 'v1', subject, source: deps.source, data, time: deps.now() }),
    );
    await publishEvent(deps.js, event);
  };
  const at = () => deps.now().toISOString();
  return {
    started: (runId, workflow) =>
      emit(`${runId}.started`, runStartedType, runStartedSubject(runId), {
        runId,
        workflow,
        worker: deps.worker,
        startedAt: at(),
      }),
    progress: (runId, seq, step, message, percent, scope) =>
      emit(progressEventId(runId, seq, scope), runProgressType, runProgressSubject(runId), {
        runId,
        seq,
        step,
        message,
        ...(percent === undefined ? {} : { percent }),
        at: at(),
      }),
    fuzzProgress: (runId, seq, scope, message, stats) =>
      emit(progressEventId(runId, seq, scope), runProgressType, runProgressSubject(runId), {
        runId,
        seq,
        step: `fuzz:${stats.phase}`,
        message,
        at: at(),
        fuzzing: stats,
      }),
    finding: (runId, finding) =>
      emit(`${runId}.finding.${finding.fingerprint}`, runFindingType, runFindingSubject(runId), {
        runId,
        finding,
        foundAt: at(),
      }),
    completed: (runId, summary) =>
      emit(`${runId}.completed`, runCompletedType, runCompletedSubject(runId), {
        runId,
        ...summary,
        completedAt: at(),
      }),
    cancelled: (runId, reason) =>
      emit(`${runId}.cancelled`, runCancelledType, runCancelledSubject(runId), {
        runId,
        reason,
        cancelledAt: at(),
      }),
    failed: (runId, error) =>
      emit(`${runId}.failed`, runFailedType, runFailedSubject(runId), { runId, error, failedAt: at() }),
  };
}
