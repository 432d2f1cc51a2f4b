import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';

export const runCancelledType = 'ff.run.cancelled';
export const runCancelledVersion = 'v1';
export const runCancelledSubject = (runId: string): string => `ff.run.${runId}.cancelled`;

export const RunCancelledData = z.object({
  runId: AggregateId,
  reason: z.string(),
  cancelledAt: z.iso.datetime({ offset: true }),
});
export type RunCancelledData = z.infer<typeof RunCancelledData>;

export const RunCancelledV1 = eventSchema(runCancelledType, runCancelledVersion, RunCancelledData);
export type RunCancelledV1 = z.infer<typeof RunCancelledV1>;
