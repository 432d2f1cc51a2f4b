import { z } from 'zod';
import { RunCancelledV1 } from './runCancelled.v1';
import { RunCancelRequestedV1 } from './runCancelRequested.v1';
import { FindingTriagedV1 } from './findingTriaged.v1';
import { RunCompletedV1 } from './runCompleted.v1';
import { RunFailedV1 } from './runFailed.v1';
import { RunFindingV1 } from './runFinding.v1';
import { RunProgressV1 } from './runProgress.v1';
import { RunRequestedV1 } from './runRequested.v1';
import { RunStartedV1 } from './runStarted.v1';
import { TargetUploadedV1 } from './targetUploaded.v1';
import { WebhookDisabledV1 } from './webhookDisabled.v1';
import { WebhookPingV1 } from './webhookPing.v1';

export * from './targetUploaded.v1';
export * from './runRequested.v1';
export * from './runStarted.v1';
export * from './runProgress.v1';
export * from './runFinding.v1';
export * from './runCompleted.v1';
export * from './runFailed.v1';
export * from './runCancelRequested.v1';
export * from './runCancelled.v1';
export * from './findingTriaged.v1';
export * from './webhookDisabled.v1';
export * from './webhookPing.v1';

/** Facts a worker reports about one run, in FF_RUN_EVENTS. */
export const RunEvent = z.discriminatedUnion('type', [
  RunStartedV1,
  RunProgressV1,
  RunFindingV1,
  RunCompletedV1,
  RunFailedV1,
  RunCancelledV1,
]);
export type RunEvent = z.infer<typeof RunEvent>;

/** Requests in FF_RUNS the dispatcher acts on. */
export const RunCommand = z.discriminatedUnion('type', [RunRequestedV1, RunCancelRequestedV1]);
export type RunCommand = z.infer<typeof RunCommand>;

/** Every event FuzzForge publishes, discriminated by `type`. */
export const FuzzForgeEvent = z.discriminatedUnion('type', [
  TargetUploadedV1,
  RunRequestedV1,
  RunStartedV1,
  RunProgressV1,
  RunFindingV1,
  RunCompletedV1,
  RunFailedV1,
  RunCancelledV1,
  RunCancelRequestedV1,
  FindingTriagedV1,
  WebhookDisabledV1,
  WebhookPingV1,
]);
export type FuzzForgeEvent = z.infer<typeof FuzzForgeEvent>;
