import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  RunCancelledV1,
  runCancelledSubject,
  runCancelledType,
  runCancelledVersion,
  runCancelRequestedSubject,
  streams,
  type RunCancelRequestedV1,
} from '@fuzzforge/contracts';
import { newEvent, publishEvent } from '@fuzzforge/platform';

export interface CancelDeps {
  client: Client;
  js: JetStreamClient;
  jsm: JetStreamManager;
  now: () => Date;
}

export type CancelOutcome = 'cancel-sent' | 'cancelled-before-start';

/** True when a cancel was requested for the run (read straight from FF_RUNS). */
export async function cancelRequested(jsm: JetStreamManager, runId: string): Promise<boolean> {
  const stored = await jsm.streams
    .getMessage(streams.runs.name, { last_by_subj: runCancelRequestedSubject(runId) })
    .catch(() => null);
  return stored !== null;
}

/** Ends a run that never started as cancelled (same event id the worker would use: published once). */
export async function publishCancelledBeforeStart(
  deps: Pick<CancelDeps, 'js' | 'now'>,
  runId: string,
  reason: string,
) {
  const now = deps.now();
  const event = newEvent({
    id: `${runId}.cancelled`,
    type: runCancelledType,
    version: runCancelledVersion,
    subject: runCancelledSubject(runId),
    source: 'fuzzforge/dispatcher',
    data: { runId, reason, cancelledAt: now.toISOString() },
    time: now,
  });
  await publishEvent(deps.js, RunCancelledV1.parse(event));
}

/**
 * Cancels the run's workflow; its worker kills the running tool and reports the run cancelled. A run
 * without a workflow yet is reported cancelled here, and its start is skipped when the request comes.
 */
export async function cancelRun(deps: CancelDeps, event: RunCancelRequestedV1): Promise<CancelOutcome> {
  const { runId, reason } = event.data;
  try {
    await deps.client.workflow.getHandle(runId).cancel();
    return 'cancel-sent';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // No open execution: not started yet (or already finished — then the projector keeps the end state).
    await publishCancelledBeforeStart(deps, runId, reason);
    return 'cancelled-before-start';
  }
}
